""" "E-mail me this result" and "Download as PDF" on the result page: no case is opened, the answers stay
in the session, and a copy holds only what its PDF or e-mail needs (letters.result_copies).

A download is made by the worker: its page refreshes itself (a meta refresh, no JavaScript) and offers
"check again" until the PDF is ready. Only the browser session that asked for a copy can see it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from applicants.intake.base import error_links
from applicants.intake.flow import Answers
from assessments import evaluation
from assessments.engine import ProfileError
from consultancy.ratelimits import limited

from .forms import ResultEmailForm
from .models import LetterLanguage, ResultCopy
from .result_copies import request_result_email, request_result_pdf

SESSION_KEY = "result_copies"
# Seconds between the status page's own refreshes while the PDF is being made.
REFRESH_SECONDS = 3


def _snapshot(request: HttpRequest) -> dict[str, Any] | None:
    """The session's answers assessed under today's rules (as on the result page), or None."""
    profile = Answers(request.session).profile()
    if profile is None:
        return None
    try:
        return evaluation.snapshot_data(evaluation.parse(profile))
    except ProfileError:
        return None


def _language() -> str:
    return (
        LetterLanguage.CHINESE.value
        if (get_language() or "").startswith("zh")
        else LetterLanguage.ENGLISH.value
    )


def _no_answers(request: HttpRequest) -> HttpResponse:
    messages.warning(request, _("Please answer every question first."))
    return redirect("applicants:intake-check")


@require_POST
def result_pdf(request: HttpRequest) -> HttpResponse:
    too_many = limited(request, group="result-pdf", rate=settings.RESULT_PDF_RATE)
    if too_many:
        return too_many
    snapshot = _snapshot(request)
    if snapshot is None:
        return _no_answers(request)
    copy = request_result_pdf(snapshot=snapshot, language=_language())
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], copy.token]
    return redirect("result-pdf-status", token=copy.token)


def _own_copy(request: HttpRequest, token: str) -> ResultCopy:
    """A download this session asked for and that has not expired; 404 for anything else."""
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404(_("There is no such copy of your result, or it has expired."))
    copy = ResultCopy.objects.filter(
        token=token, kind=ResultCopy.Kind.DOWNLOAD, expires_at__gt=timezone.now()
    ).first()
    if copy is None:
        raise Http404(_("There is no such copy of your result, or it has expired."))
    return copy


@require_GET
def result_pdf_status(request: HttpRequest, token: str) -> HttpResponse:
    copy = _own_copy(request, token)
    return render(
        request,
        "letters/result_pdf_status.html",
        {"copy": copy, "refresh": REFRESH_SECONDS if copy.status == ResultCopy.Status.QUEUED else None},
    )


@require_GET
def result_pdf_download(request: HttpRequest, token: str) -> HttpResponse:
    copy = _own_copy(request, token)
    if copy.status != ResultCopy.Status.READY or copy.pdf is None:
        return redirect("result-pdf-status", token=token)
    response = HttpResponse(bytes(copy.pdf), content_type="application/pdf")
    filename = "result.pdf" if copy.language == LetterLanguage.ENGLISH else "result-zh.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def result_email(request: HttpRequest) -> HttpResponse:
    too_many = limited(request, group="result-email", rate=settings.RESULT_EMAIL_RATE)
    if too_many:
        return too_many
    snapshot = _snapshot(request)
    if snapshot is None:
        return _no_answers(request)
    form = ResultEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_result_email(snapshot=snapshot, language=_language(), email=form.cleaned_data["email"])
        messages.success(
            request,
            _("Your result is on its way to %(email)s. We keep the address only until the e-mail is sent.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("applicants:intake-result")
    return render(
        request,
        "letters/result_email.html",
        {"form": form, "errors": error_links(form)},
        status=400 if form.is_bound else 200,
    )
