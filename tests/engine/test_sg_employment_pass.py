"""Employment Pass: job offer, qualifying salary by version/sector/age, COMPASS points."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import born_aged, english, result, sgd, status

PASSING_COMPASS = {
    "c1_salary_percentile": 90,
    "qualification_tier": "top_tier",
    "nationality_share_of_pmets": 0.01,
    "local_pmet_share_percentile": 60,
    "employer_pmet_count": 100,
    "shortage_occupation": False,
    "sep_firm": False,
}


def offer(
    salary: str | None = "12000",
    sector: str | None = "other",
    age: int | None = 30,
    compass: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    details: dict[str, Any] = {"sector": sector, "compass": PASSING_COMPASS if compass is None else compass}
    if salary is not None:
        details["monthly_fixed_salary"] = sgd(salary)
    data: dict[str, Any] = {"has_singapore_job_offer": True, "singapore_job_offer": details, **extra}
    if age is not None:
        data["date_of_birth"] = born_aged(age)
    return data


def test_no_offer_is_not_eligible_with_a_what_if() -> None:
    res = result({"has_singapore_job_offer": False}, "sg_employment_pass")
    assert res.outcome == "not_eligible"
    assert [english(m) for m in res.what_if] == ["A job offer from a Singapore employer"]


def test_unknown_offer_is_insufficient_information() -> None:
    assert result({}, "sg_employment_pass").outcome == "insufficient_information"


@pytest.mark.parametrize(
    ("salary", "sector", "age", "expected"),
    [
        ("5600", "other", 23, "met"),
        ("5599", "other", 23, "not_met"),
        ("6200", "financial_services", 23, "met"),
        ("6199", "financial_services", 23, "not_met"),
        ("5600", "other", 30, "review"),
        ("10699", "other", 44, "review"),
        ("10700", "other", 30, "met"),
        ("10699", "other", 45, "not_met"),
        ("10700", "other", 50, "met"),
        ("11799", "financial_services", 45, "not_met"),
        ("11800", "financial_services", 45, "met"),
        ("11800", None, 45, "met"),
        ("5599", None, 30, "not_met"),
        ("8000", None, 30, "unknown"),
        # Between the bottom and the top of the scale the age decides: unknown, never a review guess.
        ("8000", "other", None, "unknown"),
        ("10700", "other", None, "met"),
        ("5599", "other", None, "not_met"),
        (None, "other", 30, "unknown"),
    ],
)
def test_qualifying_salary_2025(
    salary: str | None, sector: str | None, age: int | None, expected: str
) -> None:
    assert status(offer(salary, sector, age), "sg_employment_pass", "qualifying_salary") == expected


@pytest.mark.parametrize(
    ("as_of", "salary", "expected", "version"),
    [
        (date(2026, 12, 31), "5600", "met", "sg_employment_pass/V2025"),
        (date(2027, 1, 1), "5600", "not_met", "sg_employment_pass/V2027"),
        (date(2027, 1, 1), "6000", "met", "sg_employment_pass/V2027"),
        (date(2024, 12, 31), "5000", "met", "sg_employment_pass/V2022_COMPASS"),
        (date(2022, 6, 1), "4500", "met", "sg_employment_pass/V2020"),
    ],
)
def test_qualifying_salary_follows_the_version_in_force(
    as_of: date, salary: str, expected: str, version: str
) -> None:
    res = result(offer(salary, age=23), "sg_employment_pass", as_of=as_of)
    assert res.rule_version == version
    assert next(c for c in res.criteria if c.code == "qualifying_salary").status == expected


def test_renewals_switch_table_a_year_later() -> None:
    data = offer("5000", age=23, application_type="renewal")
    assert status(data, "sg_employment_pass", "qualifying_salary", as_of=date(2025, 12, 31)) == "met"
    assert status(data, "sg_employment_pass", "qualifying_salary", as_of=date(2026, 1, 1)) == "not_met"


def test_compass_does_not_exist_before_september_2023() -> None:
    res = result(offer("6000", age=23), "sg_employment_pass", as_of=date(2023, 8, 31))
    assert [c.code for c in res.criteria] == ["job_offer", "qualifying_salary"]
    assert res.points is None


@pytest.mark.parametrize(("salary", "expected"), [("22500", "met"), ("22499", "not_met")])
def test_compass_exemption_at_s22500(salary: str, expected: str) -> None:
    failing = {
        **PASSING_COMPASS,
        "c1_salary_percentile": 0,
        "qualification_tier": "none",
        "nationality_share_of_pmets": 0.5,
        "local_pmet_share_percentile": 0,
    }
    assert status(offer(salary, compass=failing), "sg_employment_pass", "compass") == expected


@pytest.mark.parametrize(
    ("facts", "points"),
    [
        ({}, [20, 20, 20, 20, 0, 0]),
        ({"c1_salary_percentile": 89.9}, [10, 20, 20, 20, 0, 0]),
        ({"c1_salary_percentile": 65}, [10, 20, 20, 20, 0, 0]),
        ({"c1_salary_percentile": 64}, [0, 20, 20, 20, 0, 0]),
        ({"qualification_tier": "degree"}, [20, 10, 20, 20, 0, 0]),
        ({"qualification_tier": "none"}, [20, 0, 20, 20, 0, 0]),
        ({"nationality_share_of_pmets": 0.05}, [20, 20, 10, 20, 0, 0]),
        ({"nationality_share_of_pmets": 0.25}, [20, 20, 0, 20, 0, 0]),
        ({"local_pmet_share_percentile": 50}, [20, 20, 20, 20, 0, 0]),
        ({"local_pmet_share_percentile": 49}, [20, 20, 20, 10, 0, 0]),
        ({"local_pmet_share_percentile": 20}, [20, 20, 20, 10, 0, 0]),
        ({"local_pmet_share_percentile": 19}, [20, 20, 20, 0, 0, 0]),
        (
            {"employer_pmet_count": 24, "nationality_share_of_pmets": 0.9, "local_pmet_share_percentile": 0},
            [20, 20, 10, 10, 0, 0],
        ),
        (
            {"employer_pmet_count": 25, "nationality_share_of_pmets": 0.9, "local_pmet_share_percentile": 0},
            [20, 20, 0, 0, 0, 0],
        ),
        ({"shortage_occupation": True}, [20, 20, 20, 20, 20, 0]),
        ({"shortage_occupation": True, "nationality_share_of_pmets": 0.34}, [20, 20, 0, 20, 10, 0]),
        ({"shortage_occupation": True, "nationality_share_of_pmets": 0.33}, [20, 20, 0, 20, 20, 0]),
        ({"sep_firm": True}, [20, 20, 20, 20, 0, 10]),
    ],
)
def test_compass_points_per_criterion(facts: dict[str, Any], points: list[int]) -> None:
    res = result(offer("9000", compass={**PASSING_COMPASS, **facts}), "sg_employment_pass")
    assert res.points is not None
    assert [f.points for f in res.points.breakdown] == points
    assert res.points.total == sum(points)
    assert res.points.pass_mark == 40


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            {"c1_salary_percentile": 0, "qualification_tier": "none", "local_pmet_share_percentile": 0},
            "not_met",
        ),
        (
            {
                "c1_salary_percentile": 0,
                "qualification_tier": "degree",
                "nationality_share_of_pmets": 0.3,
                "local_pmet_share_percentile": 25,
            },
            "not_met",
        ),
        (
            {
                "c1_salary_percentile": 65,
                "qualification_tier": "degree",
                "nationality_share_of_pmets": 0.1,
                "local_pmet_share_percentile": 25,
            },
            "met",
        ),
        (
            {
                "c1_salary_percentile": 64,
                "qualification_tier": "degree",
                "nationality_share_of_pmets": 0.1,
                "local_pmet_share_percentile": 25,
            },
            "not_met",
        ),
        ({"c1_salary_percentile": None}, "met"),
        (
            {"c1_salary_percentile": None, "qualification_tier": None, "local_pmet_share_percentile": 0},
            "unknown",
        ),
    ],
)
def test_compass_pass_mark_is_40(facts: dict[str, Any], expected: str) -> None:
    assert (
        status(offer("9000", compass={**PASSING_COMPASS, **facts}), "sg_employment_pass", "compass")
        == expected
    )


def test_unknown_pmet_count_keeps_shares_that_a_small_firm_would_not_change() -> None:
    facts = {
        **PASSING_COMPASS,
        "employer_pmet_count": None,
        "nationality_share_of_pmets": 0.1,
        "local_pmet_share_percentile": 30,
    }
    res = result(offer("9000", compass=facts), "sg_employment_pass")
    assert res.points is not None
    assert [f.points for f in res.points.breakdown][2:4] == [10, 10]


def test_review_salary_makes_the_pathway_needs_review_at_best() -> None:
    assert result(offer("8000", age=30), "sg_employment_pass").outcome == "needs_review"
    assert result(offer("11000", age=30), "sg_employment_pass").outcome == "eligible"


def test_compass_what_if_counts_the_missing_points() -> None:
    facts = {
        **PASSING_COMPASS,
        "c1_salary_percentile": 0,
        "qualification_tier": "degree",
        "nationality_share_of_pmets": 0.3,
        "local_pmet_share_percentile": 25,
    }
    res = result(offer("11000", compass=facts), "sg_employment_pass")
    assert english(res.what_if[0]).startswith("20 more COMPASS points (you have 20 of 40)")


def renewal(salary: str, **extra: Any) -> dict[str, Any]:
    return {**offer(salary, "other", 30), "application_type": "renewal", **extra}


@pytest.mark.parametrize(
    ("as_of", "expiry", "version"),
    [
        # Renewals follow the expiry date of the pass, not the day of the assessment.
        (date(2027, 11, 1), "2027-12-31", "sg_employment_pass/V2025_renewal"),
        (date(2027, 11, 1), "2028-01-01", "sg_employment_pass/V2027_renewal"),
        (date(2025, 11, 1), "2025-12-31", "sg_employment_pass/V2022_COMPASS_renewal"),
        (date(2025, 11, 1), "2026-01-01", "sg_employment_pass/V2025_renewal"),
        # The S$4,500 renewal minimum starts with passes expiring on 1 May 2021.
        (date(2021, 3, 1), "2021-04-30", "sg_employment_pass/V2019_renewal"),
        (date(2021, 3, 1), "2021-05-01", "sg_employment_pass/V2020_renewal"),
    ],
)
def test_renewals_are_selected_by_pass_expiry_date(as_of: date, expiry: str, version: str) -> None:
    res = result(renewal("20000", pass_expiry_date=expiry), "sg_employment_pass", as_of=as_of)
    assert res.rule_version == version


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # The rules change within six months: the expiry date decides, so it is asked for.
        (date(2027, 11, 1), "insufficient_information"),
        (date(2027, 7, 2), "insufficient_information"),
        # No change ahead within six months: the rules in force today apply.
        (date(2027, 7, 1), "eligible"),
    ],
)
def test_an_unknown_expiry_date_is_asked_for_only_when_it_decides(as_of: date, expected: str) -> None:
    data = renewal("20000")
    res = result(data, "sg_employment_pass", as_of=as_of)
    assert res.outcome == expected


@pytest.mark.parametrize(("salary", "expected"), [("4500", "met"), ("4499", "not_met")])
def test_renewal_minimum_4500_from_1_may_2021(salary: str, expected: str) -> None:
    data = {
        **renewal(salary),
        "date_of_birth": born_aged(23, date(2021, 6, 1)),
        "pass_expiry_date": "2021-05-01",
    }
    assert status(data, "sg_employment_pass", "qualifying_salary", as_of=date(2021, 3, 1)) == expected
