"""Assessment snapshots: run_assessment stores what the engine said, and nothing can change it after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.engine import ENGINE_VERSION, ProfileError
from assessments.models import Assessment, ExchangeRate, ImmutableSnapshotError
from assessments.services import current_rates, outdated_rule_versions, rule_versions_in_force, run_assessment
from tests.applicants.factories import make_applicant, make_case, make_user
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db


def test_run_assessment_stores_inputs_results_rule_versions_and_who_ran_it():
    case = make_case()
    consultant = make_user()
    profile = senior_engineer()

    snap = run_assessment(
        applicant=case.applicant, case=case, profile=profile, as_of=date(2026, 11, 24), created_by=consultant
    )

    snap.refresh_from_db()
    assert snap.inputs == profile
    assert snap.as_of == date(2026, 11, 24)
    assert snap.engine_version == ENGINE_VERSION
    assert snap.created_by == consultant
    assert snap.case == case
    assert [r["pathway"] for r in snap.results["results"]][:2] == ["sg_tech_pass", "sg_one_pass"]
    assert snap.rule_versions["sg_tech_pass"] == "sg_tech_pass/C_current"
    assert snap.rule_versions == rule_versions_in_force(on=date(2026, 11, 24))
    assert snap.outcomes()["sg_tech_pass"] == "eligible"


def test_the_as_of_argument_selects_the_rule_versions_not_the_profiles_own_date():
    applicant = make_applicant()

    snap = run_assessment(applicant=applicant, profile=senior_engineer(), as_of=date(2027, 1, 1))

    assert snap.as_of == date(2027, 1, 1)
    assert snap.inputs["as_of"] == "2026-11-24"  # stored exactly as given
    assert snap.rule_versions["sg_tech_pass"] == "sg_tech_pass/closed_2027"
    assert snap.outcomes()["sg_tech_pass"] == "not_open"
    assert snap.rule_versions["sg_one_pass_ai_tech"] == "sg_one_pass_ai_tech/2027"


def test_an_invalid_profile_is_refused_with_field_paths_and_nothing_is_stored():
    applicant = make_applicant()
    profile = {**senior_engineer(), "hsk_level": 9, "favourite_colour": "blue"}

    with pytest.raises(ProfileError) as raised:
        run_assessment(applicant=applicant, profile=profile, as_of=date(2026, 11, 24))

    assert "hsk_level" in raised.value.errors
    assert "favourite_colour" in raised.value.errors
    assert not Assessment.objects.exists()


def test_a_case_of_another_applicant_is_refused():
    case = make_case()

    with pytest.raises(ValidationError, match="belongs to another applicant"):
        run_assessment(
            applicant=make_applicant(), case=case, profile=senior_engineer(), as_of=date(2026, 11, 24)
        )


def test_a_stored_snapshot_cannot_be_saved_again():
    snap = run_assessment(applicant=make_applicant(), profile=senior_engineer(), as_of=date(2026, 11, 24))
    snap.engine_version = "forged"

    with pytest.raises(ImmutableSnapshotError):
        snap.save()

    assert Assessment.objects.get(pk=snap.pk).engine_version == ENGINE_VERSION


def test_snapshots_cannot_be_bulk_updated():
    run_assessment(applicant=make_applicant(), profile=senior_engineer(), as_of=date(2026, 11, 24))

    with pytest.raises(ImmutableSnapshotError):
        Assessment.objects.update(engine_version="forged")


def test_current_rates_come_from_the_exchange_rate_table_on_the_day():
    ExchangeRate.objects.create(
        base="USD", quote="SGD", rate=Decimal("1.5000"), effective_on=date(2030, 1, 1)
    )

    assert current_rates(date(2030, 1, 2)).rates["USD/SGD"] == Decimal("1.5000")
    assert current_rates(date(2026, 11, 24)).rates["USD/SGD"] != Decimal("1.5000")


def test_a_snapshot_from_2026_is_outdated_on_2027_01_01_for_tech_pass_but_not_for_the_k_visa():
    snap = run_assessment(applicant=make_applicant(), profile=senior_engineer(), as_of=date(2026, 11, 24))

    assert outdated_rule_versions(snap, today=date(2026, 12, 31)) == {}
    outdated = outdated_rule_versions(snap, today=date(2027, 1, 1))
    assert outdated["sg_tech_pass"] == ("sg_tech_pass/C_current", "sg_tech_pass/closed_2027")
    assert "cn_k_visa" not in outdated
    assert outdated_rule_versions(snap, today=date(2027, 1, 1), pathways=["cn_k_visa"]) == {}
