"""The pathway registry is the one list of pathways: contract order, one name each, facts, rules, evaluator."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.engine import (
    COUNTRIES,
    DEFAULT_RATES,
    PATHWAY_CODES,
    REGISTRY,
    PathwayEntry,
    assess,
    parse_profile,
    pathway,
)
from assessments.engine.descriptions import DESCRIPTIONS

CONTRACT_ORDER = (
    "sg_tech_pass",
    "sg_one_pass",
    "sg_one_pass_ai_tech",
    "sg_employment_pass",
    "sg_entrepass",
    "cn_k_visa",
    "cn_work_permit",
    "cn_r_visa",
)


def test_the_registry_lists_the_contract_pathways_in_contract_order() -> None:
    assert PATHWAY_CODES == CONTRACT_ORDER
    assert tuple(d.code for d in DESCRIPTIONS) == CONTRACT_ORDER


def test_an_assessment_has_one_result_per_registry_entry_in_its_order() -> None:
    profile = parse_profile({"as_of": "2026-11-24"}, default_as_of=date(2026, 11, 24))

    assessment = assess(profile, rates=DEFAULT_RATES)

    assert [r.pathway for r in assessment.results] == [e.code for e in REGISTRY]


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.code)
def test_each_entry_has_its_country_name_facts_and_own_rule_book(entry: PathwayEntry) -> None:
    assert entry.country in COUNTRIES
    assert entry.code.startswith(f"{entry.country}_")
    assert entry.name
    assert entry.facts.validity
    assert entry.facts.allows
    assert entry.facts.catch
    assert entry.book.pathway == entry.code
    assert all(v.pathway == entry.code for v in entry.book.versions)
    assert pathway(entry.code) is entry


def test_every_pathway_has_its_own_name() -> None:
    names = [e.name for e in REGISTRY]
    assert len(set(names)) == len(names)


def test_a_summary_names_the_pathway_by_its_registry_name() -> None:
    profile = parse_profile({"as_of": "2026-11-24"}, default_as_of=date(2026, 11, 24))

    data = assess(profile, rates=DEFAULT_RATES).to_data()

    named = [r for r in data["results"] if "pathway" in r["summary"]["params"]]
    assert len(named) >= 6  # the K visa words its own summaries
    for result in named:
        assert result["summary"]["params"]["pathway"] == {"id": pathway(result["pathway"]).name, "params": {}}


def test_an_unknown_code_is_not_a_pathway() -> None:
    with pytest.raises(KeyError):
        pathway("us_h1b")
