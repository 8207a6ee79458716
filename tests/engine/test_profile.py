"""Profile validation: every bad input is rejected with its contract field path and a clear sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from assessments.engine import ProfileError, parse_profile

from .helpers import AS_OF, sgd


def errors_of(data: Any) -> dict[str, list[str]]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(data, default_as_of=AS_OF)
    return caught.value.errors


def test_empty_profile_is_valid_and_everything_is_unknown() -> None:
    profile = parse_profile({}, default_as_of=AS_OF)
    assert profile.as_of == AS_OF
    assert profile.application_type == "new"
    assert profile.roles is None
    assert profile.monthly_fixed_salary is None


def test_as_of_in_the_profile_overrides_the_default() -> None:
    assert parse_profile({"as_of": "2025-03-01"}, default_as_of=AS_OF).as_of == date(2025, 3, 1)


def test_null_as_of_and_application_type_take_their_defaults() -> None:
    profile = parse_profile({"as_of": None, "application_type": None}, default_as_of=AS_OF)
    assert (profile.as_of, profile.application_type) == (AS_OF, "new")


def test_absent_list_is_unknown_and_empty_list_is_none() -> None:
    assert parse_profile({}, default_as_of=AS_OF).roles is None
    assert parse_profile({"roles": []}, default_as_of=AS_OF).roles == []


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("22500", Decimal(22500)),
        ("22500.50", Decimal("22500.50")),
        (22500, Decimal(22500)),
        (22500.5, Decimal("22500.5")),
    ],
)
def test_money_amount_accepts_decimal_strings_and_numbers(amount: Any, expected: Decimal) -> None:
    profile = parse_profile(
        {"monthly_fixed_salary": {"amount": amount, "currency": "SGD"}}, default_as_of=AS_OF
    )
    assert profile.monthly_fixed_salary is not None
    assert profile.monthly_fixed_salary.amount == expected


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"salary": sgd(1)}, "salary", "unknown field"),
        ({"roles": [{"start": "2020-01-01", "titel": "CTO"}]}, "roles[0].titel", "unknown field"),
        (
            {"monthly_fixed_salary": {"amount": "1", "currency": "SGD", "x": 1}},
            "monthly_fixed_salary.x",
            "unknown field",
        ),
        ({"as_of": "24/11/2026"}, "as_of", "YYYY-MM-DD"),
        ({"as_of": "2026-02-30"}, "as_of", "real calendar date"),
        ({"as_of": "2019-06-01"}, "as_of", "2021-01-01"),
        ({"as_of": 20261124}, "as_of", "YYYY-MM-DD"),
        ({"application_type": "New"}, "application_type", "'new'"),
        ({"date_of_birth": "2030-01-01"}, "date_of_birth", "not be after as_of"),
        ({"nationality": "XX"}, "nationality", "ISO 3166-1"),
        ({"nationality": "sg"}, "nationality", "ISO 3166-1"),
        ({"on_singapore_work_pass": "yes"}, "on_singapore_work_pass", "true or false"),
        ({"on_singapore_work_pass": 1}, "on_singapore_work_pass", "true or false"),
        ({"education": {"level": "bachelor"}}, "education", "list"),
        ({"education": [{"level": "phd"}]}, "education[0].level", "'doctorate'"),
        ({"education": [{"field": "STEM"}]}, "education[0].field", "'stem'"),
        ({"education": [{"completed_year": 2030}]}, "education[0].completed_year", "not be after"),
        ({"education": [{"completed_year": "2010"}]}, "education[0].completed_year", "whole number"),
        (
            {"monthly_fixed_salary": {"amount": "-1", "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "negative",
        ),
        (
            {"monthly_fixed_salary": {"amount": -1, "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "negative",
        ),
        (
            {"monthly_fixed_salary": {"amount": "22,500", "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "decimal",
        ),
        (
            {"monthly_fixed_salary": {"amount": "1e5", "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "decimal",
        ),
        (
            {"monthly_fixed_salary": {"amount": True, "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "number",
        ),
        (
            {"monthly_fixed_salary": {"amount": "1", "currency": "sgd"}},
            "monthly_fixed_salary.currency",
            "ISO 4217",
        ),
        (
            {"monthly_fixed_salary": {"amount": "1", "currency": "XYZ"}},
            "monthly_fixed_salary.currency",
            "ISO 4217",
        ),
        ({"monthly_fixed_salary": {"amount": "1"}}, "monthly_fixed_salary.currency", "required"),
        ({"monthly_fixed_salary": "22500 SGD"}, "monthly_fixed_salary", "object"),
        (
            {"monthly_fixed_salary": {"amount": 1e20, "currency": "SGD"}},
            "monthly_fixed_salary.amount",
            "below",
        ),
        ({"salary_from_single_employer": "true"}, "salary_from_single_employer", "true or false"),
        ({"months_at_current_salary": -1}, "months_at_current_salary", "at least 0"),
        ({"months_at_current_salary": 12.5}, "months_at_current_salary", "whole number"),
        ({"roles": [{"start": "2020-13-01"}]}, "roles[0].start", "real calendar date"),
        ({"roles": [{"start": "2030-01-01"}]}, "roles[0].start", "not be after as_of"),
        (
            {"roles": [{"start": "2020-01-01", "end": "2019-12-31"}]},
            "roles[0].end",
            "before the role's start",
        ),
        ({"roles": [{"start": "2020-01-01", "end": "2027-01-01"}]}, "roles[0].end", "ongoing"),
        ({"roles": [{"role_type": "cto"}]}, "roles[0].role_type", "'founder'"),
        ({"roles": [{"organisation_type": "startup"}]}, "roles[0].organisation_type", "'tech_company'"),
        ({"roles": [{"valuation_usd": "-5"}]}, "roles[0].valuation_usd", "negative"),
        ({"roles": [{}, {"start": "yesterday"}]}, "roles[1].start", "YYYY-MM-DD"),
        ({"roles": [{"relevant_to_china_job": "no"}]}, "roles[0].relevant_to_china_job", "true or false"),
        ({"hsk_level": 7}, "hsk_level", "at most 6"),
        ({"hsk_level": -1}, "hsk_level", "at least 0"),
        (
            {"former_chinese_national": None, "has_singapore_job_offer": "maybe"},
            "has_singapore_job_offer",
            "true or false",
        ),
        (
            {"singapore_job_offer": {"sector": "finance"}},
            "singapore_job_offer.sector",
            "'financial_services'",
        ),
        (
            {"singapore_job_offer": {"compass": {"nationality_share_of_pmets": 1.5}}},
            "singapore_job_offer.compass.nationality_share_of_pmets",
            "at most 1",
        ),
        (
            {"singapore_job_offer": {"compass": {"c1_salary_percentile": 101}}},
            "singapore_job_offer.compass.c1_salary_percentile",
            "at most 100",
        ),
        (
            {"singapore_job_offer": {"compass": {"employer_pmet_count": -3}}},
            "singapore_job_offer.compass.employer_pmet_count",
            "at least 0",
        ),
        (
            {"china_job_offer": {"months_per_year_in_china": 13}},
            "china_job_offer.months_per_year_in_china",
            "at most 12",
        ),
        (
            {"china_job_offer": {"annual_salary": {"amount": "x", "currency": "CNY"}}},
            "china_job_offer.annual_salary.amount",
            "decimal",
        ),
        ({"business": {"company_incorporated_on": "soon"}}, "business.company_incorporated_on", "YYYY-MM-DD"),
        ({"achievements": {"nobel": True}}, "achievements.nobel", "unknown field"),
    ],
)
def test_bad_input_is_rejected_with_its_field_path(data: dict[str, Any], path: str, fragment: str) -> None:
    errors = errors_of(data)
    assert path in errors, errors
    assert any(fragment in message for message in errors[path]), errors[path]
    assert all(message.endswith(".") and message[0].isupper() for message in errors[path])


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_of({"hsk_level": 9, "nationality": "ZZ", "typo": 1})
    assert set(errors) == {"hsk_level", "nationality", "typo"}


def test_a_profile_that_is_not_an_object_is_rejected() -> None:
    assert errors_of([{"as_of": "2026-01-01"}]) == {"profile": ["The profile must be a JSON object."]}


def test_profile_error_message_names_the_paths() -> None:
    with pytest.raises(ProfileError, match=r"roles\[0\]\.start"):
        parse_profile({"roles": [{"start": "x"}]}, default_as_of=AS_OF)


def test_future_incorporation_date_is_a_planned_company() -> None:
    profile = parse_profile({"business": {"company_incorporated_on": "2027-03-01"}}, default_as_of=AS_OF)
    assert profile.business is not None
    assert profile.business.company_incorporated_on == date(2027, 3, 1)
