"""Requests refused before any view reads them.

- Size: a body larger than the caller could need is refused (413) from its Content-Length, before a
  byte of it is read. Anonymous callers only ever send small forms and profiles
  (ANONYMOUS_REQUEST_MAX_BYTES); signed-in applicants and staff also upload documents
  (SIGNED_IN_REQUEST_MAX_BYTES). Django's own limits apply on top: DATA_UPLOAD_MAX_MEMORY_SIZE for
  form fields and raw bodies. A body without a Content-Length (chunked) is not read by Django at all.
- NUL characters: no text this application handles may contain U+0000 (PostgreSQL cannot even store
  it, and the query would fail with a 500). A path, query string or form field holding one is a bad
  request (400), whatever view it was meant for.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """After authentication (the limit depends on who is asking), before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        signed_in = request.user.is_authenticated
        limit = settings.SIGNED_IN_REQUEST_MAX_BYTES if signed_in else settings.ANONYMOUS_REQUEST_MAX_BYTES
        if _declared_length(request) > limit:
            return self._too_large(request)
        return self.get_response(request)

    @staticmethod
    def _too_large(request: HttpRequest) -> HttpResponse:
        message = _("The request is too large.")
        if request.path_info.startswith("/api/"):
            return JsonResponse({"errors": {"": [message]}}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class RejectNulCharactersMiddleware:
    """Placed after the size limit, so a form body is parsed only when it is of a reasonable size."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path_info or self._in_fields(request):
            raise SuspiciousOperation("NUL character in the request")
        return self.get_response(request)

    @staticmethod
    def _in_fields(request: HttpRequest) -> bool:
        sources = [request.GET]
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            sources.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for source in sources
            for key, values in source.lists()
        )
