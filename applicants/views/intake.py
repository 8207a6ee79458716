"""The public self-assessment: start page, one page per step, check your answers, forget my answers.

Nothing here writes to the database: answers live in the applicant's session until they choose to
save them (see `applicants.views.save`) or to finish without saving.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultancy.ratelimits import limited

from ..intake.base import error_links
from ..intake.flow import STEPS, STEPS_BY_SLUG, AnsweredStep, Answers, Step
from ..rule_dates import rules_in_force, upcoming_changes


def _step_url(step: Step, *, change: bool = False) -> str:
    url = reverse("applicants:intake-step", args=[step.slug])
    return f"{url}?change=1" if change else url


def _after(step: Step, walked: list[AnsweredStep], *, change: bool) -> str:
    """Where to go once a step is answered.

    Going forward: the next step that applies. Coming from a Change link: back to the check page,
    unless the change made a follow-up step apply that is not answered yet.
    """
    if change:
        for answered in walked:
            if answered.form is None:
                return _step_url(answered.step, change=True)
        return reverse("applicants:intake-check")
    slugs = [answered.step.slug for answered in walked]
    index = slugs.index(step.slug)
    if index + 1 < len(walked):
        return _step_url(walked[index + 1].step)
    return reverse("applicants:intake-check")


def start(request: HttpRequest) -> HttpResponse:
    answers = Answers(request.session)
    today = timezone.localdate()
    return render(
        request,
        "applicants/intake_start.html",
        {
            "first_step_url": _step_url(STEPS[0]),
            "has_answers": answers.started,
            "rule_dates": rules_in_force(today),
            "rule_changes": upcoming_changes(today),
        },
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    too_many = limited(request, group="intake-step", rate=settings.INTAKE_STEP_RATE)
    if too_many:
        return too_many
    current = STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404(_("There is no such question page."))
    answers = Answers(request.session)
    walked = answers.walk()
    active = [answered.step for answered in walked]
    change = request.GET.get("change") == "1"
    if current not in active:
        # A follow-up that no longer applies (e.g. the offer was answered "no"): skip it.
        return redirect("applicants:intake-check" if answers.started else "home")

    before = answers.profile_before(current)
    if request.method == "POST":
        if current.is_list and "add" in request.POST:
            data = current.form_class.with_one_more(request.POST, current.slug)
            form = current.build(data, before)
            if form.is_valid():
                answers.save(current, data, form)
        else:
            form = current.build(request.POST, before)
            if form.is_valid():
                answers.save(current, request.POST, form)
                if "later" in request.POST:  # "Save and continue later": this page's answers kept too
                    return redirect("applicants:intake-later")
                return HttpResponseRedirect(_after(current, answers.walk(), change=change))
    else:
        form = current.build(answers.data_for(current), before)

    index = active.index(current)
    back_url = _step_url(active[index - 1], change=change) if index else reverse("home")
    if change:
        back_url = reverse("applicants:intake-check")
    return render(
        request,
        "applicants/intake_list_step.html" if current.is_list else "applicants/intake_step.html",
        {
            "step": current,
            "form": form,
            "number": index + 1,
            "total": len(active),
            "back_url": back_url,
            "change": change,
            "errors": error_links(form),
        },
    )


def check(request: HttpRequest) -> HttpResponse:
    answers = Answers(request.session)
    if not answers.started:
        return redirect("home")
    walked = answers.walk()
    missing = [answered.step for answered in walked if answered.form is None]
    return render(
        request,
        "applicants/intake_check.html",
        {
            "walked": walked,
            "missing": missing,
            "first_missing_url": _step_url(missing[0]) if missing else "",
        },
    )


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """Finish without saving: the answers are removed from the session, nothing else existed."""
    Answers(request.session).clear()
    messages.success(request, _("Your answers have been deleted. Nothing about you was stored."))
    return redirect("home")
