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
    if not ctx.used:
        return Assessment(profile.as_of, ENGINE_VERSION, results, {}, {})
    used = sorted(ctx.used)
    return Assessment(
        profile.as_of,
        ENGINE_VERSION,
        results,
        {pair: rates.rates[pair] for pair in used},
        {pair: rates.dates[pair] for pair in used},
    )


def rule_catalogue() -> list[RuleVersion[object]]:
    """Every rule version of every pathway, in contract order then by start date."""
    versions: list[RuleVersion[object]] = []
    for entry in REGISTRY:
        versions.extend(sorted(entry.book.versions, key=lambda v: (v.effective_from, v.id)))
    return versions
