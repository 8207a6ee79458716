"""Tech.Pass: salary S$22,500 AND 5 years leading a qualifying tech company or VC (Version C); history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import AS_OF, days_before, english, result, sgd, status, usd

FIVE_YEARS = 1826  # five calendar years up to AS_OF (they include 29 February 2024)


def leader(days: int = FIVE_YEARS, **overrides: Any) -> dict[str, Any]:
    role = {
        "organisation": "Unicorn",
        "start": days_before(AS_OF, days - 1),
        "end": None,
        "role_type": "founder",
        "organisation_type": "tech_company",
        "valuation_usd": 500_000_000,
    }
    role.update(overrides)
    return role


def profile(
    salary: str | None = "22500", roles: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"roles": [leader()] if roles is None else roles, **extra}
    if salary is not None:
        data["monthly_fixed_salary"] = sgd(salary)
    return data


@pytest.mark.parametrize(
    ("salary", "expected"),
    [("22500", "met"), ("22500.00", "met"), ("30000", "met"), ("22499.99", "not_met"), ("0", "not_met")],
)
def test_fixed_salary_threshold_is_inclusive(salary: str, expected: str) -> None:
    assert status(profile(salary), "sg_tech_pass", "salary") == expected


def test_unknown_salary_is_unknown() -> None:
    assert status(profile(None), "sg_tech_pass", "salary") == "unknown"


def test_non_cash_pay_above_a_low_fixed_salary_goes_to_review() -> None:
    data = profile("18000", monthly_total_compensation=sgd(40000))
    assert status(data, "sg_tech_pass", "salary") == "review"
    assert result(data, "sg_tech_pass").outcome == "needs_review"


@pytest.mark.parametrize(
    ("total", "expected"), [("22500", "review"), ("22499", "not_met"), ("18000", "not_met")]
)
def test_non_cash_pay_is_reviewed_only_where_it_could_bridge_the_gap(total: str, expected: str) -> None:
    assert (
        status(profile("18000", monthly_total_compensation=sgd(total)), "sg_tech_pass", "salary") == expected
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (leader(), "met"),
        (leader(FIVE_YEARS - 1), "not_met"),
        (leader(role_type="c_suite"), "met"),
        (leader(role_type="leadership"), "met"),
        (leader(role_type="technical"), "not_met"),
        (leader(role_type="other"), "not_met"),
        (leader(role_type=None), "unknown"),
        (leader(valuation_usd=499_999_999, funding_raised_usd=0), "not_met"),
        (leader(valuation_usd=499_999_999), "unknown"),
        (leader(valuation_usd=499_999_999, funding_raised_usd=30_000_000), "met"),
        (leader(valuation_usd=0, funding_raised_usd=29_999_999), "not_met"),
        (leader(valuation_usd=None, funding_raised_usd=29_999_999), "unknown"),
        (leader(valuation_usd=None), "unknown"),
        (leader(organisation_type="other"), "not_met"),
        (leader(organisation_type=None), "unknown"),
        (leader(organisation_type="tech_vc", valuation_usd=None, aum_usd=500_000_000), "met"),
        (leader(organisation_type="tech_vc", valuation_usd=None, aum_usd=499_999_999), "not_met"),
        (leader(organisation_type="tech_vc", valuation_usd=None, aum_usd=None), "unknown"),
        (leader(organisation_type="university"), "not_met"),
        (leader(start=None), "unknown"),
    ],
)
def test_leading_role_experience(role: dict[str, Any], expected: str) -> None:
    assert status(profile(roles=[role]), "sg_tech_pass", "leading_role") == expected


def test_overlapping_leading_roles_count_once() -> None:
    roles = [
        leader(start="2019-01-01", end="2022-12-31"),
        leader(start="2021-01-01", end="2022-12-31", role_type="c_suite"),
    ]
    res = result(profile(roles=roles), "sg_tech_pass")
    assert english(res.criteria[1].actual) == "4 years"
    assert res.criteria[1].status.value == "not_met"


def test_roles_at_different_qualifying_companies_add_up() -> None:
    roles = [
        leader(start="2018-01-01", end="2020-12-31"),
        leader(
            start="2021-01-01",
            end="2023-06-30",
            organisation_type="tech_vc",
            valuation_usd=None,
            aum_usd=10**9,
        ),
    ]
    assert status(profile(roles=roles), "sg_tech_pass", "leading_role") == "met"


def test_absent_career_is_unknown_and_empty_career_is_not_met() -> None:
    assert status({"monthly_fixed_salary": sgd(30000)}, "sg_tech_pass", "leading_role") == "unknown"
    assert status(profile(roles=[]), "sg_tech_pass", "leading_role") == "not_met"


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (profile(), "eligible"),
        (profile("22499"), "not_eligible"),
        (profile(roles=[leader(1000)]), "not_eligible"),
        (profile(None), "insufficient_information"),
        (profile(roles=[leader(role_type=None)]), "insufficient_information"),
        (profile(None, roles=[leader(1000)]), "not_eligible"),
    ],
)
def test_current_version_requires_both_criteria(data: dict[str, Any], outcome: str) -> None:
    res = result(data, "sg_tech_pass")
    assert res.rule_version == "sg_tech_pass/C_current"
    assert res.outcome == outcome


def test_what_if_names_the_gaps_smallest_first() -> None:
    res = result(profile("18000", roles=[leader(start="2023-07-01")]), "sg_tech_pass")
    assert [english(m) for m in res.what_if] == [
        "A fixed monthly salary of S$22,500 or more (you have S$18,000)",
        "5 years in a leading role at a qualifying tech company; you have 3 years 4 months",
    ]


def test_what_if_for_a_foreign_salary_shows_the_conversion() -> None:
    res = result(profile(None, monthly_fixed_salary=usd(10000)), "sg_tech_pass")
    assert (
        english(res.what_if[0])
        == "A fixed monthly salary of S$22,500 or more (you have US$10,000 (about S$13,500))"
    )


def test_eligible_result_lists_evidence_and_no_what_if() -> None:
    res = result(profile(), "sg_tech_pass")
    assert res.what_if == []
    documents = [english(m) for m in res.documents]
    assert documents[0] == "Passport bio page"
    assert "Employment contract showing the fixed monthly salary" in documents


def test_not_eligible_result_lists_no_documents() -> None:
    assert result(profile("100"), "sg_tech_pass").documents == []


def test_criteria_cite_the_edb_page() -> None:
    res = result(profile(), "sg_tech_pass")
    assert all("edb.gov.sg" in c.source for c in res.criteria)


@pytest.mark.parametrize(
    ("salary", "roles", "outcome"),
    [
        # The launch rules rest on law-firm and press sources only: at most likely_eligible.
        ("20000", [leader()], "likely_eligible"),
        ("19999", [leader()], "insufficient_information"),
        ("20000", [], "not_eligible"),
        ("20000", [leader(valuation_usd=1, annual_revenue_usd=100_000_000)], "likely_eligible"),
        ("100", [leader(valuation_usd=1, annual_revenue_usd=100_000_000)], "insufficient_information"),
    ],
)
def test_launch_version_needs_two_of_three(salary: str, roles: list[dict[str, Any]], outcome: str) -> None:
    as_of = date(2022, 6, 1)
    data = profile(salary, roles=[{**r, "start": "2016-01-01"} for r in roles])
    res = result(data, "sg_tech_pass", as_of=as_of)
    assert res.rule_version == "sg_tech_pass/A_2021"
    assert res.outcome == outcome


def test_version_b_uses_s22500_and_is_at_most_likely_eligible() -> None:
    data = profile("22500", roles=[leader(start="2016-01-01")])
    res = result(data, "sg_tech_pass", as_of=date(2024, 6, 1))
    assert res.rule_version == "sg_tech_pass/B_2023"
    assert res.outcome == "likely_eligible"
    assert (
        result(
            profile("22499", roles=[leader(start="2016-01-01")]), "sg_tech_pass", as_of=date(2024, 6, 1)
        ).outcome
        == "insufficient_information"
    )


def test_new_applications_close_on_1_january_2027() -> None:
    res = result(profile(), "sg_tech_pass", as_of=date(2027, 1, 1))
    assert res.outcome == "not_open"
    assert "ONE Pass (AI and Tech)" in english(res.summary)
    assert "unconfirmed" in english(res.summary)
    assert res.criteria == []
    assert result(profile(), "sg_tech_pass", as_of=date(2026, 12, 31)).outcome == "eligible"


def test_before_launch_it_is_not_open() -> None:
    data = profile(roles=[leader(start="2015-01-01")])
    assert result(data, "sg_tech_pass", as_of=date(2021, 1, 18)).outcome == "not_open"


def test_renewal_goes_to_a_consultant_with_the_income_threshold() -> None:
    res = result(profile(application_type="renewal"), "sg_tech_pass")
    assert res.outcome == "needs_review"
    assert res.rule_version == "sg_tech_pass/renewal_current"
    assert "S$270,000" in english(res.criteria[0].requirement)


@pytest.mark.parametrize("as_of", [date(2026, 12, 31), date(2027, 1, 1)])
def test_renewal_lists_the_income_spending_and_investment_routes(as_of: date) -> None:
    res = result(profile(application_type="renewal"), "sg_tech_pass", as_of=as_of)
    requirement = english(res.criteria[0].requirement)
    assert res.rule_version == "sg_tech_pass/renewal_current"
    assert "assessable income of S$270,000 or more" in requirement
    assert "business spending of S$100,000 or more" in requirement
    assert "at least 1 local professional, manager or executive earning S$3,900 or more" in requirement
    assert "at least 3 locals earning S$1,600 or more" in requirement
    assert "raised more than US$10,000,000 in the past 36 months" in requirement
    assert "at least 2 current roles" in requirement


def test_launch_renewal_names_only_the_routes_its_source_gives() -> None:
    res = result(profile(application_type="renewal"), "sg_tech_pass", as_of=date(2023, 8, 31))
    requirement = english(res.criteria[0].requirement)
    assert res.rule_version == "sg_tech_pass/renewal_2021"
    assert "S$240,000" in requirement
    assert "local jobs" in requirement
    assert "S$3,900" not in requirement
    assert "US$10,000,000" not in requirement
