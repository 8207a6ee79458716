"""The OpenAPI 3.1 description of the public assessment API (`GET /api/v1/openapi.json`).

Generated, never written by hand: the request body is the engine's profile schema (the pydantic
models `parse_profile` validates with), the responses are the pydantic models below, whose word lists
come from the engine (pathway codes, outcomes, criterion statuses), and tests check every real
response against them. What JSON Schema cannot say (a role that ends before it starts, a birth date
after `as_of`) is a 400 with the field's path, as documented.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .engine import ENGINE_VERSION, PATHWAY_CODES, CriterionStatus, Outcome, profile_json_schema
from .engine.profile import COVERAGE_END, COVERAGE_START

_REFS = "#/components/schemas/{model}"

# The engine's own lists, so the document follows the engine.
PathwayCode = Literal[tuple(PATHWAY_CODES)]  # type: ignore[valid-type]


class _Out(BaseModel):
    # Partner tools must ignore fields they do not know: the contract grows only by optional fields.
    model_config = ConfigDict(extra="allow")


class CriterionResult(_Out):
    code: str
    status: CriterionStatus
    requirement: str
    actual: str
    explanation: str
    source: str = Field(description="Where the rule is published.")


class PointsFactor(_Out):
    factor: str
    points: int | None = Field(description="null when a fact it needs is unknown")
    max: int


class Points(_Out):
    total: int
    pass_mark: int
    category: str | None = Field(description='"A", "B" or "C" for cn_work_permit; null otherwise')
    breakdown: list[PointsFactor]


class PathwayResult(_Out):
    pathway: PathwayCode  # type: ignore[valid-type]
    outcome: Outcome
    rule_version: str = Field(description="The rule version in force on as_of, e.g. sg_tech_pass/2023.")
    summary: str
    criteria: list[CriterionResult]
    what_if: list[str] = Field(
        description="The smallest changes of facts that would flip a failed criterion."
    )
    documents: list[str] = Field(description="Evidence for the criteria relied on.")
    points: Points | None = Field(None, description="Only for points tests.")


class AssessmentResult(_Out):
    """Every pathway, in the contract's order, assessed under the rules in force on `as_of`."""

    as_of: date
    engine_version: str
    results: list[PathwayResult] = Field(min_length=len(PATHWAY_CODES), max_length=len(PATHWAY_CODES))
    exchange_rates: dict[str, str] = Field(description='Every rate used, e.g. {"USD/SGD": "1.30"}.')
    exchange_rate_dates: dict[str, date] = Field(description="The date of each rate used.")


class Errors(BaseModel):
    """Field path (`roles[1].start`; "" for the body as a whole) -> messages."""

    model_config = ConfigDict(extra="forbid")

    errors: dict[str, list[str]]


def _as_of_in_coverage(profile: dict[str, Any]) -> None:
    """State the range of `as_of` the engine covers in the schema itself (a year pattern on the date)."""
    assert (COVERAGE_START.month, COVERAGE_START.day, COVERAGE_END.month, COVERAGE_END.day) == (1, 1, 12, 31)
    years = "|".join(str(year) for year in range(COVERAGE_START.year, COVERAGE_END.year + 1))
    dated = {"type": "string", "format": "date", "pattern": rf"^(?:{years})-\d{{2}}-\d{{2}}$"}
    profile["properties"]["as_of"] = {
        "anyOf": [dated, {"type": "null"}],
        "description": (
            f"The day the rules are evaluated for, from {COVERAGE_START.isoformat()} to "
            f"{COVERAGE_END.isoformat()}; absent or null: today."
        ),
    }


def _components() -> dict[str, Any]:
    profile = profile_json_schema()
    profile.pop("$schema", None)
    schemas: dict[str, Any] = {}
    for name, definition in profile.pop("$defs", {}).items():
        schemas[name] = definition
    _as_of_in_coverage(profile)
    schemas["Profile"] = profile
    for model in (AssessmentResult, Errors):
        generated = model.model_json_schema(ref_template=_REFS, mode="serialization")
        schemas.update(generated.pop("$defs", {}))
        schemas[model.__name__] = generated
    relinked: dict[str, Any] = _relinked(schemas)
    return relinked


def _relinked(value: Any) -> Any:
    """The profile schema's own references (#/$defs/X) pointed at the components."""
    if isinstance(value, dict):
        return {
            key: (item.replace("#/$defs/", "#/components/schemas/") if key == "$ref" else _relinked(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_relinked(item) for item in value]
    return value


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "content": _json("Errors"), **extra}


def openapi_document() -> dict[str, Any]:
    errors_400 = _error(
        "The body is not JSON, not one object, too deeply nested, or not a valid profile: the messages "
        "name each field's path. Also for a profile that matches the schema but breaks a rule it cannot "
        "express (a role ending before it starts, a birth date after as_of)."
    )
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Tech talent visa self-assessment",
            "version": ENGINE_VERSION,
            "summary": "Assess a profile against every Singapore and China pathway. Anonymous; nothing is stored.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/assessments/evaluate": {
                "post": {
                    "operationId": "evaluate",
                    "summary": "Assess a profile",
                    "description": "Texts are in the language of Accept-Language (English or Simplified Chinese).",
                    "parameters": [
                        {
                            "name": "Accept-Language",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": '"zh-hans" for Chinese texts; anything else gives English.',
                        }
                    ],
                    "requestBody": {"required": True, "content": _json("Profile")},
                    "responses": {
                        "200": {
                            "description": "The assessment.",
                            "headers": {
                                "Content-Language": {"schema": {"type": "string", "enum": ["en", "zh-hans"]}}
                            },
                            "content": _json("AssessmentResult"),
                        },
                        "400": errors_400,
                        "405": {"description": "Only POST is allowed."},
                        "413": _error("The body is larger than any profile."),
                        "429": _error(
                            "Too many requests from this address (ASSESSMENT_API_RATE, default 60 a minute).",
                            headers={"Retry-After": {"required": True, "schema": {"type": "string"}}},
                        ),
                    },
                }
            },
            "/api/v1/assessments/schema": {
                "get": {
                    "operationId": "profileSchema",
                    "summary": "The JSON Schema of the profile",
                    "responses": {
                        "200": {
                            "description": "A JSON Schema (draft 2020-12).",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "405": {"description": "Only GET is allowed."},
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI 3.1 document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "405": {"description": "Only GET is allowed."},
                    },
                }
            },
        },
        "components": {"schemas": _components()},
    }
