"""Who viewed, downloaded or changed a person's data, and when: read from the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.utils import timezone

from ..models import Applicant
from .export import log_entries_about


@dataclass(frozen=True)
class AccessSummary:
    actor: str
    viewed: int
    downloaded: int
    changed: int


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def entries_between(applicant: Applicant, *, start: date, end: date) -> list[LogEntry]:
    """Every audit entry about the person's records from `start` to `end` (both days included),
    newest first."""
    return list(
        log_entries_about(applicant)
        .filter(timestamp__gte=_day_start(start), timestamp__lt=_day_start(end) + timedelta(days=1))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def summarise(entries: list[LogEntry]) -> list[AccessSummary]:
    """One line per person who touched the data: pages viewed, files downloaded, records changed.
    Entries without an actor are the system's (beat jobs) or the applicant's before signing in."""
    counts: dict[str, list[int]] = {}
    for entry in entries:
        row = counts.setdefault(str(entry.actor) if entry.actor else "—", [0, 0, 0])
        if entry.action != LogEntry.Action.ACCESS:
            row[2] += 1
        elif entry.content_type.model in {"case", "applicant"}:
            row[0] += 1
        else:
            row[1] += 1
    return [AccessSummary(actor, *row) for actor, row in sorted(counts.items())]
