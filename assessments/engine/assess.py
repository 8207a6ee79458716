"""`assess()`: every pathway, in contract order, for one profile."""

from __future__ import annotations

from assessments.engine.pathways.common import Context
from assessments.engine.profile import Profile
from assessments.engine.rates import ExchangeRates
from assessments.engine.registry import PATHWAY_CODES, REGISTRY
from assessments.engine.result import Assessment
from assessments.engine.rules.base import RuleVersion

# Bump on any change of logic or rule data: stored snapshots name the engine that produced them.
ENGINE_VERSION = "1.0.0+rules-2026-11-24"

__all__ = ["ENGINE_VERSION", "PATHWAY_CODES", "assess", "rule_catalogue"]


def assess(profile: Profile, *, rates: ExchangeRates) -> Assessment:
    """Evaluate all eight pathways for `profile` on `profile.as_of`. Deterministic; never raises on a valid profile."""
    ctx = Context(profile, rates)
    results = [entry.evaluate(ctx) for entry in REGISTRY]
    used = sorted(ctx.used)
    return Assessment(
        as_of=profile.as_of,
        engine_version=ENGINE_VERSION,
        results=results,
        exchange_rates={pair: rates.rates[pair] for pair in used},
        exchange_rate_dates={pair: rates.dates[pair] for pair in used},
    )


def rule_catalogue() -> list[RuleVersion[object]]:
    """Every rule version of every pathway, in contract order then by start date."""
    versions: list[RuleVersion[object]] = []
    for entry in REGISTRY:
        versions.extend(sorted(entry.book.versions, key=lambda v: (v.effective_from, v.id)))
    return versions
