"""The public assessment API: POST /api/v1/assessments/evaluate and GET /api/v1/assessments/schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from assessments.models import ExchangeRate
from assessments.openapi import AssessmentResult, Errors
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessments/evaluate"
PATHWAYS = [
    "sg_tech_pass",
    "sg_one_pass",
    "sg_one_pass_ai_tech",
    "sg_employment_pass",
    "sg_entrepass",
    "cn_k_visa",
    "cn_work_permit",
    "cn_r_visa",
]
OUTCOMES = {
    "eligible",
    "likely_eligible",
    "needs_review",
    "not_eligible",
    "insufficient_information",
    "not_open",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def post(client: Client, body: Any, **extra: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json", **extra)


def test_evaluate_returns_every_pathway_in_contract_order(client: Client) -> None:
    response = post(client, senior_engineer())

    assert response.status_code == 200
    body = response.json()
    assert body["as_of"] == "2026-11-24"
    assert [result["pathway"] for result in body["results"]] == PATHWAYS
    assert {result["outcome"] for result in body["results"]} <= OUTCOMES
    assert body["engine_version"]


def test_evaluate_explains_each_criterion_in_plain_text(client: Client) -> None:
    tech_pass = post(client, senior_engineer()).json()["results"][0]

    assert tech_pass["rule_version"].startswith("sg_tech_pass/")
    assert tech_pass["criteria"]
    for criterion in tech_pass["criteria"]:
        assert criterion["status"] in {"met", "not_met", "unknown", "review"}
        assert isinstance(criterion["requirement"], str)
        assert criterion["requirement"]
        assert isinstance(criterion["explanation"], str)
        assert criterion["explanation"]


def test_evaluate_stores_nothing(client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        post(client, senior_engineer())

    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    # The rate limiter's counter lives in the cache (a table by default): that is its only write.
    assert all("cache" in sql.lower() for sql in writes), writes


def test_evaluate_reports_the_exchange_rates_it_used(client: Client) -> None:
    profile = senior_engineer()
    profile["monthly_fixed_salary"] = {"amount": "20000", "currency": "USD"}

    body = post(client, profile).json()

    assert "USD/SGD" in body["exchange_rates"]


def test_evaluate_uses_the_rate_staff_entered(client: Client) -> None:
    ExchangeRate.objects.create(base="USD", quote="SGD", rate="2.00", effective_on="2026-11-01")
    profile = senior_engineer()
    profile["monthly_fixed_salary"] = {"amount": "20000", "currency": "USD"}

    body = post(client, profile).json()

    assert body["exchange_rates"]["USD/SGD"] in {"2", "2.0", "2.00", "2.00000000"}


def test_evaluate_answers_in_chinese_when_asked(client: Client) -> None:
    response = post(client, senior_engineer(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = response.json()

    assert response["Content-Language"] == "zh-hans"
    summaries = " ".join(result["summary"] for result in body["results"])
    assert any("\u4e00" <= char <= "\u9fff" for char in summaries)


def test_invalid_field_gets_400_with_its_field_path(client: Client) -> None:
    profile = senior_engineer()
    profile["roles"][1]["start"] = "not-a-date"

    response = post(client, profile)

    assert response.status_code == 400
    assert "roles[1].start" in response.json()["errors"]


def test_unknown_key_is_rejected_by_name(client: Client) -> None:
    profile = senior_engineer()
    profile["monthly_salary"] = {"amount": "1", "currency": "SGD"}

    response = post(client, profile)

    assert response.status_code == 400
    assert "monthly_salary" in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "one JSON object"),
        ('"a string"', "one JSON object"),
        ("", "not valid JSON"),
    ],
)
def test_malformed_body_gets_400_with_a_clear_message(client: Client, body: str, message: str) -> None:
    response = client.post(URL, data=body, content_type="application/json")

    assert response.status_code == 400
    assert message in response.json()["errors"][""][0]


def test_undecodable_body_gets_400_not_500(client: Client) -> None:
    response = client.post(URL, data=b"\xff\xfe\xfa", content_type="application/json")

    assert response.status_code == 400


def test_oversized_body_gets_413(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    profile = senior_engineer()
    profile["roles"][0]["title"] = "x" * 2000

    response = post(client, profile)

    assert response.status_code == 413


def test_get_is_not_allowed_on_evaluate(client: Client) -> None:
    assert client.get(URL).status_code == 405


def test_evaluate_is_rate_limited_per_address(client: Client, settings: Any) -> None:
    settings.ASSESSMENT_API_RATE = "3/m"

    statuses = [post(client, senior_engineer()).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert post(client, {}, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_schema_describes_the_profile(client: Client) -> None:
    response = client.get("/api/v1/assessments/schema")

    assert response.status_code == 200
    schema = response.json()
    assert schema["type"] == "object"
    for field in ("as_of", "monthly_fixed_salary", "roles", "education", "singapore_job_offer", "business"):
        assert field in schema["properties"]
    assert schema.get("additionalProperties") is False


def test_the_openapi_document_is_served_with_the_profile_the_errors_and_the_as_of_range(
    client: Client,
) -> None:
    response = client.get("/api/v1/openapi.json")

    document = response.json()
    assert response.status_code == 200
    assert document["openapi"].startswith("3.1")
    schemas = document["components"]["schemas"]
    assert {"Profile", "AssessmentResult", "PathwayResult", "Errors"} <= set(schemas)
    as_of = schemas["Profile"]["properties"]["as_of"]
    assert "2021-01-01" in as_of["description"]
    assert "2100-12-31" in as_of["description"]
    responses = document["paths"]["/api/v1/assessments/evaluate"]["post"]["responses"]
    assert set(responses) >= {"200", "400", "413", "429"}
    assert "#/$defs/" not in json.dumps(document)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_real_answers_match_the_documented_models(client: Client, language: str) -> None:
    ok = post(client, senior_engineer(), HTTP_ACCEPT_LANGUAGE=language).json()
    refused = post(client, {**senior_engineer(), "as_of": "2020-12-31"}).json()

    assert AssessmentResult.model_validate(ok).results[0].pathway == "sg_tech_pass"
    assert "as_of" in Errors.model_validate(refused).errors
