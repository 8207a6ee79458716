"""The profile JSON Schema is generated from the models and agrees with parse_profile."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from assessments.engine import parse_profile, profile_json_schema

from .helpers import AS_OF
from .strategies import profiles

SCHEMA = profile_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SAMPLE = {
    "as_of": "2026-11-24",
    "application_type": "new",
    "date_of_birth": "1988-04-02",
    "nationality": "IN",
    "education": [
        {"level": "master", "field": "stem", "institution": "IIT Bombay", "well_known_institution": True}
    ],
    "monthly_fixed_salary": {"amount": "25000", "currency": "SGD"},
    "roles": [
        {
            "organisation": "Acme",
            "start": "2018-01-01",
            "end": None,
            "role_type": "c_suite",
            "valuation_usd": 8e8,
        }
    ],
    "singapore_job_offer": {
        "monthly_fixed_salary": {"amount": 12000, "currency": "SGD"},
        "compass": {"sep_firm": False},
    },
}


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_validates_a_sample_profile() -> None:
    VALIDATOR.validate(SAMPLE)
    parse_profile(SAMPLE, default_as_of=AS_OF)


@pytest.mark.parametrize(
    "change",
    [
        {"unknown_key": 1},
        {"roles": [{"titel": "CTO"}]},
        {"application_type": "New"},
        {"hsk_level": 7},
        {"monthly_fixed_salary": {"amount": "22,500", "currency": "SGD"}},
        {"monthly_fixed_salary": {"amount": "1", "currency": "sgd"}},
        {"on_singapore_work_pass": "yes"},
    ],
)
def test_schema_and_parser_both_reject_bad_input(change: dict[str, Any]) -> None:
    data = {**SAMPLE, **change}
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(ValueError, match=r"."):
        parse_profile(data, default_as_of=AS_OF)


def test_schema_carries_the_contract_descriptions() -> None:
    properties = SCHEMA["properties"]
    assert "basic + fixed allowances" in properties["monthly_fixed_salary"]["description"]
    assert SCHEMA["$defs"]["Role"]["properties"]["end"]["description"].startswith("Last day in the role")
    assert SCHEMA["additionalProperties"] is False


def test_as_of_is_optional_on_the_wire() -> None:
    assert "as_of" not in SCHEMA.get("required", [])


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_every_generated_valid_profile_satisfies_the_schema(data: dict[str, Any]) -> None:
    VALIDATOR.validate(data)
