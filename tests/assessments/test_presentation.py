"""The one presentation: routes ranked and chosen once, words from one table, names from the registry."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.template import engines
from django.utils import translation
from django.utils.html import escape

from assessments import evaluation
from assessments.engine import DEFAULT_RATES, REGISTRY, assess, parse_profile
from assessments.presentation import (
    headline,
    outcome_lines,
    pathway_name,
    present,
    present_result,
    split_citation,
    status_word,
)
from letters.content import SAMPLE_AS_OF, SAMPLE_PROFILE


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return assess(parse_profile(SAMPLE_PROFILE, default_as_of=SAMPLE_AS_OF), rates=DEFAULT_RATES).to_data()


def _with_outcomes(snapshot: dict[str, Any], outcomes: dict[str, str]) -> dict[str, Any]:
    changed = copy.deepcopy(snapshot)
    for result in changed["results"]:
        result["outcome"] = outcomes.get(result["pathway"], "not_eligible")
    return changed


def test_the_best_route_per_country_is_the_best_outcome_there_first_in_contract_order_on_a_tie(
    snapshot: dict[str, Any],
) -> None:
    data = _with_outcomes(
        snapshot,
        {
            "sg_one_pass": "needs_review",
            "sg_entrepass": "likely_eligible",
            "sg_employment_pass": "likely_eligible",
        },
    )

    view = present(data)

    assert [(c.country, c.pathway.code if c.pathway else None) for c in view.comparison] == [
        ("sg", "sg_employment_pass"),
        ("cn", "cn_k_visa"),
    ]
    assert view.best_singapore is not None
    assert view.best_singapore.code == "sg_employment_pass"
    assert [p.code for p in view.others][:2] == ["sg_entrepass", "sg_one_pass"]


def test_the_routes_relied_on_are_those_that_fit_else_the_best_per_country(snapshot: dict[str, Any]) -> None:
    fitting = present(_with_outcomes(snapshot, {"sg_one_pass": "needs_review", "cn_r_visa": "eligible"}))
    nothing_fits = present(_with_outcomes(snapshot, {}))

    assert [p.code for p in fitting.relied_on] == ["sg_one_pass", "cn_r_visa"]
    assert fitting.recommended is not None
    assert fitting.recommended.code == "cn_r_visa"
    assert [p.code for p in nothing_fits.relied_on] == ["sg_tech_pass", "cn_k_visa"]


def test_routes_named_by_the_caller_are_relied_on_in_contract_order(snapshot: dict[str, Any]) -> None:
    view = present(snapshot, relied_on=["cn_work_permit", "sg_tech_pass"])

    assert [p.code for p in view.relied_on] == ["sg_tech_pass", "cn_work_permit"]
    assert {p.code for p in view.pathways if p.is_relied_on} == {"sg_tech_pass", "cn_work_permit"}
    with pytest.raises(ValueError, match="us_h1b"):
        present(snapshot, relied_on=["us_h1b"])


def test_the_checklist_groups_documents_by_route_and_lists_each_once(snapshot: dict[str, Any]) -> None:
    view = present(snapshot, relied_on=["sg_tech_pass", "cn_k_visa", "cn_work_permit"])

    assert [g.pathway_code for g in view.checklist] == ["sg_tech_pass", "cn_k_visa", "cn_work_permit"]
    assert len(view.documents) == len(set(view.documents))
    assert "Passport bio page" in view.checklist[0].documents


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_view_takes_its_names_and_words_from_the_one_table(
    snapshot: dict[str, Any], language: str
) -> None:
    with translation.override(language):
        view = present(snapshot)
        for pathway in view.pathways:
            assert pathway.name == pathway_name(pathway.code)
            assert pathway.headline == headline(pathway.outcome)
            for criterion in pathway.criteria:
                assert criterion.status_label == status_word(criterion.status).label
        lines = outcome_lines({p.code: p.outcome for p in view.pathways})

    assert [(line.name, line.headline) for line in lines] == [(p.name, p.headline) for p in view.pathways]


def test_review_has_one_word_in_each_language() -> None:
    with translation.override("en"):
        assert status_word("review").label == "Needs review"
    with translation.override("zh-hans"):
        assert status_word("review").label == "需审核"


def test_each_registry_pathway_has_one_chinese_name() -> None:
    with translation.override("zh-hans"):
        names = [pathway_name(entry.code) for entry in REGISTRY]

    assert names == [
        "科技准证",
        "海外网络与专才准证（ONE Pass）",
        "海外网络与专才准证（ONE Pass）人工智能与科技类别",
        "就业准证",
        "创业准证",
        "K字签证",
        "中国工作许可",
        "R字签证（高端人才）",
    ]


def test_a_citation_prints_its_title_and_links_to_its_address() -> None:
    assert split_citation("EDB, Apply (undated) https://www.edb.gov.sg/x") == (
        "EDB, Apply (undated)",
        "https://www.edb.gov.sg/x",
    )
    assert split_citation("An undated note") == ("An undated note", "")


def test_the_rules_applied_come_with_their_source_and_check_date(snapshot: dict[str, Any]) -> None:
    view = present(snapshot)

    tech_pass = view.pathways[0]
    assert tech_pass.rule_version == "sg_tech_pass/C_current"
    assert tech_pass.last_verified_on == date(2026, 11, 24)
    assert tech_pass.rule_source


PROFILES_FOR_RESULT_PAGE = {
    "sample": SAMPLE_PROFILE,
    "singapore citizen": {"nationality": "SG", "date_of_birth": "1990-01-01"},
    "no facts": {"nationality": "DE", "date_of_birth": "2001-01-01"},
    "executive": {
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
    },
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PROFILES_FOR_RESULT_PAGE)
def test_a_result_presented_as_worked_out_reads_as_its_snapshot_presented(name: str, language: str) -> None:
    result = assess(
        parse_profile(PROFILES_FOR_RESULT_PAGE[name], default_as_of=SAMPLE_AS_OF), rates=DEFAULT_RATES
    )
    with translation.override(language):
        fresh = present_result(result, evaluation.catalogue())
        stored = present(result.to_data())
    # Each picture has its own element ids; the rest is the same.
    assert replace(fresh, pay_picture=None) == replace(stored, pay_picture=None)
    assert (fresh.pay_picture is None) == (stored.pay_picture is None)
    if fresh.pay_picture is not None and stored.pay_picture is not None:
        assert fresh.pay_picture.text == stored.pay_picture.text
        assert re.sub(r"pic-\d+", "", fresh.pay_picture.svg) == re.sub(r"pic-\d+", "", stored.pay_picture.svg)


def test_templates_read_a_view_by_name_and_a_missing_name_stays_empty(snapshot: dict[str, Any]) -> None:
    view = present(snapshot)
    template = engines["django"].from_string(
        "{{ p.name }}|{{ p.headline.label }}|{{ p.no_such_name }}|{{ p.0 }}"
    )
    tech_pass = view.pathways[0]
    assert template.render({"p": tech_pass}) == escape(f"{tech_pass.name}|{tech_pass.headline.label}||")
