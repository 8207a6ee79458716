"""Save and talk to a consultant: the one step of the self-assessment that stores anything."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.engine import ProfileError
from consultancy.ratelimits import limited

from ..consent import CONSENT_TEXT_VERSION
from ..intake.base import error_links
from ..intake.flow import Answers
from ..intake.save import SaveForm
from ..models import Applicant
from ..services.portal import submit_for_consultation

SAVED_KEY = "saved_reference"


@require_http_methods(["GET", "POST"])
def save(request: HttpRequest) -> HttpResponse:
    too_many = limited(request, group="intake-save", rate=settings.INTAKE_SUBMIT_RATE)
    if too_many:
        return too_many
    answers = Answers(request.session)
    profile = answers.profile()
    if profile is None:
        messages.warning(request, _("Please answer every question first."))
        return redirect("applicants:intake-check")
    language = get_language() if get_language() in Applicant.Language.values else Applicant.Language.ENGLISH
    if request.method == "POST":
        form = SaveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submission = submit_for_consultation(
                    full_name=data["full_name"],
                    email=data["email"],
                    preferred_language=data["preferred_language"],
                    consent_text_version=CONSENT_TEXT_VERSION,
                    for_cross_border_transfer=data["consent_transfer"],
                    profile=profile,
                )
            except ProfileError:
                messages.error(request, _("Some answers could not be assessed; please check them."))
                return redirect("applicants:intake-check")
            # The answers now live in the case; the session keeps only the reference to show it.
            answers.clear()
            request.session[SAVED_KEY] = submission.reference
            return redirect("applicants:intake-saved")
    else:
        form = SaveForm(initial={"preferred_language": language})
    return render(
        request,
        "applicants/intake_save.html",
        {"form": form, "errors": error_links(form), "consent_version": CONSENT_TEXT_VERSION},
    )


def saved(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SAVED_KEY)
    if not reference:
        return redirect("home")
    # Not a dead end: the next steps, and the way to the result and documents in the portal.
    case_url = reverse("applicants:portal-case", args=[reference])
    return render(request, "applicants/intake_saved.html", {"reference": reference, "case_url": case_url})
