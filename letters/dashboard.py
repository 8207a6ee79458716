"""The admin index's letter panels, on the cases the staff member may see: drafts of their cases waiting
for their review and release, and letters that will not render without someone acting (the last error
says why), newest first. Counted live: one aggregate query for both counts, one for both panels' rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from applicants.access import AnyUser, cases_visible_to
from applicants.dashboard import PANEL_SIZE

from .models import AdviceLetter


@dataclass(frozen=True)
class LetterPanel:
    count: int
    letters: list[AdviceLetter]


@dataclass(frozen=True)
class LetterPanels:
    awaiting_review: LetterPanel  # drafts of my cases (or requested by me) not released yet
    failed: LetterPanel


def letter_panels(user: AnyUser) -> LetterPanels:
    visible = AdviceLetter.objects.filter(case__in=cases_visible_to(user))
    awaiting = AdviceLetter.objects.awaiting_review_by(user).filter(case__in=cases_visible_to(user))
    conditions = {
        "awaiting": Q(pk__in=awaiting.values("pk")),
        "failed": Q(status=AdviceLetter.Status.FAILED),
    }
    counts = visible.aggregate(**{name: Count("pk", filter=q) for name, q in conditions.items()})
    first = {
        "awaiting": awaiting.order_by("-ready_at", "-pk").values("pk")[:PANEL_SIZE],
        "failed": visible.failed().order_by("-failed_at", "-pk").values("pk")[:PANEL_SIZE],
    }
    fetched = list(
        AdviceLetter.objects.filter(Q(pk__in=first["awaiting"]) | Q(pk__in=first["failed"]))
        .select_related("case__applicant")
        .annotate(
            **{
                f"in_{name}": ExpressionWrapper(q, output_field=BooleanField())
                for name, q in conditions.items()
            }
        )
    )
    return LetterPanels(
        awaiting_review=LetterPanel(counts["awaiting"], _newest(fetched, "in_awaiting", "ready_at")),
        failed=LetterPanel(counts["failed"], _newest(fetched, "in_failed", "failed_at")),
    )


def _newest(letters: list[AdviceLetter], flag: str, field: str) -> list[AdviceLetter]:
    chosen = [letter for letter in letters if getattr(letter, flag)]
    return sorted(
        chosen, key=lambda x: (getattr(x, field) is not None, getattr(x, field) or 0, x.pk), reverse=True
    )
