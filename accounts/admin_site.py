"""The staff admin site: password, then a second factor, before any admin page.

Staff sign in with Django's admin login form (password, counted by django-axes), then pass a TOTP
code at `two-factor/` (enrolling an authenticator app there the first time). Until then every admin
page sends them back to that step. A signed-in applicant (not staff) asking for an admin page gets
403: they have an account, just not this one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from consultancy.ratelimits import limited

from . import two_factor
from .two_factor import is_verified

_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff and not is_verified(request))


def second_factor_redirect(request: HttpRequest) -> HttpResponseRedirect:
    url = reverse("admin:two-factor")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


class StaffAdminSite(admin.AdminSite):
    index_title = _("Cases, letters and staff")

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        """Staff work under the consultancy's name (`CONSULTANCY_NAME`), not "Django administration"."""
        context = super().each_context(request)
        context["site_header"] = settings.CONSULTANCY_NAME
        context["site_title"] = _("%(consultancy)s staff") % {"consultancy": settings.CONSULTANCY_NAME}
        return context

    def has_permission(self, request: HttpRequest) -> bool:
        """Active staff who passed their second factor in this session."""
        return super().has_permission(request) and is_verified(request)

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if user.is_authenticated and not user.is_staff:
                raise PermissionDenied
            if needs_second_factor(request) and request.path != reverse(
                "admin:logout", current_app=self.name
            ):
                return second_factor_redirect(request)
            response: HttpResponseBase = inner(request, *args, **kwargs)
            return response

        return cast(_View, guarded)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Step one (password). A staff user past it but not yet verified goes on to step two."""
        too_many = limited(request, group="staff-login", rate=settings.STAFF_LOGIN_RATE)
        if too_many:
            return too_many
        if request.method == "GET" and needs_second_factor(request):
            return second_factor_redirect(request)
        return super().login(request, extra_context)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        extra = [path("two-factor/", two_factor.second_factor, name="two-factor")]
        return extra + super().get_urls()
