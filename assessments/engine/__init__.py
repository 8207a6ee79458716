"""The eligibility engine: plain Python, no Django, no I/O, no clock.

Public API (others code against these names):
`parse_profile`, `ProfileError`, `Profile`, `profile_json_schema`, `ExchangeRates`, `DEFAULT_RATES`,
`assess`, `Assessment`, `render_assessment`, `rule_catalogue`, `RuleVersion`, `ENGINE_VERSION`,
`PATHWAY_CODES`, `Outcome`, `CriterionStatus`.
"""

from assessments.engine.assess import ENGINE_VERSION, PATHWAY_CODES, assess, rule_catalogue
from assessments.engine.profile import Profile, ProfileError, parse_profile, profile_json_schema
from assessments.engine.rates import DEFAULT_RATES, ExchangeRates
from assessments.engine.render import render_assessment
from assessments.engine.result import Assessment, CriterionStatus, Outcome, PathwayResult
from assessments.engine.rules.base import Confidence, RuleVersion, Source

__all__ = [
    "DEFAULT_RATES",
    "ENGINE_VERSION",
    "PATHWAY_CODES",
    "Assessment",
    "Confidence",
    "CriterionStatus",
    "ExchangeRates",
    "Outcome",
    "PathwayResult",
    "Profile",
    "ProfileError",
    "RuleVersion",
    "Source",
    "assess",
    "parse_profile",
    "profile_json_schema",
    "render_assessment",
    "rule_catalogue",
]
