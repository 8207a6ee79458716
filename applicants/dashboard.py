"""What the admin index shows a staff member first: their open cases, overdue work, expiring passes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from .access import case_scope
from .models import Case, Reminder

PANEL_SIZE = 10
EXPIRY_HORIZON_DAYS = 90


@dataclass(frozen=True)
class Panel:
    count: int
    cases: list[Case]


@dataclass(frozen=True)
class Dashboard:
    my_open: Panel
    overdue: Panel
    overdue_reminders: list[Reminder]
    expiring: Panel


def _panel(qs: QuerySet[Case], order: list[str]) -> Panel:
    rows = list(qs.select_related("applicant").order_by(*order)[:PANEL_SIZE])
    count = len(rows) if len(rows) < PANEL_SIZE else qs.count()
    return Panel(count=count, cases=rows)


def build_dashboard(user: User | AnonymousUser, *, today: date, now: datetime) -> Dashboard:
    """The panels for `user`; "overdue" and "expiring" cover every case the user may see."""
    visible = Case.objects.filter(case_scope(user))
    overdue_q = Q(next_action_on__lt=today) | Q(pk__in=Case.objects.late(now=now).values("pk"))
    return Dashboard(
        my_open=_panel(Case.objects.open().assigned_to(user), ["next_action_on", "pk"]),
        overdue=_panel(
            visible.filter(overdue_q).exclude(status=Case.Status.CLOSED), ["next_action_on", "pk"]
        ),
        overdue_reminders=list(
            Reminder.objects.due(today=today)
            .filter(due_on__lt=today, case__in=visible)
            .select_related("case")
            .order_by("due_on", "pk")[:PANEL_SIZE]
        ),
        expiring=_panel(visible.expiring_within(EXPIRY_HORIZON_DAYS, today=today), ["pass_expires_on", "pk"]),
    )
