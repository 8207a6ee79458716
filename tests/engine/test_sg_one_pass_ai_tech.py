"""ONE Pass (AI and Tech), from 1 Jan 2027: pay, 5 of the last 10 years, qualifying employer; at most likely."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import days_before, english, result, sgd, status

AS_OF = date(2027, 3, 1)


def engineer(days: int = 1825, **overrides: Any) -> dict[str, Any]:
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
    fixed: str = "22500", total: str | None = "30000", roles: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "monthly_fixed_salary": sgd(fixed),
        "roles": [engineer()] if roles is None else roles,
    }
    if total is not None:
        data["monthly_total_compensation"] = sgd(total)
    return data


def check(data: dict[str, Any], code: str) -> str:
    return status(data, "sg_one_pass_ai_tech", code, as_of=AS_OF)


@pytest.mark.parametrize(
    ("fixed", "total", "expected"),
    [
        ("22500", "30000", "met"),
        ("22500", "29999", "not_met"),
        ("30000", None, "met"),
        ("22500", None, "unknown"),
    ],
)
def test_total_compensation(fixed: str, total: str | None, expected: str) -> None:
    assert check(profile(fixed, total), "total_compensation") == expected


@pytest.mark.parametrize(("fixed", "expected"), [("22500", "met"), ("22499", "not_met")])
def test_fixed_salary_floor(fixed: str, expected: str) -> None:
    assert check(profile(fixed, "40000"), "fixed_salary") == expected


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([engineer()], "met"),
        ([engineer(1824)], "not_met"),
        ([engineer(role_type="founder")], "met"),
        ([engineer(role_type="c_suite")], "met"),
        ([engineer(role_type="leadership")], "not_met"),
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
    res = result(profile(roles=[engineer(365 * 3)]), "sg_one_pass_ai_tech", as_of=AS_OF)
    assert [english(m) for m in res.what_if] == [
        "5 years as a founder, C-suite executive or technical specialist within the last 10 years; you have 3.0"
    ]
