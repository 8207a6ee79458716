"""Per-client rate limits, counted in the shared cache so every web process sees the same count."""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def over_limit(request: HttpRequest, *, group: str, rate: str) -> bool:
    """Count this request against `rate` (e.g. "60/m") for its client address; True when past it."""
    return bool(is_ratelimited(request, group=group, key="ip", rate=rate, increment=True))
