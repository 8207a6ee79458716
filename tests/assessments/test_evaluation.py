"""Evaluating a profile without storing it: worded through one catalogue per language, as the snapshot would be."""

from __future__ import annotations

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
