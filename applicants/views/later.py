"""Save and continue later: unfinished answers kept with only an e-mail address, and the e-mailed link
that puts them back. Distinct from saving for a consultant (`applicants.views.save`), which opens a case.

The link's page is opened with GET and does its work only on POST (mail scanners open links too); its
address, which carries the token, never leaves it as a Referer.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from consultancy.ratelimits import limited

from ..consent import DRAFT_CONSENT_TEXT_VERSION
from ..intake.base import error_links
from ..intake.flow import STEPS, Answers
from ..intake.save import SaveForLaterForm
from ..models import Applicant
from ..services.links import take_back_draft
from ..services.portal import save_intake_draft
from ..tokens import read_draft_token

BACK_KEY = "later_back"


def _language() -> str:
    language = get_language()
    return language if language in Applicant.Language.values else Applicant.Language.ENGLISH


def _step_url(slug: str) -> str:
    return reverse("applicants:intake-step", args=[slug])


@require_http_methods(["GET", "POST"])
def save_for_later(request: HttpRequest) -> HttpResponse:
    too_many = limited(request, group="intake-save", rate=settings.INTAKE_SUBMIT_RATE)
    if too_many:
        return too_many
    answers = Answers(request.session)
    if not answers.started:
        return redirect("home")
    next_step = answers.first_unanswered()
    back_url = _step_url(next_step.slug) if next_step else reverse("applicants:intake-check")
    form = SaveForLaterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        draft = save_intake_draft(
            email=form.cleaned_data["email"],
            preferred_language=_language(),
            answers=answers.raw,
            consent_text_version=DRAFT_CONSENT_TEXT_VERSION,
        )
        # The answers now wait on our side; a shared computer keeps none of them.
        answers.clear()
        return render(
            request,
            "applicants/intake_later_sent.html",
            {"email": draft.email, "expires_at": draft.expires_at},
        )
    return render(
        request,
        "applicants/intake_later.html",
        {
            "form": form,
            "errors": error_links(form),
            "days": settings.INTAKE_DRAFT_MAX_AGE_DAYS,
            "consent_version": DRAFT_CONSENT_TEXT_VERSION,
            "back_url": back_url,
        },
    )


def _no_longer_works(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "applicants/intake_continue_expired.html",
        {"days": settings.INTAKE_DRAFT_MAX_AGE_DAYS, "start_url": _step_url(STEPS[0].slug)},
        status=410,
    )


@require_http_methods(["GET", "POST"])
def continue_draft(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: puts the saved answers back in this browser and goes where they left off."""
    response = limited(request, group="intake-continue", rate=settings.INTAKE_SUBMIT_RATE) or _continue(
        request, token
    )
    response["Referrer-Policy"] = "strict-origin"
    return response


def _continue(request: HttpRequest, token: str) -> HttpResponse:
    if read_draft_token(token) is None:
        return _no_longer_works(request)
    answers = Answers(request.session)
    if request.method != "POST":
        return render(request, "applicants/intake_continue.html", {"has_answers": answers.started})
    raw = take_back_draft(token=token)
    if raw is None:  # a simultaneous request used the link first
        return _no_longer_works(request)
    answers.restore(raw)
    next_step = answers.first_unanswered()
    return HttpResponseRedirect(
        _step_url(next_step.slug) if next_step else reverse("applicants:intake-check")
    )
