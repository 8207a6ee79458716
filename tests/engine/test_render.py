"""to_data() keeps msgids and raw params; render_assessment() and to_contract() give the exact contract JSON."""

from __future__ import annotations

import gettext
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from assessments.engine import (
    DEFAULT_RATES,
    ENGINE_VERSION,
    PATHWAY_CODES,
    Assessment,
    assess,
    parse_profile,
    render_assessment,
)
from assessments.engine.messages import Amount, msg
from assessments.engine.render import Catalogue, format_money, message_text, render_message

from .helpers import AS_OF, run, sgd, usd
from .test_golden import SPARSE_RATES, bench_profiles, widened_profiles

CHINESE = Path(__file__).resolve().parents[2] / "assessments" / "locale" / "zh_Hans" / "LC_MESSAGES"

RICH = {
    "date_of_birth": "1990-05-01",
    "monthly_fixed_salary": usd(15000),
    "roles": [
        {
            "start": "2023-01-01",
            "role_type": "founder",
            "organisation_type": "tech_company",
            "valuation_usd": 6e8,
        }
    ],
    "has_singapore_job_offer": True,
    "singapore_job_offer": {
        "monthly_fixed_salary": sgd(9000),
        "sector": "other",
        "compass": {"c1_salary_percentile": 70},
    },
    "has_china_job_offer": True,
    "china_job_offer": {
        "annual_salary": {"amount": "400000", "currency": "CNY"},
        "months_per_year_in_china": 10,
    },
}
CRITERION_KEYS = {"code", "status", "requirement", "actual", "explanation", "source"}
RESULT_KEYS = {"pathway", "outcome", "rule_version", "summary", "criteria", "what_if", "documents"}


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("22500", "SGD", "S$22,500"),
        ("500000000", "USD", "US$500,000,000"),
        ("450000", "CNY", "CNY 450,000"),
        ("22500.5", "SGD", "S$22,500.50"),
        ("1200", "EUR", "EUR 1,200"),
        ("0", "SGD", "S$0"),
    ],
)
def test_money_formats(amount: str, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


def test_to_data_is_json_with_message_objects() -> None:
    data = run(RICH).to_data()
    assert json.loads(json.dumps(data)) == data
    tech = data["results"][0]
    assert tech["summary"]["id"].startswith("You meet") or "{pathway}" in tech["summary"]["id"]
    salary = tech["criteria"][0]
    assert salary["requirement"] == {
        "id": "A fixed monthly salary of {threshold} or more",
        "params": {"threshold": {"amount": "22500", "currency": "SGD"}},
    }
    assert salary["actual"]["params"]["amount"] == {"amount": "15000", "currency": "USD"}
    assert salary["actual"]["params"]["converted"] == {"amount": "20250", "currency": "SGD"}


def test_rendered_assessment_has_exactly_the_contract_shape() -> None:
    contract = run(RICH).to_contract()
    assert set(contract) == {
        "as_of",
        "engine_version",
        "results",
        "exchange_rates",
        "exchange_rate_dates",
        "recommendation",
    }
    assert contract["as_of"] == AS_OF.isoformat()
    assert contract["engine_version"] == ENGINE_VERSION
    assert [r["pathway"] for r in contract["results"]] == list(PATHWAY_CODES)
    for res in contract["results"]:
        # Version 2 adds deadline and upcoming_changes to every result (deadline_days_left with a deadline).
        assert RESULT_KEYS | {"deadline", "upcoming_changes"} <= set(res)
        # Engine 2.1 adds `eligible_from` (and a criterion's `met_from`) only where there is such a day.
        assert set(res) <= RESULT_KEYS | {
            "points",
            "deadline",
            "deadline_days_left",
            "upcoming_changes",
            "eligible_from",
        }
        for change in res["upcoming_changes"]:
            assert set(change) == {"effective_on", "kind", "summary"}
            assert isinstance(change["summary"], str)
        assert isinstance(res["summary"], str)
        assert all(isinstance(text, str) for text in res["what_if"] + res["documents"])
        for criterion in res["criteria"]:
            assert CRITERION_KEYS <= set(criterion) <= CRITERION_KEYS | {"met_from"}
            assert all(isinstance(criterion[k], str) for k in CRITERION_KEYS)
            assert "{" not in criterion["requirement"] + criterion["actual"] + criterion["explanation"]
        if "points" in res:
            assert set(res["points"]) == {"total", "pass_mark", "category", "breakdown"}
            for factor in res["points"]["breakdown"]:
                assert set(factor) == {"factor", "points", "max"}
                assert isinstance(factor["factor"], str)
    assert contract["exchange_rates"] == {"USD/SGD": "1.35"}


def test_render_does_not_modify_its_input() -> None:
    data = run(RICH).to_data()
    before = json.dumps(data, sort_keys=True)
    render_assessment(data)
    assert json.dumps(data, sort_keys=True) == before


def test_translate_is_applied_to_msgids_and_nested_messages() -> None:
    table = {"{amount}": "金额 {amount}", "not given": "未提供"}

    def translate(msgid: str) -> str:
        return table.get(msgid, msgid)

    message: dict[str, Any] = {
        "id": "{salary}; months at this salary: {months}; Singapore offer: {offer}",
        "params": {
            "salary": {"id": "{amount}", "params": {"amount": {"amount": "100", "currency": "SGD"}}},
            "months": {"id": "not given", "params": {}},
            "offer": {"id": "not given", "params": {}},
        },
    }
    assert (
        render_message(message, translate)
        == "金额 S$100; months at this salary: 未提供; Singapore offer: 未提供"
    )


def test_a_translation_with_broken_placeholders_falls_back_to_english() -> None:
    message = {"id": "{points} points", "params": {"points": 40}}
    assert render_message(message, lambda s: "{分数} 分") == "40 points"


def test_years_are_shown_in_calendar_years_and_months_and_dates_as_iso() -> None:
    data = run({"business": {"company_incorporated_on": "2026-02-03"}, "roles": []}).to_contract()
    entrepass = next(r for r in data["results"] if r["pathway"] == "sg_entrepass")
    assert any(c["actual"] == "incorporated on 2026-02-03" for c in entrepass["criteria"])
    tech = data["results"][0]
    assert tech["criteria"][1]["actual"] == "less than a month"


def test_a_catalogue_asks_for_each_msgid_once() -> None:
    asked: list[str] = []

    def translate(msgid: str) -> str:
        asked.append(msgid)
        return msgid.upper()

    catalogue = Catalogue(translate)
    message = {"id": "not given", "params": {}}
    assert [render_message(message, catalogue) for _ in range(3)] == ["NOT GIVEN"] * 3
    assert asked == ["not given"]


def test_a_message_met_again_with_equal_parameters_is_worded_from_the_catalogue() -> None:
    chinese = {"One Pass": "高级专才准证", "{pathway} needs {threshold}": "{pathway}需要{threshold}"}
    catalogue = Catalogue(lambda msgid: chinese.get(msgid, msgid))
    first = msg(
        "{pathway} needs {threshold}", pathway=msg("One Pass"), threshold=Amount(Decimal("30000"), "SGD")
    )
    again = msg(
        "{pathway} needs {threshold}", pathway=msg("One Pass"), threshold=Amount(Decimal("30000.00"), "SGD")
    )

    assert message_text(first, catalogue) == "高级专才准证需要S$30,000"
    catalogue.worded[next(iter(catalogue.worded))] = "kept"
    assert message_text(again, catalogue) == "kept"


def test_equal_parameters_worded_differently_are_not_confused() -> None:
    catalogue = Catalogue()

    assert message_text(msg("{answer}", answer=1), catalogue) == "1"
    assert message_text(msg("{answer}", answer=True), catalogue) == "True"
    assert message_text(msg("{answer}", answer=Decimal("1")), catalogue) == "1"


def test_a_full_catalogue_starts_its_worded_messages_afresh() -> None:
    class Small(Catalogue):
        WORDED_MAX = 2

    catalogue = Small()
    texts = [message_text(msg("{n} years old", n=age), catalogue) for age in (30, 31, 32)]

    assert texts == ["30 years old", "31 years old", "32 years old"]
    assert list(catalogue.worded.values()) == ["32 years old"]


def _golden_assessments(count: int) -> list[Assessment]:
    """The golden populations' first profiles: the benchmark's, and the widened ones with sparse rates."""
    return [
        assess(parse_profile(data, default_as_of=AS_OF), rates=DEFAULT_RATES)
        for data in bench_profiles()[:count]
    ] + [
        assess(parse_profile(data, default_as_of=AS_OF), rates=SPARSE_RATES)
        for data in widened_profiles()[:count]
    ]


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_wording_an_assessment_at_once_gives_what_rendering_its_snapshot_gives(language: str) -> None:
    if language == "en":
        translate: Callable[[str], str] = str
    else:
        with (CHINESE / "django.mo").open("rb") as handle:
            translate = gettext.GNUTranslations(handle).gettext
    catalogue = Catalogue(translate)
    for assessment in _golden_assessments(300):
        assert assessment.to_contract(catalogue) == render_assessment(assessment.to_data(), translate)
