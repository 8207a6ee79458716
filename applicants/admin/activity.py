"""A case's activity, newest first, read in one query: its notes, status changes, recommendation
overrides (with the routes each chose) and recorded changes (django-auditlog), as one UNION ALL of the
same columns.

One query rather than four keeps the case page within its query budget (bench/bench_admin.py). Opening
the page is logged too, but those "access" entries grow with every visit: they are left out here and
shown in the full history (the page's "History" link).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from auditlog.models import LogEntry
from django.db.models import CharField, F, QuerySet, TextField, Value
from django.db.models.functions import Cast

from ..models import Case, CaseStatusChange, Note, RecommendationOverride

COLUMNS = ("x_kind", "x_pk", "x_at", "x_first", "x_last", "x_username", "x_text", "x_a", "x_b")


@dataclass(frozen=True)
class Activity:
    kind: str  # "note", "status", "override" or "change"
    pk: int
    at: datetime
    who: str  # "" for the system
    text: str  # the note, the status comment, the override's reason, or the change's field names
    from_status: str = ""
    to_status: str = ""
    action: str = ""  # a change: created / updated / deleted
    routes: tuple[str, ...] = ()  # an override: the pathway codes it chose

    @property
    def from_label(self) -> str:
        return (
            str(Case.Status(self.from_status).label)
            if self.from_status in Case.Status.values
            else self.from_status
        )

    @property
    def to_label(self) -> str:
        return (
            str(Case.Status(self.to_status).label) if self.to_status in Case.Status.values else self.to_status
        )


def _text(value: str = "") -> Value:
    return Value(value, output_field=TextField())


def _part(
    qs: QuerySet[Any], kind: str, *, at: str, actor: str, text: Any, a: Any, b: Any, pk: str = "pk"
) -> QuerySet[Any]:
    part: QuerySet[Any] = (
        qs.order_by()
        .annotate(
            x_kind=_text(kind),
            x_pk=F(pk),
            x_at=F(at),
            x_first=F(f"{actor}__first_name"),
            x_last=F(f"{actor}__last_name"),
            x_username=F(f"{actor}__username"),
            x_text=Cast(text, TextField()),
            x_a=Cast(a, TextField()),
            x_b=Cast(b, TextField()),
        )
        .values_list(*COLUMNS)
    )
    return part


def case_activity(case: Case) -> list[Activity]:
    notes = _part(
        Note.objects.filter(case=case),
        "note",
        at="created_at",
        actor="author",
        text=F("body"),
        a=_text(),
        b=_text(),
    )
    moves = _part(
        CaseStatusChange.objects.filter(case=case),
        "status",
        at="changed_at",
        actor="changed_by",
        text=F("comment"),
        a=F("from_status"),
        b=F("to_status"),
    )
    overrides = _part(
        RecommendationOverride.objects.filter(case=case),
        "override",
        at="at",
        actor="by",
        text=F("reason"),
        a=_text(),
        b=_text(),
    )
    changes = _part(
        LogEntry.objects.get_for_object(case).exclude(action=LogEntry.Action.ACCESS),
        "change",
        at="timestamp",
        actor="actor",
        text=F("changes"),
        a=Cast("action", CharField()),
        b=_text(),
    )
    # The routes each override chose, read in the same query (kind "route": text = pathway code,
    # pk = the override's), attached to their override below and not listed on their own.
    routes = _part(
        RecommendationOverride.pathways.through.objects.filter(recommendationoverride__case=case),
        "route",
        at="recommendationoverride__at",
        actor="recommendationoverride__by",
        text=F("pathway_id"),
        a=_text(),
        b=_text(),
        pk="recommendationoverride_id",
    )
    rows = [_entry(*row) for row in notes.union(moves, overrides, changes, routes, all=True)]
    chosen: dict[int, list[str]] = {}
    for row in rows:
        if row.kind == "route":
            chosen.setdefault(row.pk, []).append(row.text)
    entries = [
        replace(row, routes=tuple(sorted(chosen.get(row.pk, [])))) if row.kind == "override" else row
        for row in rows
        if row.kind != "route"
    ]
    entries.sort(key=lambda entry: (entry.at, entry.kind, entry.pk), reverse=True)
    return entries


_ACTIONS = dict(LogEntry.Action.choices)


def _entry(
    kind: str,
    pk: int,
    at: datetime,
    first: str | None,
    last: str | None,
    username: str | None,
    text: str | None,
    a: str | None,
    b: str | None,
) -> Activity:
    who = f"{first or ''} {last or ''}".strip() or (username or "")
    if kind == "change":
        try:
            changes = json.loads(text or "null")
        except ValueError:
            changes = None
        fields = ", ".join(sorted(changes)) if isinstance(changes, dict) else ""
        action = str(_ACTIONS.get(int(a), a)) if a and a.isdigit() else (a or "")
        return Activity(kind=kind, pk=pk, at=at, who=who, text=fields, action=action)
    return Activity(kind=kind, pk=pk, at=at, who=who, text=text or "", from_status=a or "", to_status=b or "")
