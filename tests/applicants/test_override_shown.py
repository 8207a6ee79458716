"""A consultant's override is what the applicant reads in the portal; staff see it and the engine's own."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from applicants.models import Case
from applicants.services.cases import override_recommendation, presented_override
from tests.applicants.factories import consultant, staff_login
from tests.applicants.portal_helpers import open_portal
from tests.letters.factories import case_with_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def test_the_portals_result_shows_the_consultants_choice_and_reason(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = Case.objects.get(applicant=applicant)
    url = reverse("applicants:portal-case", args=[case.reference])
    before = client.get(url).context["result"].advice
    assert before is not None
    assert not before.is_override
    override_recommendation(
        case=case,
        pathways=["cn_work_permit"],
        reason="Your employer in Shanghai sponsors it.",
        by=consultant(),
    )

    advice = client.get(url).context["result"].advice

    assert advice.is_override
    assert advice.recommended.code == "cn_work_permit"
    assert advice.reasons == ("Your employer in Shanghai sponsors it.",)


def test_the_portals_reassessment_keeps_the_consultants_choice(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = Case.objects.get(applicant=applicant)
    override_recommendation(case=case, pathways=["cn_work_permit"], reason="Sponsored.", by=consultant())
    latest = applicant.assessments.latest_first().first()
    assert latest is not None
    assert latest.case == case

    advice = client.get(reverse("applicants:portal-reassess")).context["result"].advice

    assert (advice.is_override, advice.recommended.code) == (True, "cn_work_permit")


def test_several_chosen_routes_are_presented_by_the_first_in_the_contracts_order() -> None:
    case, _, adviser = case_with_snapshot()
    override_recommendation(
        case=case, pathways=["cn_work_permit", "sg_employment_pass"], reason="Either.", by=adviser
    )

    presented = presented_override(case)

    assert presented is not None
    assert (presented.pathway, presented.reason, presented.consultant) == (
        "sg_employment_pass",
        "Either.",
        "Priya Raman",
    )


def test_staff_see_the_consultants_choice_and_the_engines_recommendation(client: Client) -> None:
    case, snapshot, adviser = case_with_snapshot()
    override_recommendation(
        case=case, pathways=["cn_work_permit"], reason="Employer sponsors it.", by=adviser
    )
    staff_login(client, adviser)

    html = client.get(reverse("admin:assessments_assessment_change", args=[snapshot.pk])).content.decode()

    assert "Consultant's recommendation (shown to the applicant): China work permit, by Priya Raman." in html
    assert "Employer sponsors it." in html
    assert "The engine's recommendation (kept in the snapshot): " in html


def test_without_an_override_staff_see_the_engines_recommendation(client: Client) -> None:
    _case, snapshot, adviser = case_with_snapshot()
    staff_login(client, adviser)

    html = client.get(reverse("admin:assessments_assessment_change", args=[snapshot.pk])).content.decode()

    assert "The engine's recommendation: " in html
    assert "Consultant's recommendation" not in html
