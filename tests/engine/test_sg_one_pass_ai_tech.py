"""ONE Pass (AI and Tech), from 1 Jan 2027: pay, 5 of the last 10 years, qualifying employer; at most likely."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import days_before, english, result, sgd, status

AS_OF = date(2027, 3, 1)


def engineer(days: int = 1826, **overrides: Any) -> dict[str, Any]:
    role = {
        "start": days_before(AS_OF, days - 1),
        "end": None,
        "role_type": "technical",
        "organisation_type": "tech_company",
        "valuation_usd": 500_000_000,
    }
    role.update(overrides)
    return role


def profile(
    fixed: str = "22500",
    total: str | None = None,
    roles: list[dict[str, Any]] | None = None,
    equity: str | None = "7500",
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "monthly_fixed_salary": sgd(fixed),
        "roles": [engineer()] if roles is None else roles,
    }
    if total is not None:
        data["monthly_total_compensation"] = sgd(total)
    if equity is not None:
        data["monthly_vested_equity"] = sgd(equity)
    return data


def check(data: dict[str, Any], code: str) -> str:
    return status(data, "sg_one_pass_ai_tech", code, as_of=AS_OF)


@pytest.mark.parametrize(
    ("fixed", "equity", "total", "expected"),
    [
        # Fixed salary plus vested equity: both sides of S$30,000.
        ("22500", "7500", None, "met"),
        ("22500", "7499.99", None, "not_met"),
        ("30000", None, None, "met"),
        ("29999.99", None, None, "unknown"),
        ("22500", None, None, "unknown"),
        # A total without its parts may hold cash bonuses and allowances, which do not count: it can only
        # show a shortfall.
        ("22500", None, "40000", "unknown"),
        ("22500", None, "30000", "unknown"),
        ("22500", None, "29999.99", "not_met"),
        # Given parts win over a total that includes bonuses.
        ("22500", "1000", "40000", "not_met"),
        ("22500", "7500", "29000", "met"),
    ],
)
def test_only_fixed_salary_and_vested_equity_make_up_the_total(
    fixed: str, equity: str | None, total: str | None, expected: str
) -> None:
    assert check(profile(fixed, total, equity=equity), "total_compensation") == expected


def test_a_total_without_its_parts_asks_for_the_vested_equity() -> None:
    res = result(profile("22500", "40000", equity=None), "sg_one_pass_ai_tech", as_of=AS_OF)
    assert res.outcome == "insufficient_information"
    explanation = english(next(c for c in res.criteria if c.code == "total_compensation").explanation)
    assert "cash bonuses and allowances do not" in explanation


@pytest.mark.parametrize(("fixed", "expected"), [("22500", "met"), ("22499", "not_met")])
def test_fixed_salary_floor(fixed: str, expected: str) -> None:
    assert check(profile(fixed, "40000"), "fixed_salary") == expected


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([engineer()], "met"),
        ([engineer(1825)], "not_met"),
        ([engineer(role_type="founder")], "met"),
        ([engineer(role_type="c_suite")], "met"),
        ([engineer(role_type="leadership")], "review"),
        ([engineer(role_type="other")], "not_met"),
        ([engineer(1825, role_type="leadership")], "not_met"),
        # Three years technical plus two years as VP: the VP years decide, so a consultant judges.
        (
            [
                engineer(start="2022-03-02", end="2025-03-01"),
                engineer(start="2025-03-02", role_type="leadership"),
            ],
            "review",
        ),
        (
            [engineer(start="2022-03-02", end="2025-03-01"), engineer(start="2025-03-02", role_type=None)],
            "unknown",
        ),
        ([engineer(role_type=None)], "unknown"),
        # 12 years ago to 6 years ago: only 4 years fall within the 10-year window.
        (
            [engineer(start="2015-03-02", end="2021-03-01"), engineer(start="2026-01-01", role_type="other")],
            "not_met",
        ),
    ],
)
def test_experience_within_the_last_ten_years(roles: list[dict[str, Any]], expected: str) -> None:
    assert check(profile(roles=roles), "experience") == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (engineer(), "met"),
        (engineer(valuation_usd=None, annual_revenue_usd=200_000_000), "met"),
        (engineer(valuation_usd=None, funding_raised_usd=30_000_000), "met"),
        (engineer(organisation_type="tech_vc", valuation_usd=None, aum_usd=500_000_000), "met"),
        (engineer(organisation_type="tech_vc", valuation_usd=None, aum_usd=499_999_999), "not_met"),
        # A VC firm's own fundraising does not qualify it (only its assets under management do).
        (
            engineer(
                organisation_type="tech_vc", valuation_usd=None, funding_raised_usd=900_000_000, aum_usd=1
            ),
            "not_met",
        ),
        (
            engineer(organisation_type="tech_vc", valuation_usd=None, funding_raised_usd=900_000_000),
            "unknown",
        ),
        (engineer(valuation_usd=0, funding_raised_usd=29_999_999, annual_revenue_usd=0), "not_met"),
        (engineer(valuation_usd=499_999_999, funding_raised_usd=0, annual_revenue_usd=0), "not_met"),
        (engineer(valuation_usd=1, annual_revenue_usd=1, funding_raised_usd=1, aum_usd=1), "not_met"),
        (engineer(valuation_usd=None), "unknown"),
        (engineer(organisation_type="other"), "not_met"),
    ],
)
def test_current_employer_must_qualify(role: dict[str, Any], expected: str) -> None:
    assert check(profile(roles=[role]), "employer") == expected


def test_only_the_current_or_last_employer_counts() -> None:
    roles = [
        engineer(start="2018-01-01", end="2025-12-31"),
        engineer(start="2026-01-01", organisation_type="other"),
    ]
    assert check(profile(roles=roles), "employer") == "not_met"
    closed = [
        engineer(start="2018-01-01", end="2025-12-31", organisation_type="other"),
        engineer(start="2010-01-01", end="2017-12-31"),
    ]
    assert check(profile(roles=closed), "employer") == "not_met"


def test_a_vp_at_a_qualifying_company_is_reviewed_with_a_reason() -> None:
    res = result(profile(roles=[engineer(role_type="leadership")]), "sg_one_pass_ai_tech", as_of=AS_OF)
    assert res.outcome == "needs_review"
    explanation = english(next(c for c in res.criteria if c.code == "experience").explanation)
    assert "not clearly covered" in explanation


def test_no_roles_at_all_fails_the_employer_test() -> None:
    assert check(profile(roles=[]), "employer") == "not_met"


def test_a_positive_result_is_at_most_likely_eligible() -> None:
    res = result(profile(), "sg_one_pass_ai_tech", as_of=AS_OF)
    assert (res.outcome, res.rule_version) == ("likely_eligible", "sg_one_pass_ai_tech/2027")


def test_not_open_before_1_january_2027() -> None:
    res = result(profile(), "sg_one_pass_ai_tech", as_of=date(2026, 12, 31))
    assert res.outcome == "not_open"
    assert "1 January 2027" in english(res.summary)


def test_what_if_for_short_experience() -> None:
    res = result(profile(roles=[engineer(start="2024-01-15")]), "sg_one_pass_ai_tech", as_of=AS_OF)
    assert [english(m) for m in res.what_if] == [
        "5 years as a founder, C-suite executive or technical specialist within the last 10 years; you have "
        "3 years 1 month"
    ]
