"""Properties over generated valid profiles: no crash, determinism, more salary never hurts."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.engine import PATHWAY_CODES, Outcome, ProfileError, assess, parse_profile

from .helpers import AS_OF, RATES
from .strategies import profiles

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SALARY_CRITERIA = {
    "sg_tech_pass": ("salary",),
    "sg_one_pass": ("salary",),
    "sg_one_pass_ai_tech": ("fixed_salary", "total_compensation"),
}


def statuses(data: dict[str, Any]) -> dict[tuple[str, str], str]:
    assessment = assess(parse_profile(data, default_as_of=AS_OF), rates=RATES)
    return {(r.pathway, c.code): c.status.value for r in assessment.results for c in r.criteria}


@SETTINGS
@given(profiles())
def test_no_valid_profile_crashes_and_the_output_is_contract_json(data: dict[str, Any]) -> None:
    assessment = assess(parse_profile(data, default_as_of=AS_OF), rates=RATES)
    contract = assessment.to_contract()
    assert [r["pathway"] for r in contract["results"]] == list(PATHWAY_CODES)
    assert {r["outcome"] for r in contract["results"]} <= {o.value for o in Outcome}
    json.dumps(contract)
    for result in assessment.results:
        if result.outcome in (Outcome.NOT_OPEN, Outcome.NOT_APPLICABLE):
            assert result.criteria == []
        if result.outcome is Outcome.ELIGIBLE:
            assert all(
                c.status.value == "met" for c in result.criteria if c.code != "outstanding_achievements"
            )


@SETTINGS
@given(profiles())
def test_results_are_deterministic(data: dict[str, Any]) -> None:
    first = assess(parse_profile(copy.deepcopy(data), default_as_of=AS_OF), rates=RATES).to_data()
    second = assess(parse_profile(copy.deepcopy(data), default_as_of=AS_OF), rates=RATES).to_data()
    assert first == second


@SETTINGS
@given(profiles(), st.integers(1, 50_000))
def test_raising_the_fixed_salary_never_unmeets_a_salary_criterion(
    data: dict[str, Any], raise_by: int
) -> None:
    salary = data.get("monthly_fixed_salary")
    if salary is None:
        data["monthly_fixed_salary"] = salary = {"amount": "10000", "currency": "SGD"}
    before = statuses(data)
    raised = copy.deepcopy(data)
    raised["monthly_fixed_salary"]["amount"] = str(Decimal(str(salary["amount"])) + raise_by)
    after = statuses(raised)
    for pathway, codes in SALARY_CRITERIA.items():
        for code in codes:
            if before.get((pathway, code)) == "met":
                assert after[(pathway, code)] == "met", (pathway, code)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "as_of",
        "roles",
        "education",
        "monthly_fixed_salary",
        "hsk_level",
        "business",
        "singapore_job_offer",
        "x",
    ]
)


@SETTINGS
@given(st.one_of(JSON, st.dictionaries(KEYS, JSON, max_size=5)))
def test_any_json_either_parses_or_raises_profile_error(data: Any) -> None:
    errors: dict[str, list[str]] | None = None
    try:
        parse_profile(data, default_as_of=AS_OF)
    except ProfileError as error:
        errors = error.errors
    if errors is not None:
        assert errors
        assert all(isinstance(path, str) and messages for path, messages in errors.items())


ALL_REQUIRED = {
    "sg_one_pass_ai_tech",
    "sg_employment_pass",
    "sg_entrepass",
    "cn_k_visa",
    "cn_work_permit",
    "cn_r_visa",
}


@SETTINGS
@given(profiles())
def test_where_every_criterion_is_required_the_worst_criterion_decides(data: dict[str, Any]) -> None:
    assessment = assess(parse_profile(data, default_as_of=AS_OF), rates=RATES)
    for result in assessment.results:
        required = result.pathway in ALL_REQUIRED or result.rule_version == "sg_tech_pass/C_current"
        if not required or result.outcome in (Outcome.NOT_OPEN, Outcome.NOT_APPLICABLE):
            continue
        statuses = {c.status.value for c in result.criteria}
        if "not_met" in statuses:
            assert result.outcome is Outcome.NOT_ELIGIBLE
        elif "unknown" in statuses:
            assert result.outcome is Outcome.INSUFFICIENT_INFORMATION
        elif "review" in statuses:
            assert result.outcome is Outcome.NEEDS_REVIEW
        else:
            assert result.outcome in (Outcome.ELIGIBLE, Outcome.LIKELY_ELIGIBLE)
        if result.outcome is Outcome.NOT_ELIGIBLE:
            assert result.documents == []
            assert result.what_if
