"""Step two of the staff sign-in: the TOTP code, or enrolling an authenticator app the first time."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from consultancy.ratelimits import limited

from .forms import EnrolForm, TokenForm
from .middleware import start_staff_session
from .services import confirm_totp_enrolment, start_totp_enrolment

# The pending device this session's enrolment page shows (each attempt has its own secret).
ENROLMENT_KEY = "otp_enrolment_device"


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed a second factor (django-otp's middleware adds `is_verified`)."""
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _verified(request: HttpRequest, device: TOTPDevice) -> HttpResponseRedirect:
    otp_login(request, device)
    # A new session key once fully signed in: a key seen before the second factor is worth nothing.
    request.session.cycle_key()
    start_staff_session(request.session)
    return HttpResponseRedirect(_next_url(request))


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return HttpResponseRedirect(
            f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}"
        )
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    assert isinstance(user, User)
    if is_verified(request):
        return HttpResponseRedirect(_next_url(request))
    too_many = limited(request, group="staff-login", rate=settings.STAFF_LOGIN_RATE)
    if too_many:
        return too_many

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    form = TokenForm(request.POST if request.method == "POST" else None)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                form.add_error("token", _("Too many wrong codes. Wait a minute, then enter the newest code."))
            elif device.verify_token(form.cleaned_data["token"]):
                return _verified(request, device)
            else:
                form.add_error("token", _("That code is not right. Enter the code your app shows now."))
        return render(
            request,
            "accounts/two_factor_verify.html",
            {"form": form, "next": _next_url(request), "title": _("Two-factor sign-in")},
        )

    return _enrol(request, user)


def _enrol(request: HttpRequest, user: User) -> HttpResponse:
    """First sign-in: this session's own secret, confirmed with a code and the password again."""
    pending = start_totp_enrolment(user=user, pending_id=request.session.get(ENROLMENT_KEY))
    request.session[ENROLMENT_KEY] = pending.pk
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Through the authentication backends, so a wrong password here counts towards the lock-out.
        if (
            authenticate(request, username=user.get_username(), password=form.cleaned_data["password"])
            != user
        ):
            form.add_error("password", _("That is not your password."))
        elif confirm_totp_enrolment(device=pending, token=form.cleaned_data["token"]):
            pending.refresh_from_db()
            del request.session[ENROLMENT_KEY]
            return _verified(request, pending)
        else:
            form.add_error(
                "token", _("That code is not right. Check the app was set up with this page's code.")
            )
    key = base64.b32encode(pending.bin_key).decode().rstrip("=")
    qr = segno.make(pending.config_url, error="m").svg_inline(scale=4, omitsize=False)
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "title": _("Set up two-factor sign-in"),
            "qr_svg": mark_safe(qr),  # noqa: S308  # generated by segno from our own otpauth URL, no input
            "secret": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )
