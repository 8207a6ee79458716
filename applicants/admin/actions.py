"""Case list actions. Each one calls a service per selected case and reports what it refused and why."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Case
from ..services import reassessment, transitions
from ..services.cases import assign_case
from .saving import REFUSALS, refusal_text

_TARGET_STATUSES = [(s, label) for s, label in Case.Status.choices if s != Case.Status.NEW]


class CaseActionForm(ActionForm):
    """The action bar: the target status for "move status", and a comment kept in the history."""

    to_status = forms.ChoiceField(
        label=gettext_lazy("to status"), required=False, choices=[("", "---------"), *_TARGET_STATUSES]
    )
    comment = forms.CharField(label=gettext_lazy("comment"), required=False, max_length=500)


class MoveStatusForm(forms.Form):
    """The action bar's extra fields, parsed on their own (the admin validates the action itself)."""

    to_status = forms.ChoiceField(choices=_TARGET_STATUSES)
    comment = forms.CharField(required=False, max_length=500)


def apply_to_each(
    modeladmin: admin.ModelAdmin[Case],
    request: HttpRequest,
    cases: Iterable[Case],
    change: Callable[[Case], object],
    *,
    done_message: Callable[[int], str],
) -> None:
    """Run `change` on every case; report each refusal with its reason, and how many succeeded."""
    done = 0
    for case in cases:
        try:
            change(case)
        except REFUSALS as error:
            modeladmin.message_user(request, f"{case.reference}: {refusal_text(error)}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the admin only lets authenticated staff in
    return request.user


@admin.action(description=gettext_lazy("Assign to me"), permissions=["change"])
def assign_to_me(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, queryset: QuerySet[Case]) -> None:
    me = _user(request)
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda case: assign_case(case=case, consultant=me, by=me),
        done_message=lambda n: _("%(count)d case(s) assigned to you.") % {"count": n},
    )


@admin.action(description=gettext_lazy("Move to the status chosen above"), permissions=["change"])
def move_status(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, queryset: QuerySet[Case]) -> None:
    form = MoveStatusForm(request.POST)
    if not form.is_valid():
        modeladmin.message_user(request, _("Choose the status to move the cases to."), messages.ERROR)
        return
    to_status, comment, me = form.cleaned_data["to_status"], form.cleaned_data["comment"], _user(request)
    taken: list[str] = []

    def move(case: Case) -> None:
        # A case assigned to no one becomes the mover's (or the move is refused): never moved unowned.
        if transitions.take_and_move(case=case, to_status=to_status, by=me, comment=comment).assigned:
            taken.append(case.reference)

    apply_to_each(
        modeladmin,
        request,
        queryset,
        move,
        done_message=lambda n: (
            _("%(count)d case(s) moved to “%(status)s”.")
            % {"count": n, "status": Case.Status(to_status).label}
        ),
    )
    if taken:
        modeladmin.message_user(
            request,
            _("Assigned to you, since no one had them: %(cases)s.") % {"cases": ", ".join(taken)},
            messages.INFO,
        )


@admin.action(
    description=gettext_lazy("Re-run the assessment under the rules in force today"), permissions=["change"]
)
def reassess(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, queryset: QuerySet[Case]) -> None:
    me, today = _user(request), timezone.localdate()
    apply_to_each(
        modeladmin,
        request,
        queryset.select_related("applicant"),
        lambda case: reassessment.reassess_case(case=case, as_of=today, by=me),
        done_message=lambda n: (
            _("%(count)d case(s) re-assessed under the rules in force today.") % {"count": n}
        ),
    )


CSV_COLUMNS = [
    "reference",
    "applicant",
    "email",
    "nationality",
    "status",
    "in_status_since",
    "late",
    "pathways",
    "consultant",
    "priority",
    "next_action",
    "next_action_due",
    "pass_expires",
    "renewal_window_opens",
]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells that start with these as formulas (CSV injection); quote them.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _iso(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


@admin.action(description=gettext_lazy("Export selected cases as CSV"), permissions=["view"])
def export_csv(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, queryset: QuerySet[Case]
) -> HttpResponse:
    now = timezone.now()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8 (Chinese names) correctly
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    cases = (
        queryset.select_related("applicant", "assigned_to").prefetch_related("pathways").order_by("reference")
    )
    for case in cases:
        writer.writerow(
            _cell(v)
            for v in [
                case.reference,
                case.applicant.full_name,
                case.applicant.email,
                case.applicant.nationality,
                case.status,
                _iso(timezone.localtime(case.status_changed_at)),
                "yes" if case.is_late(now=now) else "no",
                " ".join(sorted(p.code for p in case.pathways.all())),
                case.assigned_to.get_username() if case.assigned_to else "",
                case.get_priority_display(),
                case.next_action,
                _iso(case.next_action_on),
                _iso(case.pass_expires_on),
                _iso(case.renewal_window_opens_on),
            ]
        )
    return response
