"""The page a locked-out client gets (django-axes calls `locked_out` instead of its plain text)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
