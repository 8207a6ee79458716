"""The case workspace: what the top of a case page shows (the applicant's facts and results as the result
page words them, the recommendation in force, the timeline, the moves allowed, the audit trail) and the
two page buttons that write, "Assign to me" and "Move to …", each through its service.

Words come from `assessments.presentation` (one presentation); this module only picks the snapshot, the
override and the moves, with a fixed number of queries whatever the case holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.engine import Outcome
from assessments.models import Assessment
from assessments.presentation import Override, ResultView, present

from ..access import can_work_on
from ..models import Case, Document
from ..services import cases, transitions
from .activity import Activity, case_activity
from .saving import REFUSALS, refusal_text

SNAPSHOT_ROWS = 5
_RANK = {outcome.value: rank for rank, outcome in enumerate(Outcome)}


@dataclass(frozen=True)
class Move:
    status: str
    label: str
    problems: tuple[str, ...]  # why it would be refused now (ready to file only); empty: allowed


@dataclass(frozen=True)
class Workspace:
    assessment: Assessment | None  # the newest snapshot: the one worded below
    snapshots: tuple[Assessment, ...]  # the newest few, newest first
    result: ResultView | None  # None: no assessment yet, or one not in the engine's shape
    override: Activity | None  # the override in force (the newest), as the activity lists it
    moves: tuple[Move, ...]
    may_take: bool  # "Assign to me" is offered: the case is unassigned and the user may work on it
    may_move: bool
    activity: tuple[Activity, ...]  # notes, status changes, overrides and recorded changes, newest first


def presentation_override(
    codes: list[str], reason: str, consultant: str, results: dict[str, Any]
) -> Override:
    """An override as the presentation takes it: the best (by outcome) of the routes chosen."""
    outcomes = {str(r.get("pathway")): str(r.get("outcome")) for r in results.get("results", ())}
    chosen = sorted(
        (code for code in codes if code in outcomes), key=lambda code: _RANK.get(outcomes[code], len(_RANK))
    )
    return Override(pathway=chosen[0] if chosen else None, reason=reason, consultant=consultant)


def case_result(case: Case, assessment: Assessment, override: Activity | None) -> ResultView | None:
    """The snapshot worded as on the result page: the override's routes (else the case's target pathways)
    relied on, the override's recommendation in place of the engine's; None if it cannot be read."""
    codes = list(override.routes) if override else []
    relied_on = codes or [p.code for p in case.pathways.all()]
    try:
        return present(
            assessment.results,
            relied_on=relied_on,
            override=presentation_override(codes, override.text, override.who, assessment.results)
            if override
            else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def build_workspace(case: Case, user: User, *, documents: list[Document] | None = None) -> Workspace:
    """The workspace of `case` for `user`; `documents`: the case's checklist if the page has read it."""
    snapshots = tuple(case.assessments.latest_first().select_related("created_by")[:SNAPSHOT_ROWS])
    assessment = snapshots[0] if snapshots else None
    activity = tuple(case_activity(case))
    override = next((entry for entry in activity if entry.kind == "override"), None)
    result = case_result(case, assessment, override) if assessment is not None else None
    allowed = transitions.allowed_next_statuses(case)
    moves = tuple(
        Move(
            status=status,
            label=str(Case.Status(status).label),
            problems=tuple(transitions.ready_to_file_problems(case, documents=documents, latest=assessment))
            if status == Case.Status.READY_TO_FILE
            else (),
        )
        for status in allowed
    )
    may_work = can_work_on(user, case)
    return Workspace(
        assessment=assessment,
        snapshots=snapshots,
        result=result,
        override=override,
        moves=moves,
        # Whether the user may hold cases is the service's to check (it refuses with the reason).
        may_take=case.assigned_to_id is None and may_work,
        may_move=may_work,
        activity=activity,
    )


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("new status"), choices=Case.Status.choices)
    comment = forms.CharField(
        label=gettext_lazy("comment for the status history"), required=False, max_length=500
    )


def _case(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str) -> Case:
    case = modeladmin.get_object(request, unquote(object_id))
    if case is None:
        raise Http404("No such case, or not one of yours.")
    if request.method != "POST" or not modeladmin.has_change_permission(request, case):
        raise PermissionDenied
    assert isinstance(case, Case)
    return case


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the admin only lets signed-in staff in
    return request.user


def assign_to_me_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str
) -> HttpResponse:
    """The case page's "Assign to me" (POST only), through `assign_case`; a refusal is shown, not a 500."""
    case, me = _case(modeladmin, request, object_id), _user(request)
    try:
        cases.assign_case(case=case, consultant=me, by=me)
    except REFUSALS as error:
        modeladmin.message_user(request, refusal_text(error), messages.ERROR)
    else:
        modeladmin.message_user(
            request, _("%(case)s is assigned to you.") % {"case": case.reference}, messages.SUCCESS
        )
    return HttpResponseRedirect(reverse("admin:applicants_case_change", args=[case.pk]))


def move_view(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str) -> HttpResponse:
    """The case page's "Move to …" buttons (POST only), through `take_and_move`: an unassigned case is
    assigned to the mover first and the message says so; a refused move says why."""
    case, me = _case(modeladmin, request, object_id), _user(request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        modeladmin.message_user(request, _("Choose one of the statuses offered."), messages.ERROR)
    else:
        to_status = form.cleaned_data["to_status"]
        try:
            moved = transitions.take_and_move(
                case=case, to_status=to_status, by=me, comment=form.cleaned_data["comment"]
            )
        except REFUSALS as error:
            modeladmin.message_user(request, refusal_text(error), messages.ERROR)
        else:
            label = Case.Status(to_status).label
            text = (
                _("%(case)s was assigned to no one: it is now assigned to you and moved to “%(status)s”.")
                if moved.assigned
                else _("%(case)s moved to “%(status)s”.")
            )
            modeladmin.message_user(
                request, text % {"case": case.reference, "status": label}, messages.SUCCESS
            )
    return HttpResponseRedirect(reverse("admin:applicants_case_change", args=[case.pk]))
