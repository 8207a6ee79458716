"""`assess()`: every pathway, in contract order, for one profile."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from assessments.engine.descriptions import NAMES
from assessments.engine.messages import gettext_noop, msg
from assessments.engine.pathways.common import Context, home_countries, not_applicable
from assessments.engine.profile import Profile
from assessments.engine.rates import ExchangeRates
from assessments.engine.recommend import recommend
from assessments.engine.registry import PATHWAY_CODES, REGISTRY, PathwayEntry
from assessments.engine.result import Assessment, Change, Outcome, PathwayResult
from assessments.engine.rules.base import RuleBook, RuleVersion
from assessments.engine.years import add_months

# Bump on any change of logic or rule data: stored snapshots name the engine that produced them.
# 2.0.0: contract v2 (dated changes, calendar years, citizenship and permanent residence give
# `not_applicable`, `recommendation`) and the rules audit of December 2026.
# 2.1.0: "met from" / "eligible from" days for years that grow with an ongoing role (optional fields).
ENGINE_VERSION = "2.1.0+rules-2026-12-audit"
# Upcoming changes are reported within this many months of as_of (contract v2).
HORIZON_MONTHS = 12
GENERIC_CHANGE = gettext_noop("{pathway}: new rules take effect ({title}).")

__all__ = ["ENGINE_VERSION", "PATHWAY_CODES", "assess", "rule_catalogue"]


def assess(profile: Profile, *, rates: ExchangeRates) -> Assessment:
    """Evaluate all eight pathways for `profile` on `profile.as_of`. Deterministic; never raises on a valid profile."""
    ctx = Context(profile, rates)
    citizen_of, resident_of = home_countries(profile)
    results = [
        not_applicable(
            entry.book.select(profile.as_of, profile.application_type),
            entry.country,
            citizen=entry.country in citizen_of,
        )
        if entry.country in citizen_of | resident_of
        else entry.evaluate(ctx)
        for entry in REGISTRY
    ]
    for entry, result in zip(REGISTRY, results, strict=True):
        if entry.country not in citizen_of | resident_of:
            _date_changes(entry.book, result, profile)
            result.eligible_from = _eligible_from(entry, result, profile, rates)
    used = sorted(ctx.used)
    assessment = Assessment(
        as_of=profile.as_of,
        engine_version=ENGINE_VERSION,
        results=results,
        exchange_rates={pair: rates.rates[pair] for pair in used},
        exchange_rate_dates={pair: rates.dates[pair] for pair in used},
    )
    assessment.recommendation = recommend(assessment, profile)
    return assessment


def _date_changes(book: RuleBook[Any], result: PathwayResult, profile: Profile) -> None:
    """Deadline and upcoming changes from the rule versions (contract v2 "Dated changes")."""
    result.deadline, result.deadline_days_left, changes = _dated(
        book, profile.as_of, profile.application_type
    )
    result.upcoming_changes = list(changes)


# They depend on the day and the application type alone, and a batch holds few distinct days: worked out
# once per pathway, day and type (Change and Message are immutable, so results may share them).
@lru_cache(maxsize=4096)
def _dated(
    book: RuleBook[Any], as_of: date, application_type: str
) -> tuple[date | None, int | None, tuple[Change, ...]]:
    version = book.select(as_of, application_type)
    deadline = days_left = None
    if version.is_open and version.effective_to is not None:
        deadline = version.effective_to
        days_left = (version.effective_to - as_of).days + 1
    name = msg(NAMES[book.pathway])
    changes = tuple(
        Change(
            effective_on=after.effective_from,
            kind=kind,
            summary=msg(after.change_summary or GENERIC_CHANGE, pathway=name, title=after.title),
        )
        for _, after, kind in book.changes(as_of, application_type, add_months(as_of, HORIZON_MONTHS))
    )
    return deadline, days_left, changes


FITS = (Outcome.ELIGIBLE, Outcome.LIKELY_ELIGIBLE)


def _eligible_from(
    entry: PathwayEntry, result: PathwayResult, profile: Profile, rates: ExchangeRates
) -> date | None:
    """The first of the criteria's `met_from` days on which the pathway, assessed again on that day with the
    same facts (so the person is older and ongoing roles have gone on) under the rules then in force, fits;
    None when it fits already or no such day does."""
    if result.outcome in FITS:
        return None
    for day in sorted({c.met_from for c in result.criteria if c.met_from is not None}):
        later = profile.model_copy(update={"as_of": day})
        if entry.evaluate(Context(later, rates)).outcome in FITS:
            return day
    return None


def rule_catalogue() -> list[RuleVersion[object]]:
    """Every rule version of every pathway, in contract order then by start date."""
    versions: list[RuleVersion[object]] = []
    for entry in REGISTRY:
        versions.extend(sorted(entry.book.versions, key=lambda v: (v.effective_from, v.id)))
    return versions
