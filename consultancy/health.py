"""GET /healthz: is the database reachable, is the broker reachable, when did a worker last beat."""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .celery import HEARTBEAT_CACHE_KEY, app

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the reason goes to the log only
        logger.warning("healthz: database unreachable: %s", type(exc).__name__)
        return "down"
    return "ok"


def _broker_status() -> str:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as exc:
        logger.warning("healthz: broker unreachable: %s", type(exc).__name__)
        return "down"
    return "ok"


def _last_worker_heartbeat() -> str | None:
    try:
        beat: dict[str, Any] | None = cache.get(HEARTBEAT_CACHE_KEY)
    except Exception:
        return None
    return beat["at"] if beat else None


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 when either is down.

    The worker heartbeat is informative only: a quiet worker is not an outage of the web tier.
    """
    checks = {"database": _database_status(), "broker": _broker_status()}
    healthy = all(status == "ok" for status in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        **checks,
        "worker_last_heartbeat": _last_worker_heartbeat() if checks["database"] == "ok" else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)
