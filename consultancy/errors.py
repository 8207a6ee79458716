"""The server-error handler: a database outage is a 503 "back soon" page, anything else a 500.

Django calls `server_error` while it handles the exception, so `sys.exc_info()` names it. The 503
page is rendered without the request's context processors: they would read the session and the user
from the very database that is down.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30


def database_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    response: HttpResponseServerError = django_server_error(request)
    return response
