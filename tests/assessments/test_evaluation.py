"""Evaluating a profile without storing it: worded through one catalogue per language, as the snapshot would be."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from assessments import evaluation
from assessments.engine import assess, render_assessment
from assessments.models import ExchangeRate
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db


def test_each_language_has_one_catalogue_for_the_process() -> None:
    assert evaluation.catalogue("zh-hans") is evaluation.catalogue("zh-hans")
    assert evaluation.catalogue("zh-hans") is not evaluation.catalogue("en")
    with translation.override("zh-hans"):
        assert evaluation.catalogue() is evaluation.catalogue("zh-hans")


def test_a_catalogue_holds_the_translations_of_its_language_whatever_language_is_active() -> None:
    with translation.override("en"):
        assert evaluation.catalogue("zh-hans").templates["not given"] == "未提供"
    with translation.override("zh-hans"):
        assert evaluation.catalogue("en").templates["not given"] == "not given"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_evaluation_reads_as_its_snapshot_rendered_in_the_active_language(language: str) -> None:
    profile = evaluation.parse(senior_engineer())
    rates = ExchangeRate.objects.rates_on(profile.as_of)
    with translation.override(language):
        snapshot_rendered = render_assessment(assess(profile, rates=rates).to_data(), gettext)
        assert evaluation.evaluate(profile) == snapshot_rendered


@pytest.mark.parametrize("as_of", ["2026-12-02", "2027-01-01"])
def test_the_outcomes_alone_are_those_of_the_full_snapshot(as_of: str) -> None:
    profile = evaluation.parse({**senior_engineer(), "as_of": as_of})
    snapshot = evaluation.snapshot_data(profile)
    assert evaluation.outcomes(profile) == {r["pathway"]: r["outcome"] for r in snapshot["results"]}


@pytest.mark.parametrize(("max_age_days", "named"), [(46, False), (45, True)])
def test_a_salary_converted_at_a_stored_rate_older_than_the_setting_names_the_rate_date(
    settings: Any, max_age_days: int, named: bool
) -> None:
    settings.EXCHANGE_RATE_MAX_AGE_DAYS = max_age_days
    # The only rate, of 1 Oct 2026, is 46 days old on 16 Nov 2026.
    ExchangeRate.objects.all().delete()
    ExchangeRate.objects.create(base="USD", quote="SGD", rate=Decimal("1.30"), effective_on=date(2026, 10, 1))
    profile = evaluation.parse(
        {"as_of": "2026-11-16", "monthly_fixed_salary": {"amount": "30000", "currency": "USD"}}
    )
    with translation.override("zh-hans"):
        result = evaluation.evaluate(profile)
    tech_pass = next(r for r in result["results"] if r["pathway"] == "sg_tech_pass")
    salary = next(c for c in tech_pass["criteria"] if c["code"] == "salary")
    assert ("按 2026-10-01 的汇率约 S$39,000）" in salary["actual"]) is named
