"""How fresh the rules are, for the start page: per pathway, the version in force and its check date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessments.engine import versions_in_force, versions_starting
from assessments.presentation import pathway_name


@dataclass(frozen=True)
class RuleDate:
    name: str
    version: str
    in_force_from: date
    last_verified: date


@dataclass(frozen=True)
class RuleChange:
    name: str
    version: str
    effective_from: date


def rules_in_force(today: date) -> list[RuleDate]:
    """One row per pathway (contract order): the version for new applications on `today`."""
    return [
        RuleDate(pathway_name(code), version.id, version.effective_from, version.last_verified)
        for code, version in versions_in_force(today, "new").items()
    ]


def upcoming_changes(today: date) -> list[RuleChange]:
    """Versions that take effect after `today`: the dated banners that warn of a rule change."""
    return sorted(
        (
            RuleChange(pathway_name(v.pathway), v.id, v.effective_from)
            for v in versions_starting(after=today, until=date.max)
        ),
        key=lambda change: (change.effective_from, change.name),
    )
