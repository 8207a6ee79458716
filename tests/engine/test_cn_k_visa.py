"""K visa: young STEM talent; indicative only, so at most likely_eligible."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .helpers import born_aged, english, result, status

STEM_DEGREE = {"level": "bachelor", "field": "stem", "well_known_institution": True}


def person(
    age: int | None = 30,
    education: list[dict[str, Any]] | None = None,
    roles: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "education": [STEM_DEGREE] if education is None else education,
        "roles": roles or [],
    }
    if age is not None:
        data["date_of_birth"] = born_aged(age)
    return data


@pytest.mark.parametrize(
    ("age", "expected"), [(17, "review"), (18, "met"), (45, "met"), (46, "review"), (None, "unknown")]
)
def test_reported_age_range_18_to_45_is_never_a_refusal(age: int | None, expected: str) -> None:
    assert status(person(age), "cn_k_visa", "age") == expected


def test_46_the_day_before_the_birthday_is_still_45() -> None:
    born = date(1980, 11, 25).isoformat()
    assert status({"date_of_birth": born, "education": [STEM_DEGREE]}, "cn_k_visa", "age") == "met"


@pytest.mark.parametrize(
    ("education", "expected"),
    [
        ([STEM_DEGREE], "met"),
        ([{**STEM_DEGREE, "level": "doctorate"}], "met"),
        ([{**STEM_DEGREE, "level": "diploma"}], "not_met"),
        ([{**STEM_DEGREE, "field": "non_stem"}], "not_met"),
        ([{**STEM_DEGREE, "well_known_institution": False}], "not_met"),
        ([{**STEM_DEGREE, "well_known_institution": None}], "unknown"),
        ([{**STEM_DEGREE, "field": None}], "unknown"),
        ([{**STEM_DEGREE, "field": "non_stem"}, STEM_DEGREE], "met"),
        ([], "not_met"),
    ],
)
def test_stem_degree_from_a_well_known_institution(education: list[dict[str, Any]], expected: str) -> None:
    assert status(person(education=education), "cn_k_visa", "stem_talent") == expected


RESEARCHER = {
    "start": "2022-01-01",
    "end": None,
    "organisation_type": "university",
    "organisation_well_known": True,
    "stem_teaching_or_research": True,
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (RESEARCHER, "met"),
        ({**RESEARCHER, "organisation_type": "research_institute"}, "met"),
        ({**RESEARCHER, "end": "2025-01-01"}, "not_met"),
        ({**RESEARCHER, "organisation_well_known": False}, "not_met"),
        ({**RESEARCHER, "stem_teaching_or_research": False}, "not_met"),
        ({**RESEARCHER, "organisation_type": "tech_company"}, "not_met"),
        ({**RESEARCHER, "stem_teaching_or_research": None}, "unknown"),
    ],
)
def test_or_current_stem_teaching_or_research_at_one(role: dict[str, Any], expected: str) -> None:
    assert status(person(education=[], roles=[role]), "cn_k_visa", "stem_talent") == expected


def test_absent_education_and_roles_are_unknown() -> None:
    assert status({"date_of_birth": born_aged(30)}, "cn_k_visa", "stem_talent") == "unknown"


def test_a_full_match_is_only_likely_eligible_and_says_it_is_not_a_work_permit() -> None:
    res = result(person(), "cn_k_visa")
    assert res.outcome == "likely_eligible"
    assert "not a work permit" in english(res.summary)


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (person(50), "needs_review"),
        (person(30, education=[{**STEM_DEGREE, "field": "non_stem"}]), "not_eligible"),
        (person(None), "insufficient_information"),
    ],
)
def test_other_summaries_also_say_it_is_not_a_work_permit(data: dict[str, Any], outcome: str) -> None:
    res = result(data, "cn_k_visa")
    assert res.outcome == outcome
    assert "not a work permit" in english(res.summary)


def test_not_open_before_1_october_2025() -> None:
    assert result(person(), "cn_k_visa", as_of=date(2025, 9, 30)).outcome == "not_open"
    assert result(person(), "cn_k_visa", as_of=date(2025, 10, 1)).outcome == "likely_eligible"


@pytest.mark.parametrize(
    ("age", "outcome"), [(45, "likely_eligible"), (46, "needs_review"), (17, "needs_review")]
)
def test_outside_the_reported_age_band_a_consultant_judges(age: int, outcome: str) -> None:
    res = result(person(age), "cn_k_visa")
    assert res.outcome == outcome
    if outcome == "needs_review":
        assert "no official range is published" in english(res.criteria[0].explanation)
