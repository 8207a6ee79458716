"""How fresh the rules are, for the start page: per pathway, the version in force and its check date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessments.engine import PATHWAY_CODES, rule_catalogue
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
    rows = []
    catalogue = rule_catalogue()
    for code in PATHWAY_CODES:
        versions = [v for v in catalogue if v.pathway == code and v.in_force(today, "new")]
        for version in versions[:1]:
            rows.append(
                RuleDate(pathway_name(code), version.id, version.effective_from, version.last_verified)
            )
    return rows


def upcoming_changes(today: date) -> list[RuleChange]:
    """Versions that take effect after `today`: the dated banners that warn of a rule change."""
    return sorted(
        (
            RuleChange(pathway_name(v.pathway), v.id, v.effective_from)
            for v in rule_catalogue()
            if v.effective_from > today
        ),
        key=lambda change: (change.effective_from, change.name),
    )
