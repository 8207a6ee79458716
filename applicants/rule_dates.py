"""How fresh the rules are, for the start page: per pathway, the version in force and its check date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.engine import RuleVersion, versions_in_force, versions_starting
from assessments.presentation import pathway_name


@dataclass(frozen=True)
class RuleDate:
    name: str
    version: str
    in_force_from: date
    last_verified: date


@dataclass(frozen=True)
class RuleChange:
    """What changes for one pathway on one day: it closes, or new rules for new applications/renewals."""

    name: str
    closes: bool
    for_new: bool
    for_renewal: bool


@dataclass(frozen=True)
class ChangeDay:
    day: date
    changes: tuple[RuleChange, ...]


def rules_in_force(today: date) -> list[RuleDate]:
    """One row per pathway (contract order): the version for new applications on `today`."""
    return [
        RuleDate(pathway_name(code), version.id, version.effective_from, version.last_verified)
        for code, version in versions_in_force(today, "new").items()
    ]


def upcoming_changes(today: date) -> list[ChangeDay]:
    """Versions that take effect after `today`, one entry per day and pathway (the "what's changing" box).

    A pathway with a new version for first applications and another for renewals on the same day is
    one line, not two.
    """
    by_day: dict[date, dict[str, list[RuleVersion[Any]]]] = {}
    for version in versions_starting(after=today, until=date.max):
        by_day.setdefault(version.effective_from, {}).setdefault(version.pathway, []).append(version)
    return [
        ChangeDay(
            day,
            tuple(
                RuleChange(
                    name=pathway_name(code),
                    closes=any(version.closure is not None for version in versions),
                    for_new=any("new" in version.applies_to for version in versions),
                    for_renewal=any("renewal" in version.applies_to for version in versions),
                )
                for code, versions in pathways.items()
            ),
        )
        for day, pathways in sorted(by_day.items())
    ]
