"""What the admin index shows a staff member first: new cases nobody has taken, their open cases by next
action date, overdue work, expiring passes, and counts of the cases they may see (by status, pathway and
week opened) as small bar charts with their text equivalents.

The numbers are counted live on every request, never cached: one aggregate query gives every count, one
query the rows of all four panels (each panel's first rows picked by a limited subquery, and its
membership read back from the same condition), one the pathway counts and one the overdue reminders.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.pictures import Picture, bar_chart
from assessments.presentation import pathway_name

from .access import case_scope
from .models import Case, Reminder
from .models.cases import OPEN_STATUSES, late_condition

PANEL_SIZE = 10
EXPIRY_HORIZON_DAYS = 90
CHART_WEEKS = 8


@dataclass(frozen=True)
class Panel:
    count: int
    cases: list[Case]


@dataclass(frozen=True)
class Dashboard:
    unassigned_new: Panel
    my_open: Panel
    overdue: Panel
    overdue_reminders: list[Reminder]
    expiring: Panel
    by_status: Picture
    by_pathway: Picture
    new_per_week: Picture


@dataclass(frozen=True)
class _PanelQuery:
    name: str
    condition: Q
    order: list[str]


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def build_dashboard(user: User | AnonymousUser, *, today: date, now: datetime) -> Dashboard:
    """The panels for `user`; "overdue", "expiring" and the charts cover every case the user may see."""
    scope = case_scope(user)
    visible = Case.objects.filter(scope)
    panels = [
        _PanelQuery(
            "unassigned_new", Q(status=Case.Status.NEW, assigned_to__isnull=True), ["created_at", "pk"]
        ),
        _PanelQuery("my_open", Q(status__in=OPEN_STATUSES, assigned_to=user.pk), ["next_action_on", "pk"]),
        _PanelQuery(
            "overdue",
            (Q(next_action_on__lt=today) | late_condition(now=now)) & ~Q(status=Case.Status.CLOSED),
            ["next_action_on", "pk"],
        ),
        _PanelQuery(
            "expiring",
            Q(pass_expires_on__gte=today, pass_expires_on__lte=today + timedelta(days=EXPIRY_HORIZON_DAYS)),
            ["pass_expires_on", "pk"],
        ),
    ]
    this_week = _week_start(today)
    weeks = [this_week - timedelta(weeks=n) for n in reversed(range(CHART_WEEKS))]
    counts = visible.aggregate(
        **{f"panel_{p.name}": Count("pk", filter=p.condition) for p in panels},
        **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in Case.Status.values},
        # Week bounds as local midnights: compared with the column as it is stored (no per-row date cast).
        **{
            f"week_{i}": Count(
                "pk", filter=Q(created_at__gte=_midnight(start), created_at__lt=_midnight(end))
            )
            for i, (start, end) in enumerate(itertools.pairwise([*weeks, this_week + timedelta(weeks=1)]))
        },
    )
    rows = _panel_rows(visible, panels)
    return Dashboard(
        unassigned_new=Panel(counts["panel_unassigned_new"], rows["unassigned_new"]),
        my_open=Panel(counts["panel_my_open"], rows["my_open"]),
        overdue=Panel(counts["panel_overdue"], rows["overdue"]),
        overdue_reminders=list(
            Reminder.objects.due(today=today)
            .filter(due_on__lt=today, case__in=visible)
            .select_related("case")
            .order_by("due_on", "pk")[:PANEL_SIZE]
        ),
        expiring=Panel(counts["panel_expiring"], rows["expiring"]),
        by_status=_chart(
            _("Cases by status"),
            [(str(label), counts[f"status_{s}"]) for s, label in Case.Status.choices],
        ),
        by_pathway=_chart(_("Cases by pathway"), _pathway_counts(scope)),
        new_per_week=_chart(
            _("New cases per week"),
            [
                (_("week of %(day)s") % {"day": f"{start:%m-%d}"}, counts[f"week_{i}"])
                for i, start in enumerate(weeks)
            ],
        ),
    )


def _panel_rows(visible: QuerySet[Case], panels: list[_PanelQuery]) -> dict[str, list[Case]]:
    """Every panel's first PANEL_SIZE rows in one query: the union of each panel's limited pk subquery,
    each row flagged with the panels whose condition it meets, then sorted into the panels in Python."""
    parts: list[str] = []
    params: list[object] = []
    for i, panel in enumerate(panels):
        first = visible.filter(panel.condition).order_by(*panel.order).values(panel_pk=F("pk"))[:PANEL_SIZE]
        sql, part_params = first.query.sql_with_params()
        parts.append(f"SELECT panel_pk FROM ({sql}) AS panel_{i}")  # noqa: S608 - the ORM's SQL, values as params
        params.extend(part_params)
    # One UNION ALL of the panels' limited subqueries (each wrapped, so SQLite accepts their ORDER BY
    # and LIMIT): PostgreSQL joins it on the primary key, where OR-ing four `pk IN (…)` scanned every case.
    wanted = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 - built above from the ORM, params bound
    flagged = (
        Case.objects.filter(pk__in=wanted)
        .select_related("applicant")
        .annotate(
            **{
                f"in_{panel.name}": ExpressionWrapper(panel.condition, output_field=BooleanField())
                for panel in panels
            }
        )
    )
    fetched = list(flagged)
    result: dict[str, list[Case]] = {}
    for panel in panels:
        members = [case for case in fetched if getattr(case, f"in_{panel.name}")]
        members.sort(key=lambda case: tuple(_sort_key(getattr(case, field)) for field in panel.order))
        result[panel.name] = members[:PANEL_SIZE]
    return result


def _sort_key(value: object) -> tuple[bool, object]:
    # As PostgreSQL orders ascending: NULLs last.
    return (value is None, value if value is not None else 0)


def _pathway_counts(scope: Q) -> list[tuple[str, int]]:
    """Counted on the case-pathway link table alone; joined to the cases only when the scope needs it."""
    links = Case.pathways.through.objects.all()
    if scope:
        links = links.filter(case__in=Case.objects.filter(scope).values("pk"))
    counted = links.values("pathway_id").annotate(n=Count("pk")).order_by("pathway_id")
    return [(pathway_name(row["pathway_id"]), row["n"]) for row in counted]


def _chart(title: str, rows: list[tuple[str, int]]) -> Picture:
    text = "; ".join(f"{label}: {count}" for label, count in rows) or _("no cases")
    return bar_chart(title, rows, f"{title}: {text}.")
