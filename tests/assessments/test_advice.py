"""The recommendation worded: headline and next step, a consultant's override, routes an offer opens,
the timeline with days left, and countries where no visa is needed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from assessments.engine import DEFAULT_RATES, assess, parse_profile
from assessments.presentation import Override, ResultView, compare_later, present

BEFORE_CLOSING = date(2026, 12, 2)
VP = {
    "nationality": "US",
    "date_of_birth": "1980-03-01",
    "monthly_fixed_salary": {"amount": "28000", "currency": "SGD"},
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
    "nationality": "CN",
    "date_of_birth": "1992-05-01",
    "education": [{"level": "doctorate", "field": "stem", "world_top_100": True}],
    "roles": [{"start": "2018-01-01", "role_type": "technical", "organisation_type": "research_institute"}],
    "has_singapore_job_offer": False,
    "has_china_job_offer": False,
}


def view(data: dict[str, Any], as_of: date = BEFORE_CLOSING, **kwargs: Any) -> ResultView:
    snapshot = assess(parse_profile(data, default_as_of=as_of), rates=DEFAULT_RATES).to_data()
    return present(snapshot, **kwargs)


def test_the_headline_names_the_recommended_route_and_one_next_step() -> None:
    advice = view(VP).advice
    assert advice is not None
    assert advice.headline == "Our recommendation: Tech.Pass"
    assert advice.recommended is not None
    assert advice.recommended.code == "sg_tech_pass"
    assert advice.next_step.startswith("Gather your payslips")
    assert not advice.is_override


def test_a_consultants_override_replaces_the_recommendation_where_people_read_it() -> None:
    override = Override(
        pathway="sg_employment_pass", reason="Your employer prefers to sponsor.", consultant="Mei"
    )
    advice = view(VP, override=override).advice
    assert advice is not None
    assert advice.headline == "Our recommendation: Employment Pass"
    assert advice.reasons == ("Your employer prefers to sponsor.",)
    assert (advice.is_override, advice.consultant) == (True, "Mei")


def test_a_chinese_citizen_sees_no_china_route_and_why() -> None:
    result = view(RESEARCHER)
    assert result.best_china is None
    china = next(choice for choice in result.comparison if choice.country == "cn")
    assert "Chinese talent programmes for citizens are outside this assessment" in china.note
    assert result.home_countries == ("China",)
    assert result.advice is not None
    assert result.advice.recommended is None
    assert result.advice.headline == "No route fits yet: Employment Pass opens with a job offer"
    assert all(item.pathway.country != "cn" for item in result.advice.conditional)


def test_a_route_that_opens_with_an_offer_is_its_own_presentation_outcome() -> None:
    advice = view(RESEARCHER).advice
    assert advice is not None
    (item,) = advice.conditional
    assert item.label == "Eligible with an offer"
    assert item.sentence.startswith("Eligible once you have an offer of at least S$")
    assert item.offer == {"amount": "10700", "currency": "SGD"}


@pytest.mark.parametrize(("as_of", "days_left"), [(date(2026, 12, 2), 29), (date(2026, 12, 31), 0)])
def test_the_tech_pass_deadline_shows_the_days_left(as_of: date, days_left: int) -> None:
    entries = [entry for entry in view(VP, as_of).timeline if entry.pathway_code == "sg_tech_pass"]
    assert [(entry.on, entry.days_left, entry.is_deadline) for entry in entries] == [
        (date(2026, 12, 31), days_left, True)
    ]


def test_after_the_deadline_there_is_no_tech_pass_entry() -> None:
    assert all(entry.pathway_code != "sg_tech_pass" for entry in view(VP, date(2027, 1, 1)).timeline)


def test_applying_after_the_rules_change_is_compared_side_by_side() -> None:
    now = view(VP)
    assert now.next_change_on == date(2027, 1, 1)
    later = {p.code: p.outcome for p in view(VP, now.next_change_on).pathways}
    rows = {row.name: (row.now.label, row.later.label) for row in compare_later(now, later)}
    assert rows["Tech.Pass"] == ("Eligible", "Not open yet")


def test_the_advice_is_worded_in_chinese() -> None:
    with translation.override("zh-hans"):
        advice = view(RESEARCHER).advice
    assert advice is not None
    assert "作为中国公民" in " ".join(advice.reasons)


def test_the_pay_picture_sets_the_salary_against_each_routes_threshold_with_a_text_equivalent() -> None:
    picture = view(VP).pay_picture
    assert picture is not None
    assert picture.text == (
        "Your fixed monthly salary of S$28,000 against the salary thresholds: Tech.Pass S$22,500, ONE Pass S$30,000."
    )
    assert "<title" in picture.svg
    assert 'role="img"' in picture.svg
    assert "style=" not in picture.svg


def test_points_are_drawn_against_the_china_category_lines() -> None:
    offer = {
        "has_china_job_offer": True,
        "china_job_offer": {
            "annual_salary": {"amount": "650000", "currency": "CNY"},
            "months_per_year_in_china": 10,
        },
    }
    permit = next(p for p in view({**VP, **offer}).pathways if p.code == "cn_work_permit")
    picture = permit.points_picture
    assert picture is not None
    assert "category B from 60, category A from 85" in picture.text


def test_the_tech_pass_deadline_says_what_replaces_it_in_one_entry() -> None:
    (entry,) = [e for e in view(VP, date(2026, 12, 2)).timeline if e.pathway_code == "sg_tech_pass"]
    assert entry.text.startswith("Last day for new Tech.Pass applications.")
    assert "ONE Pass (AI and Tech)" in entry.text
