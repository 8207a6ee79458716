"""`assess()`: every pathway, in contract order, for one profile."""

from __future__ import annotations

from collections.abc import Callable

from assessments.engine.pathways import (
    cn_k_visa,
    cn_r_visa,
    cn_work_permit,
    sg_employment_pass,
    sg_entrepass,
    sg_one_pass,
    sg_one_pass_ai_tech,
    sg_tech_pass,
)
from assessments.engine.pathways.common import Context
from assessments.engine.profile import Profile
from assessments.engine.rates import ExchangeRates
from assessments.engine.result import Assessment, PathwayResult
from assessments.engine.rules import (
    cn_k_visa as cn_k_visa_rules,
)
from assessments.engine.rules import (
    cn_r_visa as cn_r_visa_rules,
)
from assessments.engine.rules import (
    cn_work_permit as cn_work_permit_rules,
)
from assessments.engine.rules import (
    sg_employment_pass as sg_employment_pass_rules,
)
from assessments.engine.rules import (
    sg_entrepass as sg_entrepass_rules,
)
from assessments.engine.rules import (
    sg_one_pass as sg_one_pass_rules,
)
from assessments.engine.rules import (
    sg_one_pass_ai_tech as sg_one_pass_ai_tech_rules,
)
from assessments.engine.rules import (
    sg_tech_pass as sg_tech_pass_rules,
)
from assessments.engine.rules.base import RuleVersion

# Bump on any change of logic or rule data: stored snapshots name the engine that produced them.
ENGINE_VERSION = "1.0.0+rules-2026-11-24"

PATHWAY_CODES: tuple[str, ...] = (
    "sg_tech_pass",
    "sg_one_pass",
    "sg_one_pass_ai_tech",
    "sg_employment_pass",
    "sg_entrepass",
    "cn_k_visa",
    "cn_work_permit",
    "cn_r_visa",
)

EVALUATORS: tuple[Callable[[Context], PathwayResult], ...] = (
    sg_tech_pass.evaluate,
    sg_one_pass.evaluate,
    sg_one_pass_ai_tech.evaluate,
    sg_employment_pass.evaluate,
    sg_entrepass.evaluate,
    cn_k_visa.evaluate,
    cn_work_permit.evaluate,
    cn_r_visa.evaluate,
)

RULE_MODULES = (
    sg_tech_pass_rules,
    sg_one_pass_rules,
    sg_one_pass_ai_tech_rules,
    sg_employment_pass_rules,
    sg_entrepass_rules,
    cn_k_visa_rules,
    cn_work_permit_rules,
    cn_r_visa_rules,
)


def assess(profile: Profile, *, rates: ExchangeRates) -> Assessment:
    """Evaluate all eight pathways for `profile` on `profile.as_of`. Deterministic; never raises on a valid profile."""
    ctx = Context(profile, rates)
    results = [evaluate(ctx) for evaluate in EVALUATORS]
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
    for module in RULE_MODULES:
        versions.extend(sorted(module.VERSIONS, key=lambda v: (v.effective_from, v.id)))
    return versions
