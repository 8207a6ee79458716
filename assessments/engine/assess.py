"""`assess()`: every pathway, in contract order, for one profile."""

from __future__ import annotations

from typing import Any

from assessments.engine.descriptions import NAMES
from assessments.engine.messages import gettext_noop, msg
from assessments.engine.pathways.common import Context
from assessments.engine.profile import Profile
from assessments.engine.rates import ExchangeRates
from assessments.engine.registry import PATHWAY_CODES, REGISTRY
from assessments.engine.result import Assessment, Change, PathwayResult
from assessments.engine.rules.base import RuleBook, RuleVersion
from assessments.engine.years import add_months

# Bump on any change of logic or rule data: stored snapshots name the engine that produced them.
ENGINE_VERSION = "2.0.0+rules-2026-12-audit"
# Upcoming changes are reported within this many months of as_of (contract v2).
HORIZON_MONTHS = 12
GENERIC_CHANGE = gettext_noop("{pathway}: new rules take effect ({title}).")

__all__ = ["ENGINE_VERSION", "PATHWAY_CODES", "assess", "rule_catalogue"]


def assess(profile: Profile, *, rates: ExchangeRates) -> Assessment:
    """Evaluate all eight pathways for `profile` on `profile.as_of`. Deterministic; never raises on a valid profile."""
    ctx = Context(profile, rates)
    results = [entry.evaluate(ctx) for entry in REGISTRY]
    for entry, result in zip(REGISTRY, results, strict=True):
        _date_changes(entry.book, result, profile)
    used = sorted(ctx.used)
    return Assessment(
        as_of=profile.as_of,
        engine_version=ENGINE_VERSION,
        results=results,
        exchange_rates={pair: rates.rates[pair] for pair in used},
        exchange_rate_dates={pair: rates.dates[pair] for pair in used},
    )


def _date_changes(book: RuleBook[Any], result: PathwayResult, profile: Profile) -> None:
    """Deadline and upcoming changes from the rule versions (contract v2 "Dated changes")."""
    as_of, application_type = profile.as_of, profile.application_type
    version = book.select(as_of, application_type)
    if version.is_open and version.effective_to is not None:
        result.deadline = version.effective_to
        result.deadline_days_left = (version.effective_to - as_of).days + 1
    name = msg(NAMES[book.pathway])
    result.upcoming_changes = [
        Change(
            effective_on=after.effective_from,
            kind=kind,
            summary=msg(after.change_summary or GENERIC_CHANGE, pathway=name, title=after.title),
        )
        for _, after, kind in book.changes(as_of, application_type, add_months(as_of, HORIZON_MONTHS))
    ]


def rule_catalogue() -> list[RuleVersion[object]]:
    """Every rule version of every pathway, in contract order then by start date."""
    versions: list[RuleVersion[object]] = []
    for entry in REGISTRY:
        versions.extend(sorted(entry.book.versions, key=lambda v: (v.effective_from, v.id)))
    return versions
