"""EntrePass: a Singapore company at most 12 months old and one innovation criterion."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import english, result, sgd, status, usd

NO_INNOVATION = {
    "recognised_incubator": False,
    "founded_and_sold_tech_business": False,
    "registered_ip": False,
    "singapore_research_collaboration": False,
    "largest_funding_round": sgd(0),
}


def business(**facts: Any) -> dict[str, Any]:
    return {
        "business": {
            "has_or_plans_singapore_company": True,
            "company_incorporated_on": "2026-06-01",
            **NO_INNOVATION,
            **facts,
        }
    }


@pytest.mark.parametrize(("has", "expected"), [(True, "met"), (False, "not_met"), (None, "unknown")])
def test_needs_a_singapore_company(has: bool | None, expected: str) -> None:
    assert (
        status(business(has_or_plans_singapore_company=has), "sg_entrepass", "singapore_company") == expected
    )


@pytest.mark.parametrize(
    ("incorporated", "expected"),
    [("2025-11-24", "met"), ("2025-11-23", "review"), ("2027-02-01", "met"), (None, "unknown")],
)
def test_company_at_most_12_months_old(incorporated: str | None, expected: str) -> None:
    assert status(business(company_incorporated_on=incorporated), "sg_entrepass", "company_age") == expected


@pytest.mark.parametrize(
    ("as_of", "incorporated", "expected"),
    [
        # Before 2023 the company had to be less than 6 months old (MOM's earlier page).
        (date(2022, 7, 15), "2022-01-16", "met"),
        (date(2022, 7, 15), "2022-01-15", "review"),
        (date(2022, 7, 15), "2022-01-14", "review"),
        # From 2023: at most 12 months.
        (date(2023, 6, 30), "2022-06-30", "met"),
        (date(2023, 6, 30), "2022-06-29", "review"),
        # 29 February: 12 months before 29 Feb 2028 is 1 Mar 2027.
        (date(2028, 2, 29), "2027-03-01", "met"),
        (date(2028, 2, 29), "2027-02-28", "review"),
    ],
)
def test_company_age_limit_by_version(as_of: date, incorporated: str, expected: str) -> None:
    data = business(company_incorporated_on=incorporated)
    assert status(data, "sg_entrepass", "company_age", as_of=as_of) == expected


def test_an_older_company_is_a_review_case_under_the_renewal_criteria_without_a_new_company_what_if() -> None:
    res = result(business(company_incorporated_on="2024-01-01", registered_ip=True), "sg_entrepass")
    assert res.outcome == "needs_review"
    assert "renewal criteria" in english(res.criteria[1].explanation)
    assert not any("incorporated on or after" in english(m) for m in res.what_if)


@pytest.mark.parametrize(("has", "expected"), [(True, "met"), (None, "unknown"), (False, "not_met")])
def test_a_company_not_yet_incorporated_is_a_valid_answer(has: bool | None, expected: str) -> None:
    data = business(
        has_or_plans_singapore_company=has,
        company_incorporated=False,
        company_incorporated_on=None,
        registered_ip=True,
    )
    assert status(data, "sg_entrepass", "company_age") == "met"
    res = result(data, "sg_entrepass")
    assert english(res.criteria[1].actual) == "not yet incorporated"
    assert (
        res.outcome
        == {"met": "eligible", "unknown": "insufficient_information", "not_met": "not_eligible"}[expected]
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"largest_funding_round": sgd(100000)}, "met"),
        ({"largest_funding_round": sgd("99999.99")}, "not_met"),
        # US$ converted at 1.35 against S$100,000, with the 2 % band (S$98,000 to S$102,000).
        ({"largest_funding_round": usd(75600)}, "met"),
        ({"largest_funding_round": usd(74075)}, "review"),
        ({"largest_funding_round": usd(74000)}, "review"),
        ({"largest_funding_round": usd(72500)}, "not_met"),
        ({"recognised_incubator": True}, "met"),
        ({"founded_and_sold_tech_business": True}, "met"),
        ({"registered_ip": True}, "met"),
        ({"singapore_research_collaboration": True}, "met"),
        ({"registered_ip": None}, "unknown"),
        ({"largest_funding_round": None}, "unknown"),
        ({"largest_funding_round": {"amount": "1", "currency": "JPY"}}, "unknown"),
    ],
)
def test_any_one_innovation_criterion(facts: dict[str, Any], expected: str) -> None:
    assert status(business(**facts), "sg_entrepass", "innovation") == expected


def test_all_met_is_eligible_and_lists_evidence() -> None:
    res = result(business(registered_ip=True), "sg_entrepass")
    assert res.outcome == "eligible"
    assert any("Business plan" in english(m) for m in res.documents)


def test_no_business_facts_is_insufficient_information() -> None:
    assert result({}, "sg_entrepass").outcome == "insufficient_information"


def test_renewal_goes_to_a_consultant() -> None:
    res = result({**business(), "application_type": "renewal"}, "sg_entrepass")
    assert res.outcome == "needs_review"
    assert "30%" in english(res.criteria[0].requirement)
