"""China work permit: points table (interim), categories A/B/C, job offer, unknown factors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from assessments.engine.years import years_before

from .helpers import AS_OF, born_aged, cny, days_before, english, result, status, usd

FACTOR_INDEX = {
    "salary": 0,
    "education": 1,
    "experience": 2,
    "months": 3,
    "language": 4,
    "region": 5,
    "age": 6,
    "extra": 7,
}


def calendar_years_before(years: float) -> str:
    """A start date giving exactly `years` calendar years up to AS_OF (a fraction: that share of 365 days)."""
    if years == int(years):
        return (years_before(AS_OF, int(years)) + timedelta(days=1)).isoformat()
    return days_before(AS_OF, int(years * 365) - 1)


def full(
    salary: int = 300_000,
    level: str = "master",
    years: float = 5,
    months: int = 12,
    hsk: int = 0,
    region: bool = False,
    age: int = 30,
    **extra: Any,
) -> dict[str, Any]:
    """A profile with every points fact known: 14 + 15 + 8 + 15 + 0 + 0 + 15 + 0 = 67 points (category B)."""
    data: dict[str, Any] = {
        "date_of_birth": born_aged(age),
        "education": [{"level": level, "world_top_100": False, "taught_in_chinese": False}],
        "roles": [{"start": calendar_years_before(years)}],
        "hsk_level": hsk,
        "former_chinese_national": False,
        "has_china_job_offer": True,
        "china_job_offer": {
            "annual_salary": cny(salary),
            "months_per_year_in_china": months,
            "in_encouraged_region": region,
            "local_average_annual_wage": cny(200_000),
        },
        "achievements": {"fortune_global_500_experience": False, "holds_patents": False},
    }
    data.update(extra)
    return data


def factor_points(data: dict[str, Any], factor: str) -> int | None:
    res = result(data, "cn_work_permit")
    assert res.points is not None
    return res.points.breakdown[FACTOR_INDEX[factor]].points


def test_the_reference_profile_scores_67_and_is_category_b() -> None:
    res = result(full(), "cn_work_permit")
    assert res.points is not None
    assert [f.points for f in res.points.breakdown] == [14, 15, 8, 15, 0, 0, 15, 0]
    assert [f.max for f in res.points.breakdown] == [20, 20, 20, 15, 5, 10, 15, 5]
    assert (res.points.total, res.points.category, res.points.pass_mark) == (67, "B", 60)
    assert res.outcome == "eligible"


@pytest.mark.parametrize(
    ("salary", "points"),
    [
        (450_000, 20),
        (449_999, 17),
        (350_000, 17),
        (349_999, 14),
        (250_000, 14),
        (150_000, 11),
        (70_000, 8),
        (69_999, 5),
        (50_000, 5),
        (49_999, 0),
    ],
)
def test_salary_bands(salary: int, points: int) -> None:
    assert factor_points(full(salary=salary), "salary") == points


def test_salary_in_another_currency_is_converted_to_cny() -> None:
    # US$62,500 x 7.20 = CNY 450,000.
    data = full()
    data["china_job_offer"]["annual_salary"] = usd(62_500)
    assert factor_points(data, "salary") == 20


@pytest.mark.parametrize(
    ("level", "points"),
    [("doctorate", 20), ("master", 15), ("bachelor", 10), ("diploma", 0), ("secondary", 0)],
)
def test_education_points(level: str, points: int) -> None:
    assert factor_points(full(level=level), "education") == points


@pytest.mark.parametrize(("years", "points"), [(1.99, 0), (2, 5), (3, 6), (10, 13), (17, 20), (30, 20)])
def test_work_experience_points(years: float, points: int) -> None:
    assert factor_points(full(years=years), "experience") == points


def test_experience_not_relevant_to_the_china_job_does_not_count() -> None:
    data = full()
    data["roles"][0]["relevant_to_china_job"] = False
    assert factor_points(data, "experience") == 0


@pytest.mark.parametrize(
    ("months", "points"), [(12, 15), (9, 15), (8, 10), (6, 10), (5, 5), (3, 5), (2, 0), (0, 0)]
)
def test_months_in_china_points(months: int, points: int) -> None:
    assert factor_points(full(months=months), "months") == points


@pytest.mark.parametrize(("hsk", "points"), [(6, 5), (5, 5), (4, 4), (3, 3), (2, 2), (1, 1), (0, 0)])
def test_hsk_points(hsk: int, points: int) -> None:
    assert factor_points(full(hsk=hsk), "language") == points


def test_former_chinese_national_or_chinese_taught_degree_gives_full_language_points() -> None:
    assert factor_points(full(former_chinese_national=True), "language") == 5
    data = full(hsk=2)
    data["education"][0]["taught_in_chinese"] = True
    assert factor_points(data, "language") == 5


def test_encouraged_region_gives_10() -> None:
    assert factor_points(full(region=True), "region") == 10


@pytest.mark.parametrize(
    ("age", "points"), [(18, 10), (25, 10), (26, 15), (45, 15), (46, 10), (55, 10), (56, 5), (60, 5), (61, 0)]
)
def test_age_bands(age: int, points: int) -> None:
    assert factor_points(full(age=age), "age") == points


@pytest.mark.parametrize(
    "change",
    [
        {"achievements": {"fortune_global_500_experience": True, "holds_patents": False}},
        {"achievements": {"fortune_global_500_experience": False, "holds_patents": True}},
        {"education": [{"level": "master", "world_top_100": True, "taught_in_chinese": False}]},
    ],
)
def test_extra_credit_of_5(change: dict[str, Any]) -> None:
    assert factor_points(full(**change), "extra") == 5


@pytest.mark.parametrize(
    ("data", "category", "outcome"),
    [
        (full(salary=450_000, level="doctorate", years=17, hsk=5, region=True), "A", "eligible"),
        # 20+20+15+15+5+10+15+0 = 100 >= 85; one band lower on salary and experience: 17+20+... still A.
        (full(salary=70_000, level="bachelor", years=1, months=2, age=30), "C", "needs_review"),
        (full(salary=70_000, level="bachelor", years=2, months=2, age=30), "B", "eligible"),
        (full(salary=70_000, level="bachelor", years=2, months=2, age=61), "B", "needs_review"),
        (full(salary=450_000, level="diploma", years=1, months=9, age=30, region=True), "B", "eligible"),
    ],
)
def test_categories(data: dict[str, Any], category: str, outcome: str) -> None:
    res = result(data, "cn_work_permit")
    assert res.points is not None
    assert (res.points.category, res.outcome) == (category, outcome)


@pytest.mark.parametrize(
    ("data", "total_points", "category"),
    [
        # 17 + 20 + 5 + 15 + 3 + 10 + 15 + 0
        (full(salary=350_000, level="doctorate", years=2, hsk=3, region=True), 85, "A"),
        (full(salary=350_000, level="doctorate", years=2, hsk=2, region=True), 84, "B"),
        # No bachelor route (diploma, 1 year): 20 + 0 + 0 + 15 + 0 + 10 + 15 + 0
        (full(salary=450_000, level="diploma", years=1, region=True), 60, "B"),
        (full(salary=350_000, level="diploma", years=1, hsk=2, region=True), 59, "C"),
    ],
)
def test_category_cut_offs_are_inclusive(data: dict[str, Any], total_points: int, category: str) -> None:
    res = result(data, "cn_work_permit")
    assert res.points is not None
    assert (res.points.total, res.points.category) == (total_points, category)


def test_bachelor_route_age_cap_is_60() -> None:
    data = full(salary=50_000, level="bachelor", years=2, months=0, age=60)
    points = result(data, "cn_work_permit").points
    assert points is not None
    assert points.category == "B"


def test_no_china_job_offer_is_not_eligible() -> None:
    res = result(full(has_china_job_offer=False), "cn_work_permit")
    assert res.outcome == "not_eligible"
    assert english(res.what_if[0]) == "A job offer from an employer in China"


def test_unknown_job_offer_is_insufficient_information() -> None:
    data = full()
    del data["has_china_job_offer"]
    assert result(data, "cn_work_permit").outcome == "insufficient_information"


def test_unknown_factors_show_as_none_and_count_nothing() -> None:
    data = full()
    del data["hsk_level"]
    del data["former_chinese_national"]
    res = result(data, "cn_work_permit")
    assert res.points is not None
    assert res.points.breakdown[FACTOR_INDEX["language"]].points is None
    assert res.points.total == 67


def test_category_c_that_unknowns_could_lift_is_insufficient_information() -> None:
    data = full(level="diploma", years=1, months=12, age=30)
    del data["china_job_offer"]["in_encouraged_region"]
    del data["china_job_offer"]["annual_salary"]
    del data["hsk_level"]
    data["former_chinese_national"] = None
    res = result(data, "cn_work_permit")
    assert res.outcome == "insufficient_information"
    assert res.points is not None
    assert res.points.category is None
    assert status(data, "cn_work_permit", "category") == "unknown"


def test_proven_category_b_stays_eligible_while_a_is_still_possible() -> None:
    data = full(salary=450_000, level="doctorate", years=10)
    del data["hsk_level"]
    del data["china_job_offer"]["in_encouraged_region"]
    res = result(data, "cn_work_permit")
    assert res.points is not None
    assert (res.points.category, res.outcome) == ("B", "eligible")


def test_category_c_what_if_counts_points_and_suggests_changes() -> None:
    res = result(full(salary=70_000, level="diploma", years=1, months=5, age=30, hsk=3), "cn_work_permit")
    texts = [english(m) for m in res.what_if]
    assert texts[0] == "29 more points would reach category B (you have 31 of 60)"
    assert "An annual salary of CNY 150,000 or more would raise your points by 3" in texts
    assert "HSK level 4 would raise your points by 1" in texts
    assert "Working 6 months a year in China would raise your points by 5" in texts


def test_under_18_fails_the_baseline() -> None:
    assert status(full(age=17), "cn_work_permit", "minimum_age") == "not_met"


def offer_with(data: dict[str, Any], **offer: Any) -> dict[str, Any]:
    return {**data, "china_job_offer": {**data["china_job_offer"], **offer}}


LOW: dict[str, Any] = {"salary": 70_000, "level": "diploma", "years": 1, "months": 2}


@pytest.mark.parametrize(
    ("data", "category", "status_", "outcome"),
    [
        # A master's from a world top-100 university is category B without the points.
        (full(**{**LOW, "level": "master"}), "C", "review", "needs_review"),
        (
            {
                **full(**LOW),
                "education": [{"level": "master", "world_top_100": True, "taught_in_chinese": False}],
            },
            "B",
            "met",
            "eligible",
        ),
        (
            {
                **full(**LOW),
                "education": [{"level": "bachelor", "world_top_100": True, "taught_in_chinese": False}],
            },
            "C",
            "review",
            "needs_review",
        ),
        # B's age limit of 60 is relaxable: above it a consultant judges, never an eligible result.
        (full(level="bachelor", years=2, age=60), "B", "met", "eligible"),
        (full(level="bachelor", years=2, age=61), "B", "review", "needs_review"),
        # Category A salary route: 6 times the city's average wage; B at 4 times.
        (
            offer_with(full(**LOW), annual_salary=cny(1_200_000), local_average_annual_wage=cny(200_000)),
            "A",
            "met",
            "eligible",
        ),
        (
            offer_with(full(**LOW), annual_salary=cny(1_199_999), local_average_annual_wage=cny(200_000)),
            "B",
            "met",
            "eligible",
        ),
        (
            offer_with(full(**LOW), annual_salary=cny(800_000), local_average_annual_wage=cny(200_000)),
            "B",
            "met",
            "eligible",
        ),
        (
            offer_with(full(**LOW), annual_salary=cny(60_000), local_average_annual_wage=cny(200_000)),
            "C",
            "review",
            "needs_review",
        ),
        # Without the city's wage the salary route is open: the wage is asked for.
        (
            offer_with(full(**LOW), local_average_annual_wage=None),
            None,
            "unknown",
            "insufficient_information",
        ),
    ],
)
def test_category_b_and_a_routes_besides_points(
    data: dict[str, Any], category: str | None, status_: str, outcome: str
) -> None:
    res = result(data, "cn_work_permit")
    assert res.points is not None
    assert (res.points.category, status(data, "cn_work_permit", "category"), res.outcome) == (
        category,
        status_,
        outcome,
    )


def test_over_60_in_category_b_names_the_relaxable_limit() -> None:
    res = result(full(level="bachelor", years=2, age=61), "cn_work_permit")
    category = next(c for c in res.criteria if c.code == "category")
    assert "can be relaxed" in english(category.explanation)
