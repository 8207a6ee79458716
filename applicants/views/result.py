"""The result page: the applicant's answers assessed under the rules in force today. Nothing is stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import evaluation
from assessments.engine import ProfileError
from assessments.presentation import compare_later, present_result

from ..intake.flow import Answers


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
        assessed = evaluation.engine_result(evaluation.parse(profile))
    except ProfileError as error:
        for path, problems in error.errors.items():
            for problem in problems:
                messages.error(request, f"{path}: {problem}")
        return redirect("applicants:intake-check")
    result = present_result(assessed, evaluation.catalogue())
    later_on = result.next_change_on
    # "And if I apply after the rules change?": the same answers under the rules of that day. Only each
    # route's headline is shown, so only the outcomes are worked out.
    later = (
        compare_later(result, evaluation.outcomes(evaluation.parse(profile, as_of=later_on)))
        if later_on
        else ()
    )
    return render(
        request,
        "applicants/assessment_result.html",
        {
            "result": result,
            "later_on": later_on,
            "later": later,
            "save_url": reverse("applicants:intake-save"),
        },
    )
