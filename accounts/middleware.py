"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request and STAFF_SESSION_MAX_HOURS
after sign-in, whatever the activity. Applicants' sessions are not affected."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

STARTED_KEY = "staff_session_started_at"
LAST_SEEN_KEY = "staff_session_last_seen_at"
# The last-seen time is written at most this often, not on every request.
_TOUCH_EVERY_SECONDS = 60


def start_staff_session(session: SessionBase) -> None:
    """Called once a staff member is fully signed in (both factors): their session's clock starts."""
    now = time.time()
    session[STARTED_KEY] = session[LAST_SEEN_KEY] = now


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and user.is_staff:
            ended = self._check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        now = time.time()
        session = request.session
        started = float(session.setdefault(STARTED_KEY, now))
        last_seen = float(session.setdefault(LAST_SEEN_KEY, now))
        idle = now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
        too_old = now - started > settings.STAFF_SESSION_MAX_HOURS * 3600
        if idle or too_old:
            logout(request)  # flushes the session: a new, anonymous one follows
            if idle:
                message = _("You were signed out after %(minutes)d minutes without activity.") % {
                    "minutes": settings.STAFF_SESSION_IDLE_MINUTES
                }
            else:
                message = _("You were signed out %(hours)d hours after signing in. Please sign in again.") % {
                    "hours": settings.STAFF_SESSION_MAX_HOURS
                }
            messages.warning(request, message)
            login = reverse("admin:login")
            return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if now - last_seen >= _TOUCH_EVERY_SECONDS:
            session[LAST_SEEN_KEY] = now
        return None
