"""Properties over generated valid profiles: no crash, determinism, more salary never hurts."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.engine import (
    PATHWAY_CODES,
    Confidence,
    Outcome,
    ProfileError,
    assess,
    parse_profile,
    rule_catalogue,
)

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
        if result.outcome is Outcome.NOT_OPEN:
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
        if not required or result.outcome is Outcome.NOT_OPEN:
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


# Criteria a positive outcome can rest on, per route: a route holds when every one of its criteria is met.
ROUTES: dict[str, tuple[frozenset[str], ...]] = {
    "sg_one_pass": (frozenset({"salary", "single_employer", "established_company"}),),
    # The 2021 Tech.Pass: any 2 of 3.
    "sg_tech_pass/A_2021": (
        frozenset({"salary", "leading_role"}),
        frozenset({"salary", "product_role"}),
        frozenset({"leading_role", "product_role"}),
    ),
}
NEAR_BAND = Decimal("0.02")


def _relied_on(result: Any) -> list[frozenset[str]]:
    routes = ROUTES.get(result.rule_version) or ROUTES.get(result.pathway)
    return list(routes) if routes else [frozenset(c.code for c in result.criteria)]


@SETTINGS
@given(profiles())
def test_no_positive_result_rests_on_an_unknown_unconfirmed_or_too_close_criterion(
    data: dict[str, Any],
) -> None:
    assessment = assess(parse_profile(data, default_as_of=AS_OF), rates=RATES)
    catalogue = {version.id: version for version in rule_catalogue()}
    for result in assessment.results:
        if result.outcome not in (Outcome.ELIGIBLE, Outcome.LIKELY_ELIGIBLE):
            continue
        status = {c.code: c.status.value for c in result.criteria}
        # Some route holds with every criterion it relies on met: none unknown, none for review (which is
        # where a converted amount within the tolerance band lands).
        assert any(all(status.get(code) == "met" for code in route) for route in _relied_on(result)), (
            result.pathway,
            status,
        )
        # Never "eligible" on a rule version that no official source confirms.
        if catalogue[result.rule_version].confidence is not Confidence.OFFICIAL:
            assert result.outcome is not Outcome.ELIGIBLE


@SETTINGS
@given(profiles(), st.integers(-200, 200))
def test_a_converted_salary_within_the_band_never_gives_a_positive_salary_criterion(
    data: dict[str, Any], basis_points: int
) -> None:
    # US dollars within 2 % of S$22,500 (Tech.Pass) at the test rate of 1.35.
    amount = (Decimal(22500) * (1 + Decimal(basis_points) / 10000) / Decimal("1.35")).quantize(
        Decimal("0.01")
    )
    data = {**data, "monthly_fixed_salary": {"amount": str(amount), "currency": "USD"}}
    assessment = assess(parse_profile(data, default_as_of=AS_OF), rates=RATES)
    tech = assessment.result("sg_tech_pass")
    salary = next((c for c in tech.criteria if c.code == "salary"), None)
    if salary is None or tech.rule_version not in ("sg_tech_pass/B_2023", "sg_tech_pass/C_current"):
        return
    converted = amount * Decimal("1.35")
    if abs(converted - 22500) <= 22500 * NEAR_BAND:
        assert salary.status.value not in ("met", "not_met")
        assert tech.outcome not in (Outcome.ELIGIBLE, Outcome.LIKELY_ELIGIBLE)
