"""EntrePass: a Singapore company at most 12 months old and one innovation criterion."""

from __future__ import annotations

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
    [("2025-11-24", "met"), ("2025-11-23", "not_met"), ("2027-02-01", "met"), (None, "unknown")],
)
def test_company_at_most_12_months_old(incorporated: str | None, expected: str) -> None:
    assert status(business(company_incorporated_on=incorporated), "sg_entrepass", "company_age") == expected


def test_an_older_company_is_pointed_to_the_renewal_criteria() -> None:
    res = result(business(company_incorporated_on="2024-01-01", registered_ip=True), "sg_entrepass")
    assert res.outcome == "not_eligible"
    assert "renewal criteria" in english(res.criteria[1].explanation)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"largest_funding_round": sgd(100000)}, "met"),
        ({"largest_funding_round": sgd("99999.99")}, "not_met"),
        ({"largest_funding_round": usd(74075)}, "met"),
        ({"largest_funding_round": usd(74000)}, "not_met"),
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
