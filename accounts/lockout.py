"""django-axes hooks: the page a locked-out client gets (instead of axes' plain text), and the user
name an attempt is counted against."""

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


# django-axes stores the user name of every attempt in a 255-character column.
_USERNAME_COLUMN = 255


def username_for_lockout(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The user name an attempt counts against, as django-axes would read it, cut to what its table
    holds: a longer one typed into a sign-in form would otherwise fail to save (a 500 on PostgreSQL)."""
    field = "username"  # both sign-in forms' field (AXES_USERNAME_FORM_FIELD keeps its default)
    source: Any = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return None if username is None else str(username)[:_USERNAME_COLUMN]
