"""Roles in the admin: what each role sees and may open, enforced by the server, not only the UI."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from applicants.models import Applicant, Case
from assessments.models import Assessment
from tests.applicants.factories import (
    case_manager,
    consultant,
    make_applicant,
    make_case,
    make_user,
    snapshot,
    staff_login,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applicants_case_changelist")


def _change_url(case: Case) -> str:
    return reverse("admin:applicants_case_change", args=[case.pk])


def _client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def _listed(response) -> set[str]:
    return {case.reference for case in response.context["cl"].result_list}


@pytest.fixture
def cast():
    alice, bob = consultant("alice"), consultant("bob")
    return {
        "alice": alice,
        "bob": bob,
        "manager": case_manager("manager"),
        "alices": make_case(assigned_to=alice),
        "bobs": make_case(assigned_to=bob),
        "queue": make_case(),
    }


def test_consultant_list_shows_their_cases_and_the_unassigned_queue_only(cast):
    response = _client_for(cast["alice"]).get(CHANGELIST)

    assert response.status_code == 200
    assert _listed(response) == {cast["alices"].reference, cast["queue"].reference}


def test_case_manager_list_shows_every_case(cast):
    response = _client_for(cast["manager"]).get(CHANGELIST)

    assert _listed(response) == {cast[k].reference for k in ("alices", "bobs", "queue")}


def test_superuser_list_shows_every_case(cast):
    root = make_user("root", is_superuser=True)

    response = _client_for(root).get(CHANGELIST)

    assert _listed(response) == {cast[k].reference for k in ("alices", "bobs", "queue")}


def test_consultant_opening_another_consultants_case_gets_404(cast):
    client = _client_for(cast["alice"])

    assert client.get(_change_url(cast["bobs"])).status_code == 404
    assert client.get(reverse("admin:applicants_case_history", args=[cast["bobs"].pk])).status_code == 404
    assert client.get(reverse("admin:applicants_case_auditlog", args=[cast["bobs"].pk])).status_code == 404


def test_consultant_cannot_change_another_consultants_case_by_posting(cast):
    response = _client_for(cast["alice"]).post(
        _change_url(cast["bobs"]), {"applicant": cast["bobs"].applicant_id, "priority": 4}
    )

    assert response.status_code == 404
    cast["bobs"].refresh_from_db()
    assert cast["bobs"].priority == Case.Priority.NORMAL


def test_consultant_opens_their_own_case_and_the_queue(cast):
    client = _client_for(cast["alice"])

    assert client.get(_change_url(cast["alices"])).status_code == 200
    assert client.get(_change_url(cast["queue"])).status_code == 200


def test_consultant_cannot_delete_even_their_own_case(cast):
    client = _client_for(cast["alice"])

    response = client.post(reverse("admin:applicants_case_delete", args=[cast["alices"].pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Case.objects.filter(pk=cast["alices"].pk).exists()


def test_case_manager_may_delete_a_case(cast):
    client = _client_for(cast["manager"])

    response = client.post(reverse("admin:applicants_case_delete", args=[cast["bobs"].pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Case.objects.filter(pk=cast["bobs"].pk).exists()


def test_staff_without_a_role_cannot_see_cases(cast):
    nobody = make_user("nobody")

    assert _client_for(nobody).get(CHANGELIST).status_code == 403


def test_consultant_sees_applicants_of_visible_cases_and_new_intake_only(cast):
    intake = make_applicant(full_name="Walk In")

    response = _client_for(cast["alice"]).get(reverse("admin:applicants_applicant_changelist"))

    listed = {a.pk for a in response.context["cl"].result_list}
    assert listed == {cast["alices"].applicant_id, cast["queue"].applicant_id, intake.pk}
    other = reverse("admin:applicants_applicant_change", args=[cast["bobs"].applicant_id])
    assert _client_for(cast["alice"]).get(other).status_code == 404


def test_consultant_sees_only_assessments_of_their_cases(cast):
    mine, theirs = snapshot(cast["alices"]), snapshot(cast["bobs"])
    client = _client_for(cast["alice"])

    response = client.get(reverse("admin:assessments_assessment_changelist"))

    assert {a.pk for a in response.context["cl"].result_list} == {mine.pk}
    assert client.get(reverse("admin:assessments_assessment_change", args=[theirs.pk])).status_code == 404


def test_assessment_snapshots_are_read_only_in_the_admin(cast):
    shot = snapshot(cast["alices"])
    client = _client_for(make_user("root", is_superuser=True))

    page = client.get(reverse("admin:assessments_assessment_change", args=[shot.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:assessments_assessment_add")).status_code == 403
    client.post(reverse("admin:assessments_assessment_change", args=[shot.pk]), {"engine_version": "forged"})
    assert Assessment.objects.get(pk=shot.pk).engine_version == "test"


def test_opening_a_case_page_is_written_to_the_audit_log(cast):
    from auditlog.models import LogEntry

    _client_for(cast["alice"]).get(_change_url(cast["alices"]))

    entry = LogEntry.objects.get_for_object(cast["alices"]).filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == cast["alice"]


def test_the_applicant_passport_number_is_kept_as_its_last_four_characters(cast):
    client = _client_for(cast["manager"])
    applicant = cast["alices"].applicant

    response = client.post(
        reverse("admin:applicants_applicant_change", args=[applicant.pk]),
        {
            "full_name": applicant.full_name,
            "email": applicant.email,
            "nationality": "de",
            "preferred_language": "en",
            "passport_number": "c01x 00t6-8",
            **_empty_inlines(),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    applicant.refresh_from_db()
    assert applicant.passport_last4 == "0T68"
    assert applicant.nationality == "DE"
    assert "C01X00T68" not in str(Applicant.objects.filter(pk=applicant.pk).values().get())


def _empty_inlines() -> dict[str, str]:
    data = {}
    for prefix in ("consents", "cases"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("alpha", {"a"}),  # name, anywhere
        ("ALPHA ONE", {"a"}),  # every word must match
        ("beta.two@", {"b"}),  # e-mail from the start
        ("two@", set()),  # …but not from the middle
        ("zzz", set()),
        ("Sharma", {"c"}),  # a six-letter name that could also be a bare reference code
    ],
)
def test_case_search_matches_names_anywhere_and_emails_from_the_start(term, expected):
    manager = case_manager("manager")
    cases = {
        "a": make_case(applicant=make_applicant(full_name="Alpha One", email="alpha.one@mail.example")),
        "b": make_case(applicant=make_applicant(full_name="Beta Two", email="beta.two@mail.example")),
        "c": make_case(applicant=make_applicant(full_name="Priya Sharma", email="p.s@mail.example")),
    }

    response = _client_for(manager).get(CHANGELIST, {"q": term})

    found = {c.reference for c in response.context["cl"].result_list}
    assert found == {cases[k].reference for k in expected}


def test_case_search_finds_a_reference_with_or_without_prefix_in_any_case():
    manager = case_manager("manager")
    case, other = make_case(reference="TP-7K3M9Q"), make_case(reference="TP-7K3M22")
    client = _client_for(manager)

    for term in ("TP-7K3M9Q", "tp-7k3m9q", "7K3M9Q"):
        assert [c.pk for c in client.get(CHANGELIST, {"q": term}).context["cl"].result_list] == [case.pk]
    partial = {c.pk for c in client.get(CHANGELIST, {"q": "TP-7K3M"}).context["cl"].result_list}
    assert partial == {case.pk, other.pk}
