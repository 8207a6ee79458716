"""The result as people read it: 'eligible from' days worded in both languages and on the timeline, and
only official sources on the applicant's criteria cards."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments.engine import DEFAULT_RATES, Confidence, assess, parse_profile, versions_with_ids
from assessments.presentation import ResultView, present

AS_OF = date(2026, 11, 24)


def leader(days: int) -> dict[str, Any]:
    """A founder of a US$500m tech company for `days` days up to AS_OF, still there."""
    return {
        "nationality": "US",
        "date_of_birth": "1985-01-01",
        "monthly_fixed_salary": {"amount": "25000", "currency": "SGD"},
        "roles": [
            {
                "start": (AS_OF - timedelta(days=days - 1)).isoformat(),
                "role_type": "founder",
                "organisation_type": "tech_company",
                "valuation_usd": "500000000",
            }
        ],
    }


FIVE_YEARS = 1826  # five calendar years up to AS_OF (they include 29 February 2024)


def view(data: dict[str, Any], language: str = "en") -> ResultView:
    snapshot = assess(parse_profile(data, default_as_of=AS_OF), rates=DEFAULT_RATES).to_data()
    with translation.override(language):
        return present(snapshot)


def tech_pass(result: ResultView) -> Any:
    return next(p for p in result.pathways if p.code == "sg_tech_pass")


@pytest.mark.parametrize(
    ("language", "route", "criterion"),
    [
        (
            "en",
            "Eligible from 9 Dec 2026 if nothing else changes.",
            "Met from 9 Dec 2026 if nothing else changes.",
        ),
        ("zh-hans", "2026年12月9日", "2026年12月9日"),
    ],
)
def test_a_leader_short_of_five_years_is_told_the_day_in_their_language(
    language: str, route: str, criterion: str
) -> None:
    pathway = tech_pass(view(leader(FIVE_YEARS - 15), language))
    assert pathway.eligible_from == date(2026, 12, 9)
    leading = next(c for c in pathway.criteria if c.code == "leading_role")
    with translation.override(language):  # the words are those of the language the page is read in
        route_text, criterion_text = pathway.eligible_from_text, leading.met_from_text
    assert route in route_text
    assert criterion in criterion_text
    if language != "en":
        assert "Eligible" not in route_text
        assert "Met" not in criterion_text


def test_the_day_is_on_the_timeline_with_days_left_but_is_not_a_rule_change() -> None:
    result = view(leader(FIVE_YEARS - 15))
    entry = next(e for e in result.timeline if e.is_eligible_from)
    assert (entry.on, entry.days_left, entry.pathway_code) == (date(2026, 12, 9), 15, "sg_tech_pass")
    assert entry.text == "You would be eligible for Tech.Pass from this day, if nothing else changes."
    # "If you apply later" compares against the next change of the rules (Tech.Pass's last day), not this.
    assert result.next_change_on == date(2027, 1, 1)


def test_a_day_after_the_pass_closes_is_on_the_criterion_only() -> None:
    pathway = tech_pass(view(leader(FIVE_YEARS - 60)))
    assert pathway.eligible_from is None
    assert not any(e.is_eligible_from for e in view(leader(FIVE_YEARS - 60)).timeline)
    leading = next(c for c in pathway.criteria if c.code == "leading_role")
    assert leading.met_from == AS_OF + timedelta(days=60)


def test_the_result_page_card_shows_the_day() -> None:
    pathway = tech_pass(view(leader(FIVE_YEARS - 15)))
    html = render_to_string("applicants/_pathway_detail.html", {"pathway": pathway})
    assert 'datetime="2026-12-09"' in html
    assert "Eligible from 9 Dec 2026 if nothing else changes." in html
    assert "Met from 9 Dec 2026 if nothing else changes." in html


def test_a_side_by_side_card_shows_the_day_too() -> None:
    pathway = tech_pass(view(leader(FIVE_YEARS - 15)))
    html = render_to_string(
        "applicants/_pathway_compare.html", {"pathway": pathway, "country": "sg", "heading": "Singapore"}
    )
    assert "Eligible from 9 Dec 2026 if nothing else changes." in html


def _confidence_of(rule_version: str, citation: str) -> Confidence:
    (version,) = versions_with_ids([rule_version])
    return next(s.confidence for s in version.sources if citation.startswith(s.title))


# The VP of the issue: every route assessed, with press and law-firm sources on several criteria.
VP = leader(FIVE_YEARS + 2000)


def test_applicants_see_only_official_sources_while_staff_keep_every_source() -> None:
    result = view(VP)
    staff_only = [
        (p.rule_version, c.source)
        for p in result.pathways
        for c in p.criteria
        if c.source and _confidence_of(p.rule_version, c.source) is not Confidence.OFFICIAL
    ]
    assert staff_only, "the VP's result cites press or firm sources somewhere (else this test proves nothing)"
    for p in result.pathways:
        for c in p.criteria:
            if c.public_source:
                assert _confidence_of(p.rule_version, c.public_source) is Confidence.OFFICIAL


def test_the_applicants_card_never_prints_a_press_source() -> None:
    result = view(VP)
    for pathway in result.pathways:
        html = render_to_string("applicants/_pathway_detail.html", {"pathway": pathway})
        for criterion in pathway.criteria:
            if criterion.source and criterion.source != criterion.public_source:
                assert criterion.source not in html
                if criterion.source_url and criterion.source_url != criterion.public_source_url:
                    assert criterion.source_url not in html
