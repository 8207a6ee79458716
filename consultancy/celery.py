"""The Celery app. Tasks live in each app's tasks.py; this module only wires them up.

The one task defined here is operational: the worker heartbeat that /healthz reports, which is also
how the tests prove a task made a round trip through the real broker and a real worker.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultancy.settings")

app = Celery("consultancy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.import_modules.connect
def _create_filesystem_broker_folders(**kwargs: object) -> None:
    ensure_filesystem_broker_folders()


def ensure_filesystem_broker_folders() -> None:
    """kombu's filesystem transport expects its folders to exist; create them (no-op for Redis)."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


HEARTBEAT_CACHE_KEY = "celery:worker-heartbeat"


@app.task(name="consultancy.heartbeat", ignore_result=True)
def heartbeat(token: str = "") -> None:
    """Record that a worker is alive (and which token it processed) in the shared cache."""
    from django.core.cache import cache

    cache.set(HEARTBEAT_CACHE_KEY, {"at": datetime.now(UTC).isoformat(), "token": token}, timeout=None)
