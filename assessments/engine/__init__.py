"""The eligibility engine: plain Python, no Django, no I/O, no clock.

Usage (what the command, the API and the services do)::

    profile = parse_profile(data, default_as_of=today)        # raises ProfileError(.errors by field path)
    assessment = assess(profile, rates=rates)                 # all eight pathways, never raises
    snapshot = assessment.to_data()                           # JSON-able; texts as {"id", "params"}
    contract = render_assessment(snapshot, gettext)           # the contract JSON in the active language
    contract = assessment.to_contract(catalogue)              # the same in one pass (no snapshot wanted)

`to_data()` keeps every text as an English msgid plus raw parameters so a stored snapshot renders later in
any language; msgids are marked with the engine's own `gettext_noop` and translated in
`assessments/locale/`. A `Catalogue` holds one language's templates (msgid -> translation, each looked up
once); `render_assessment` and `to_contract` take one, or a plain `translate` callable. The output adds `exchange_rate_dates` (pair -> ISO date) to the contract's
`exchange_rates`. `ExchangeRates` also takes an optional `dates=` mapping for per-pair dates.

Public names: `parse_profile`, `ProfileError`, `Profile`, `profile_json_schema`, `ExchangeRates`,
`DEFAULT_RATES`, `assess`, `Assessment`, `PathwayResult`, `render_assessment`, `Catalogue`, `rule_catalogue`,
`RuleVersion`, `Source`, `Confidence`, `ENGINE_VERSION`, `PATHWAY_CODES`, `Outcome`, `CriterionStatus`,
`versions_in_force`, `versions_starting`, `versions_with_ids`, and the pathway registry: `REGISTRY` (one
`PathwayEntry` per pathway, contract order: code, country, name, facts, rule book, evaluator),
`pathway(code)`, `PassFacts`, `COUNTRIES`.
"""

from assessments.engine.assess import ENGINE_VERSION, PATHWAY_CODES, assess, rule_catalogue
from assessments.engine.descriptions import COUNTRIES, PassFacts
from assessments.engine.profile import Profile, ProfileError, parse_profile, profile_json_schema
from assessments.engine.rates import DEFAULT_RATES, ExchangeRates
from assessments.engine.registry import REGISTRY, PathwayEntry, pathway
from assessments.engine.render import Catalogue, render_assessment
from assessments.engine.result import Assessment, CriterionStatus, Outcome, PathwayResult
from assessments.engine.rules.base import Confidence, RuleVersion, Source
from assessments.engine.versions import versions_in_force, versions_starting, versions_with_ids

__all__ = [
    "COUNTRIES",
    "DEFAULT_RATES",
    "ENGINE_VERSION",
    "PATHWAY_CODES",
    "REGISTRY",
    "Assessment",
    "Catalogue",
    "Confidence",
    "CriterionStatus",
    "ExchangeRates",
    "Outcome",
    "PassFacts",
    "PathwayEntry",
    "PathwayResult",
    "Profile",
    "ProfileError",
    "RuleVersion",
    "Source",
    "assess",
    "parse_profile",
    "pathway",
    "profile_json_schema",
    "render_assessment",
    "rule_catalogue",
    "versions_in_force",
    "versions_starting",
    "versions_with_ids",
]
