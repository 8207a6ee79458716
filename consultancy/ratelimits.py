"""Per-client rate limits, counted in the shared cache so every web process sees the same count.

Past a limit, HTML pages answer with `too_many_requests` (the translated 429 page with Retry-After);
the JSON API answers in JSON. When the cache itself is unreachable (Redis down) the limits fail open:
a public form keeps working rather than turning every visitor away, and the event is logged.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy the last X-Forwarded-For hop (the one
    the proxy added; earlier hops are whatever the client sent and cannot be trusted)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return str(hops[-1])
    return str(request.META.get("REMOTE_ADDR", ""))


def over_limit(request: HttpRequest, *, group: str, rate: str) -> bool:
    """Count this request against `rate` (e.g. "60/m") for its client address; True when past it."""
    try:
        return bool(is_ratelimited(request, group=group, key="ip", rate=rate, increment=True))
    except Exception as exc:  # the cache backend's connection errors have no common base class
        logger.warning("rate limit %s not counted, cache unreachable: %s", group, type(exc).__name__)
        return False


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The 429 page: what happened and when to try again, in the visitor's language."""
    response = render(request, "429.html", {"retry_after": RETRY_AFTER_SECONDS}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def limited(request: HttpRequest, *, group: str, rate: str) -> HttpResponse | None:
    """For POSTs only: the 429 page when this client is past `rate` for `group`, else None."""
    if request.method == "POST" and over_limit(request, group=group, rate=rate):
        return too_many_requests(request)
    return None
