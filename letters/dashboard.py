"""The admin index's "failed letters" panel: letters that will not render without someone acting (the
last error says why), newest first, on the cases the staff member may see."""

from __future__ import annotations

from dataclasses import dataclass

from applicants.access import AnyUser, cases_visible_to
from applicants.dashboard import PANEL_SIZE

from .models import AdviceLetter


@dataclass(frozen=True)
class FailedLetters:
    count: int
    letters: list[AdviceLetter]


def failed_letters(user: AnyUser) -> FailedLetters:
    failed = AdviceLetter.objects.failed().filter(case__in=cases_visible_to(user))
    rows = list(failed.select_related("case__applicant").order_by("-failed_at", "-pk")[:PANEL_SIZE])
    count = len(rows) if len(rows) < PANEL_SIZE else failed.count()
    return FailedLetters(count=count, letters=rows)
