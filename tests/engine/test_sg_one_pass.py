"""ONE Pass (general): salary route (S$30,000, single employer, established company) or achievements."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import english, result, sgd, status

ESTABLISHED_ROLE = {"start": "2020-01-01", "valuation_usd": 500_000_000}


def salaried(salary: str = "30000", months: int | None = 12, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "monthly_fixed_salary": sgd(salary),
        "salary_from_single_employer": True,
        "on_singapore_work_pass": False,
        "has_singapore_job_offer": False,
        "roles": [ESTABLISHED_ROLE],
        "achievements": {
            "international_award": False,
            "national_talent_programme": False,
            "fortune_global_500_experience": False,
            "holds_patents": False,
        },
        **extra,
    }
    if months is not None:
        data["months_at_current_salary"] = months
    return data


@pytest.mark.parametrize(
    ("salary", "months", "expected"),
    [
        ("30000", 12, "met"),
        ("29999.99", 12, "not_met"),
        ("30000", 11, "not_met"),
        ("45000", 60, "met"),
        ("30000", None, "unknown"),
    ],
)
def test_salary_over_the_last_12_months(salary: str, months: int | None, expected: str) -> None:
    data = salaried(salary, months, has_singapore_job_offer=False)
    assert status(data, "sg_one_pass", "salary") == expected


@pytest.mark.parametrize(("offer", "expected"), [("30000", "met"), ("29999", "not_met")])
def test_prospective_singapore_salary_route(offer: str, expected: str) -> None:
    data = salaried(
        "10000", 0, has_singapore_job_offer=True, singapore_job_offer={"monthly_fixed_salary": sgd(offer)}
    )
    assert status(data, "sg_one_pass", "salary") == expected


def test_an_offer_that_is_declared_absent_is_ignored() -> None:
    data = salaried(
        "10000", 0, has_singapore_job_offer=False, singapore_job_offer={"monthly_fixed_salary": sgd(50000)}
    )
    assert status(data, "sg_one_pass", "salary") == "not_met"


@pytest.mark.parametrize(("single", "expected"), [(True, "met"), (False, "not_met"), (None, "unknown")])
def test_salary_must_come_from_a_single_employer(single: bool | None, expected: str) -> None:
    assert status(salaried(salary_from_single_employer=single), "sg_one_pass", "single_employer") == expected


def test_a_singapore_offer_is_from_one_employer_by_definition() -> None:
    data = salaried(
        "10000",
        0,
        salary_from_single_employer=False,
        has_singapore_job_offer=True,
        singapore_job_offer={"monthly_fixed_salary": sgd(30000)},
    )
    assert status(data, "sg_one_pass", "single_employer") == "met"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"on_singapore_work_pass": True, "roles": []}, "met"),
        ({"roles": [{"start": "2025-11-24", "valuation_usd": 500_000_000}]}, "met"),
        ({"roles": [{"start": "2025-11-25", "valuation_usd": 500_000_000}]}, "met"),
        ({"roles": [{"start": "2025-11-26", "valuation_usd": 500_000_000}]}, "not_met"),
        ({"roles": [{"start": "2020-01-01", "annual_revenue_usd": 200_000_000}]}, "met"),
        (
            {
                "roles": [
                    {"start": "2020-01-01", "valuation_usd": 499_999_999, "annual_revenue_usd": 199_999_999}
                ]
            },
            "not_met",
        ),
        ({"roles": [{"start": "2020-01-01", "valuation_usd": 499_999_999}]}, "unknown"),
        (
            {
                "roles": [],
                "has_singapore_job_offer": True,
                "singapore_job_offer": {"employer_established": True},
            },
            "met",
        ),
        (
            {
                "roles": [],
                "has_singapore_job_offer": True,
                "singapore_job_offer": {"employer_established": False},
            },
            "not_met",
        ),
        ({"roles": [], "on_singapore_work_pass": None}, "unknown"),
    ],
)
def test_overseas_candidates_need_an_established_company_now(extra: dict[str, Any], expected: str) -> None:
    data = salaried(has_singapore_job_offer=False)
    data.update(extra)
    assert status(data, "sg_one_pass", "established_company") == expected


@pytest.mark.parametrize(
    ("achievements", "expected"),
    [
        ({"international_award": True}, "review"),
        ({"holds_patents": True, "international_award": False}, "review"),
        (
            {
                "international_award": False,
                "national_talent_programme": False,
                "fortune_global_500_experience": False,
                "holds_patents": False,
            },
            "not_met",
        ),
        ({"international_award": False}, "unknown"),
        (None, "unknown"),
    ],
)
def test_achievement_route(achievements: dict[str, Any] | None, expected: str) -> None:
    assert status(salaried(achievements=achievements), "sg_one_pass", "outstanding_achievements") == expected


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (salaried(), "eligible"),
        (salaried("20000"), "not_eligible"),
        (salaried("20000", achievements={"international_award": True}), "needs_review"),
        (salaried(achievements={"international_award": True}), "eligible"),
        (salaried("20000", achievements=None), "insufficient_information"),
        (salaried(salary_from_single_employer=None), "insufficient_information"),
    ],
)
def test_outcome_is_the_best_of_the_two_routes(data: dict[str, Any], outcome: str) -> None:
    assert result(data, "sg_one_pass").outcome == outcome


def test_what_if_for_months_short_of_a_year() -> None:
    res = result(salaried(months=8), "sg_one_pass")
    assert english(res.what_if[0]) == "12 consecutive months at a fixed salary of S$30,000; you have 8"


def test_offer_route_lists_the_offer_as_salary_evidence() -> None:
    data = salaried(
        "10000", 0, has_singapore_job_offer=True, singapore_job_offer={"monthly_fixed_salary": sgd(35000)}
    )
    documents = [english(m) for m in result(data, "sg_one_pass").documents]
    assert "Signed contract or offer letter from the Singapore employer" in documents
    assert "12 consecutive monthly payslips up to the application date" not in documents


def test_not_open_before_2023() -> None:
    res = result({}, "sg_one_pass", as_of=date(2022, 12, 31))
    assert (res.outcome, res.rule_version) == ("not_open", "sg_one_pass/before_launch")
    assert result({}, "sg_one_pass", as_of=date(2023, 1, 1)).rule_version == "sg_one_pass/2023"


def test_renewal_goes_to_a_consultant() -> None:
    res = result(salaried(application_type="renewal"), "sg_one_pass")
    assert res.outcome == "needs_review"
    assert "S$30,000" in english(res.criteria[0].requirement)


BIG = {"valuation_usd": 500_000_000}
SMALL = {"valuation_usd": 1_000_000, "annual_revenue_usd": 0}


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        # Years at an established company long ago, a small company now: the stint does not count.
        ([{"start": "2012-01-01", "end": "2019-12-31", **BIG}, {"start": "2020-01-01", **SMALL}], "not_met"),
        # The current job is at an established company, but for less than 12 months.
        ([{"start": "2012-01-01", "end": "2025-12-31", **SMALL}, {"start": "2026-01-01", **BIG}], "not_met"),
        # The most recent job ended within the last year after 12 months or more there.
        ([{"start": "2020-01-01", "end": "2025-11-24", **BIG}], "met"),
        ([{"start": "2020-01-01", "end": "2025-11-23", **BIG}], "not_met"),
        # A promotion at the same company: the earlier role counts with the current one.
        (
            [
                {"organisation": "Acme", "start": "2025-06-01", "end": "2025-12-31", **BIG},
                {"organisation": "acme ", "start": "2026-01-01", **BIG},
            ],
            "met",
        ),
        (
            [
                {"organisation": "Other", "start": "2025-06-01", "end": "2025-12-31", **BIG},
                {"organisation": "Acme", "start": "2026-01-01", **BIG},
            ],
            "not_met",
        ),
        # The current employer's figures are unknown: open.
        ([{"start": "2012-01-01", "end": "2019-12-31", **BIG}, {"start": "2020-01-01"}], "unknown"),
    ],
)
def test_established_company_is_the_current_or_most_recent_employer(
    roles: list[dict[str, Any]], expected: str
) -> None:
    data = salaried(has_singapore_job_offer=False, roles=roles)
    assert status(data, "sg_one_pass", "established_company") == expected


def test_an_old_stint_is_explained_and_the_result_is_not_eligible() -> None:
    roles = [{"start": "2012-01-01", "end": "2024-06-30", **BIG}]
    res = result(salaried(has_singapore_job_offer=False, roles=roles), "sg_one_pass")
    assert res.outcome == "not_eligible"
    explanation = english(next(c for c in res.criteria if c.code == "established_company").explanation)
    assert "more than a year ago" in explanation


@pytest.mark.parametrize(
    ("as_of", "local_salary", "not_shown"),
    [(date(2026, 12, 31), "S$5,600", "S$6,000"), (date(2027, 1, 1), "S$6,000", "S$5,600")],
)
def test_renewal_local_hires_earn_the_employment_pass_minimum_in_force(
    as_of: date, local_salary: str, not_shown: str
) -> None:
    requirement = english(
        result(salaried(application_type="renewal"), "sg_one_pass", as_of=as_of).criteria[0].requirement
    )
    assert f"at least 5 locals each earning {local_salary} or more" in requirement
    assert not_shown not in requirement
