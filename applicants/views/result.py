"""The result page: the applicant's answers assessed under the rules in force today. Nothing is stored."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.engine import DEFAULT_RATES, ProfileError, assess, parse_profile, render_assessment

from ..intake.flow import Answers
from ..results import present


def evaluate_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """The contract assessment of `profile` for today, with every message in the active language.

    Raises `ProfileError` when the engine rejects the profile.
    """
    # The lead's `assessments.evaluation` (rates from the ExchangeRate table) is not on main yet; until it
    # is, the engine's bundled rates are used. Swap this body for `evaluation.evaluate(evaluation.parse(..))`.
    parsed = parse_profile(profile, default_as_of=timezone.localdate())
    return render_assessment(assess(parsed, rates=DEFAULT_RATES).to_data(), translate=gettext)


@require_http_methods(["GET", "POST"])
def result(request: HttpRequest) -> HttpResponse:
    """POST from the check page submits the answers; GET shows the same result again (reload, print).

    Both only read the session: assessing is repeatable and writes nothing.
    """
    profile = Answers(request.session).profile()
    if profile is None:
        messages.warning(request, _("Please answer every question first."))
        return redirect("applicants:intake-check")
    try:
        assessment = evaluate_profile(profile)
    except ProfileError as error:
        for path, problems in error.errors.items():
            for problem in problems:
                messages.error(request, f"{path}: {problem}")
        return redirect("applicants:intake-check")
    return render(request, "applicants/assessment_result.html", {"result": present(assessment)})
