"""Getting into the portal: e-mail and password, a one-time e-mailed link, the resume link, password
reset, and confirming an assessment saved under an address we already know.

Every link opens a page; only submitting that page (a POST with its CSRF token) does anything, and the
link is used up in the same transaction (`services.links`). From a link page the browser sends only
the site's origin as Referer, so the token in its address never reaches another request's logs
("no-referrer" would do too much: browsers then send "Origin: null" with the page's own form, which
the CSRF check rightly refuses). Staff accounts never get in this way
(`accounts.identity`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.engine import ProfileError
from consultancy.ratelimits import limited

from ..intake.base import error_links
from ..services.links import confirm_submission, create_account_with_link, resume_link_user, sign_in_link_user
from ..services.portal import send_sign_in_link
from ..tokens import read_confirmation_token, read_magic_token, read_resume_token
from .forms import (
    ConfirmSubmissionForm,
    CreatePasswordForm,
    LinkSignInForm,
    MagicLinkForm,
    PortalLoginForm,
    PortalPasswordResetForm,
)

_BACKEND = "accounts.backends.OneQueryPermissionsBackend"


def _too_many(request: HttpRequest) -> HttpResponse | None:
    """Sign-in attempts, link requests and password resets share one limit per client address."""
    return limited(request, group="portal-login", rate=settings.PORTAL_LOGIN_RATE)


def link_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page opened from an e-mailed link: GET shows it, POST acts; rate-limited; its address (with
    the token) never leaves it as a Referer."""

    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = _too_many(request) or view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapper


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


def _sign_in_page(request: HttpRequest, user: User) -> HttpResponse:
    return render(
        request,
        "applicants/portal_link_sign_in.html",
        {"form": LinkSignInForm(), "email": user.email, "errors": []},
    )


def _signed_in(request: HttpRequest, user: User) -> HttpResponse:
    login(request, user, backend=_BACKEND)  # a new session key: nothing from before carries over
    return redirect("applicants:portal-home")


@link_page
def magic_login(request: HttpRequest, token: str) -> HttpResponse:
    used_up = _("This sign-in link has expired or was used already. Ask for a new one.")
    if request.method == "POST":
        user = sign_in_link_user(token=token)
        if user is not None:
            return _signed_in(request, user)
    else:
        user = read_magic_token(token)
        if user is not None:
            return _sign_in_page(request, user)
    messages.error(request, used_up)
    return redirect("applicants:portal-magic-link")


@link_page
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed resume link: create the portal password on first use, sign in (once) later."""
    used_up = _("This link has expired or was used already. Sign in, or ask for a sign-in link.")
    applicant = read_resume_token(token)
    if applicant is None:
        messages.error(request, used_up)
        return redirect("applicants:portal-login")
    if applicant.user is not None:
        if request.method != "POST":
            return _sign_in_page(request, applicant.user)
        user = resume_link_user(token=token)
        if user is None:
            messages.error(request, used_up)
            return redirect("applicants:portal-login")
        return _signed_in(request, user)
    form = CreatePasswordForm(request.POST if request.method == "POST" else None, applicant=applicant)
    if request.method == "POST" and form.is_valid():
        try:
            created = create_account_with_link(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created is None:  # a simultaneous request used the link first
                messages.error(request, used_up)
                return redirect("applicants:portal-login")
            messages.success(
                request, _("Your portal account is ready. Sign in next time with your e-mail and password.")
            )
            return _signed_in(request, created)
    return render(
        request,
        "applicants/portal_create_password.html",
        {"form": form, "errors": error_links(form), "applicant": applicant},
    )


@link_page
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm that an assessment saved under your address is yours: it is added to your cases."""
    pending = read_confirmation_token(token)
    if pending is None:
        messages.error(request, _("This link has expired or was used already."))
        return redirect("applicants:portal-login")
    form: Form = ConfirmSubmissionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = confirm_submission(
                token=token, for_cross_border_transfer=form.cleaned_data["consent_transfer"]
            )
        except ProfileError:
            messages.error(request, _("Some answers could not be assessed; your consultant will help."))
            return redirect("applicants:portal-login")
        if submission is None:
            messages.error(request, _("This link has expired or was used already."))
        else:
            messages.success(
                request,
                _("Assessment %(reference)s is now one of your cases.") % {"reference": submission.reference},
            )
        return redirect("applicants:portal-login")
    return render(
        request,
        "applicants/portal_confirm_submission.html",
        {"form": form, "errors": error_links(form), "pending": pending},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "applicants/portal_password_reset.html"
    email_template_name = "applicants/email/password_reset_body.txt"
    subject_template_name = "applicants/email/password_reset_subject.txt"
    success_url = reverse_lazy("applicants:portal-password-reset-done")
    form_class = PortalPasswordResetForm

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        return _too_many(request) or super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: PortalPasswordResetForm) -> HttpResponse:
        """The link's host and scheme come from SITE_URL, never from the request's Host header."""
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "applicants/portal_password_reset_done.html"


@method_decorator(link_page, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "applicants/portal_password_reset_confirm.html"
    success_url = reverse_lazy("applicants:portal-password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "applicants/portal_password_reset_complete.html"
