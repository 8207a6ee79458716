"""Getting into the portal: e-mail and password, a one-time e-mailed link, the resume link, password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultancy.ratelimits import limited

from ..intake.base import error_links
from ..services.portal import activate_portal_account, send_sign_in_link
from ..tokens import read_magic_token, read_resume_token
from .forms import CreatePasswordForm, MagicLinkForm, PortalLoginForm

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _too_many(request: HttpRequest) -> HttpResponse | None:
    """Sign-in attempts, link requests and password resets share one limit per client address."""
    return limited(request, group="portal-login", rate=settings.PORTAL_LOGIN_RATE)


class PortalLoginView(auth_views.LoginView):
    template_name = "applicants/portal_login.html"
    authentication_form = PortalLoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("applicants:portal-home")  # type: ignore[assignment]

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        return _too_many(request) or super().dispatch(request, *args, **kwargs)


@method_decorator(require_http_methods(["POST"]), name="dispatch")
class PortalLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("home")  # type: ignore[assignment]


@require_http_methods(["GET", "POST"])
def magic_link(request: HttpRequest) -> HttpResponse:
    """Ask for a one-time sign-in link. The answer is the same whether or not the address is known."""
    limited = _too_many(request)
    if limited:
        return limited
    form = MagicLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        send_sign_in_link(email=form.cleaned_data["email"])
        return render(request, "applicants/portal_magic_sent.html")
    return render(request, "applicants/portal_magic_link.html", {"form": form, "errors": error_links(form)})


def magic_login(request: HttpRequest, token: str) -> HttpResponse:
    user = read_magic_token(token)
    if user is None:
        messages.error(request, _("This sign-in link has expired or was used already. Ask for a new one."))
        return redirect("applicants:portal-magic-link")
    login(request, user, backend=_BACKEND)
    return redirect("applicants:portal-home")


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed resume link: create the portal password on first use, sign straight in later."""
    too_many = _too_many(request)
    if too_many:
        return too_many
    applicant = read_resume_token(token)
    if applicant is None:
        messages.error(
            request, _("This link has expired or was used already. Sign in, or ask for a sign-in link.")
        )
        return redirect("applicants:portal-login")
    if applicant.user is not None:
        login(request, applicant.user, backend=_BACKEND)
        return redirect("applicants:portal-home")
    form = CreatePasswordForm(request.POST if request.method == "POST" else None, applicant=applicant)
    if request.method == "POST" and form.is_valid():
        user = activate_portal_account(applicant=applicant, password=form.cleaned_data["password1"])
        login(request, user, backend=_BACKEND)
        messages.success(
            request, _("Your portal account is ready. Sign in next time with your e-mail and password.")
        )
        return redirect("applicants:portal-home")
    return render(
        request,
        "applicants/portal_create_password.html",
        {"form": form, "errors": error_links(form), "applicant": applicant},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "applicants/portal_password_reset.html"
    email_template_name = "applicants/email/password_reset_body.txt"
    subject_template_name = "applicants/email/password_reset_subject.txt"
    success_url = reverse_lazy("applicants:portal-password-reset-done")

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        return _too_many(request) or super().dispatch(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "applicants/portal_password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "applicants/portal_password_reset_confirm.html"
    success_url = reverse_lazy("applicants:portal-password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "applicants/portal_password_reset_complete.html"
