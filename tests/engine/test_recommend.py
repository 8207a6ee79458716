"""Contract v2: citizenship and residence exclusions, the recommendation, and routes a job offer opens."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from assessments.engine import Outcome, parse_profile
from assessments.engine.recommend import deadline, employment_pass_salary, qualification_points
from assessments.engine.rules import sg_employment_pass as ep_rules

from .helpers import AS_OF, born_aged, english, run, sgd

COUNTRY_OF = {"sg_": "sg", "cn_": "cn"}

VP = {
    "nationality": "US",
    "date_of_birth": born_aged(46),
    "monthly_fixed_salary": sgd(28000),
    "roles": [
        {
            "start": "2015-01-01",
            "role_type": "c_suite",
            "organisation_type": "tech_company",
            "valuation_usd": "600000000",
        }
    ],
}
RESEARCHER = {
    "date_of_birth": born_aged(34),
    "education": [
        {"level": "doctorate", "field": "stem", "world_top_100": True, "well_known_institution": True}
    ],
    "roles": [
        {
            "start": "2018-01-01",
            "role_type": "technical",
            "organisation_type": "research_institute",
            "organisation_well_known": True,
            "stem_teaching_or_research": True,
        }
    ],
    "has_singapore_job_offer": False,
    "has_china_job_offer": False,
}


def outcomes(data: dict[str, Any], **kwargs: Any) -> dict[str, str]:
    return {r.pathway: r.outcome.value for r in run(data, **kwargs).results}


@pytest.mark.parametrize(
    ("citizenship", "expected"),
    [
        ({"nationality": "CN"}, {"cn"}),
        ({"nationality": "US", "other_citizenships": ["CN"]}, {"cn"}),
        ({"nationality": "US", "permanent_residence": ["SG"]}, {"sg"}),
        ({"nationality": "SG", "permanent_residence": ["CN"]}, {"sg", "cn"}),
        ({"nationality": "HK"}, set()),
        ({"nationality": "US", "other_citizenships": [], "permanent_residence": []}, set()),
        ({}, set()),
    ],
)
def test_a_citizen_or_permanent_resident_is_not_assessed_for_that_countrys_passes(
    citizenship: dict[str, Any], expected: set[str]
) -> None:
    results = outcomes({**RESEARCHER, **citizenship})
    not_applicable = {code[:2] for code, outcome in results.items() if outcome == "not_applicable"}
    assert not_applicable == expected
    for code, outcome in results.items():
        assert (outcome == "not_applicable") == (code[:2] in expected)


@pytest.mark.parametrize(
    ("citizenship", "sentence"),
    [
        (
            {"nationality": "CN"},
            "As a citizen of China you need no visa or pass to work there, so K visa does not apply to you.",
        ),
        (
            {"nationality": "US", "permanent_residence": ["CN"]},
            "As a permanent resident of China you need no visa or pass to work there, so K visa does not "
            "apply to you.",
        ),
    ],
)
def test_not_applicable_is_one_sentence_with_no_criteria(citizenship: dict[str, Any], sentence: str) -> None:
    result = run({**RESEARCHER, **citizenship}).result("cn_k_visa")
    assert result.outcome is Outcome.NOT_APPLICABLE
    assert english(result.summary) == sentence
    assert (result.criteria, result.what_if, result.documents) == ([], [], [])


def test_other_citizenships_and_residence_are_checked_as_country_codes() -> None:
    with pytest.raises(ValueError, match="other_citizenships"):
        run({"other_citizenships": ["China"]})


def test_a_chinese_citizen_is_never_recommended_a_china_route() -> None:
    foreign = run({**RESEARCHER, "nationality": "US"})
    chinese = run({**RESEARCHER, "nationality": "CN"})
    assert foreign.recommendation is not None
    assert chinese.recommendation is not None
    assert foreign.recommendation.by_country["CN"] == "cn_k_visa"
    assert chinese.recommendation.by_country["CN"] is None
    assert chinese.recommendation.overall is None or not chinese.recommendation.overall.startswith("cn_")
    assert all(not c.pathway.startswith("cn_") for c in chinese.recommendation.conditional)
    reasons = [english(reason) for reason in chinese.recommendation.reasons]
    assert (
        "As a Chinese citizen you need no visa to work in China; Chinese talent programmes for citizens are "
        "outside this assessment."
    ) in reasons


def test_the_recommendation_is_in_the_assessment_output() -> None:
    data = run(VP).to_contract()
    assert set(data["recommendation"]) == {"overall", "by_country", "reasons", "next_step", "conditional"}
    assert data["recommendation"]["overall"] == "sg_tech_pass"
    assert data["recommendation"]["by_country"] == {"SG": "sg_tech_pass", "CN": None}
    assert 1 <= len(data["recommendation"]["reasons"]) <= 2


def test_what_the_pass_allows_ranks_tech_pass_above_an_employment_pass_both_eligible() -> None:
    offer = {
        "has_singapore_job_offer": True,
        "singapore_job_offer": {"monthly_fixed_salary": sgd(28000), "sector": "other"},
    }
    assessment = run({**VP, **offer})
    assert assessment.result("sg_employment_pass").outcome is Outcome.ELIGIBLE
    assert assessment.result("sg_tech_pass").outcome is Outcome.ELIGIBLE
    assert assessment.recommendation is not None
    assert assessment.recommendation.overall == "sg_tech_pass"


@pytest.mark.parametrize(
    ("as_of", "has_deadline_reason"),
    [(date(2025, 12, 31), True), (date(2025, 12, 30), False), (date(2026, 12, 31), True)],
)
def test_a_deadline_within_twelve_months_is_a_reason(as_of: date, has_deadline_reason: bool) -> None:
    recommendation = run(VP, as_of=as_of).recommendation
    assert recommendation is not None
    assert recommendation.overall == "sg_tech_pass"
    reasons = [english(reason) for reason in recommendation.reasons]
    assert (
        "New applications for Tech.Pass close on 2026-12-31: apply before then." in reasons
    ) is has_deadline_reason


@pytest.mark.parametrize(
    ("code", "as_of", "expected"),
    [
        ("sg_tech_pass", date(2026, 12, 31), date(2026, 12, 31)),
        ("sg_tech_pass", date(2027, 1, 1), None),
        ("sg_one_pass", AS_OF, None),
        ("sg_employment_pass", AS_OF, None),
    ],
)
def test_deadline_is_the_last_day_before_a_pathway_closes(
    code: str, as_of: date, expected: date | None
) -> None:
    assert deadline(code, as_of, "new") == expected


def test_after_tech_pass_closes_it_is_not_recommended() -> None:
    recommendation = run(VP, as_of=date(2027, 1, 1)).recommendation
    assert recommendation is not None
    assert recommendation.overall != "sg_tech_pass"


@pytest.mark.parametrize(
    ("age", "sector", "as_of", "expected"),
    [
        (23, "other", AS_OF, (Decimal(5600), Decimal(5600))),
        (24, "other", AS_OF, (Decimal(10700), Decimal(5600))),
        (23, "financial_services", AS_OF, (Decimal(6200), Decimal(6200))),
        (24, "financial_services", AS_OF, (Decimal(11800), Decimal(6200))),
        (None, None, AS_OF, (Decimal(10700), Decimal(5600))),
        (23, "other", date(2027, 1, 1), (Decimal(6000), Decimal(6000))),
        (45, "other", date(2027, 1, 1), (Decimal(11500), Decimal(6000))),
    ],
)
def test_the_offer_an_employment_pass_needs_follows_age_and_sector(
    age: int | None, sector: str | None, as_of: date, expected: tuple[Decimal, Decimal]
) -> None:
    params = ep_rules.BOOK.select(as_of, "new").params
    assert params is not None
    assert employment_pass_salary(params, age, sector) == expected


@pytest.mark.parametrize(
    ("education", "points"),
    [
        ([], 0),
        ([{"level": "diploma"}], 0),
        ([{"level": "bachelor"}], 10),
        ([{"level": "bachelor", "world_top_100": False}], 10),
        ([{"level": "doctorate", "world_top_100": True}], 20),
    ],
)
def test_compass_qualification_points_come_from_the_degrees_given(
    education: list[dict[str, Any]], points: int
) -> None:
    assert qualification_points(parse_profile({"education": education}, default_as_of=AS_OF)) == points


def conditional(data: dict[str, Any], code: str, **kwargs: Any) -> Any:
    recommendation = run(data, **kwargs).recommendation
    assert recommendation is not None
    return next((c for c in recommendation.conditional if c.pathway == code), None)


@pytest.mark.parametrize(
    ("facts", "amount"),
    [
        ({"date_of_birth": born_aged(23)}, "5600"),
        ({"date_of_birth": born_aged(24)}, "10700"),
        (
            {
                "date_of_birth": born_aged(23),
                "has_singapore_job_offer": True,
                "singapore_job_offer": {"monthly_fixed_salary": sgd(5000), "sector": "financial_services"},
            },
            "6200",
        ),
    ],
)
def test_employment_pass_opens_with_an_offer_of_the_qualifying_salary(
    facts: dict[str, Any], amount: str
) -> None:
    profile = {**RESEARCHER, **facts}
    if "singapore_job_offer" in facts:
        profile["has_singapore_job_offer"] = True
    item = conditional(profile, "sg_employment_pass")
    assert item is not None
    assert item.offer.amount == Decimal(amount)
    assert item.offer.currency == "SGD"
    assert (item.per, item.points, item.pass_mark) == ("month", 20, 40)
    assert f"S${int(amount):,} a month" in english(item.condition)


def test_an_offer_that_meets_the_employment_pass_opens_no_conditional_route() -> None:
    offer = {
        "has_singapore_job_offer": True,
        "singapore_job_offer": {"monthly_fixed_salary": sgd(28000), "sector": "other"},
    }
    assert conditional({**VP, **offer}, "sg_employment_pass") is None


SENIOR = {
    "date_of_birth": born_aged(61),
    "education": [{"level": "doctorate", "world_top_100": True}],
    "roles": [{"start": "2000-01-01", "role_type": "technical"}],
    "has_china_job_offer": False,
}


@pytest.mark.parametrize(
    ("facts", "amount", "points"),
    [
        ({"hsk_level": 6}, "150000", 61),  # 50 points without the offer: +11 reaches 60, +8 does not
        ({"hsk_level": 0}, "350000", 62),  # 45 points: +14 gives 59, one short; +17 reaches it
    ],
)
def test_china_work_permit_opens_with_the_salary_that_reaches_category_b(
    facts: dict[str, Any], amount: str, points: int
) -> None:
    item = conditional({**SENIOR, **facts}, "cn_work_permit")
    assert item is not None
    assert (item.offer.amount, item.offer.currency, item.points, item.pass_mark) == (
        Decimal(amount),
        "CNY",
        points,
        60,
    )
    assert "category B" in english(item.condition)


def test_a_degree_and_two_years_make_any_china_offer_category_b() -> None:
    item = conditional({**RESEARCHER, "nationality": "US"}, "cn_work_permit")
    assert item is not None
    assert item.offer is None
    assert english(item.condition).startswith("a job offer from a Chinese employer")


def test_no_salary_reaches_category_b_for_a_young_person_without_a_degree() -> None:
    young = {
        "date_of_birth": born_aged(20),
        "education": [{"level": "secondary"}],
        "has_china_job_offer": False,
    }
    assert conditional(young, "cn_work_permit") is None


@pytest.mark.parametrize(
    ("data", "next_step"),
    [
        (
            VP,
            "Gather your payslips and proof of your leading roles, and apply for the Tech.Pass on the myMOM Portal.",
        ),
        (
            {**RESEARCHER, "nationality": "CN", "date_of_birth": born_aged(23)},
            "Look for a job offer: Employment Pass opens to you with an offer of at least S$5,600 a month, and 40 "
            "COMPASS points (your qualifications give 20).",
        ),
    ],
)
def test_the_next_step_is_one_sentence_for_the_recommended_or_conditional_route(
    data: dict[str, Any], next_step: str
) -> None:
    recommendation = run(data).recommendation
    assert recommendation is not None
    assert english(recommendation.next_step) == next_step
