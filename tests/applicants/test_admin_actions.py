"""Case list actions: each calls a service per case and reports refusals with their reasons."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from applicants.models import Case, CaseStatusChange
from tests.applicants.factories import case_manager, consultant, make_applicant, make_case, staff_login

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applicants_case_changelist")


def _client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def _act(client: Client, action: str, cases: list[Case], **extra: str):
    data = {"action": action, "_selected_action": [c.pk for c in cases], "index": "0", **extra}
    return client.post(CHANGELIST, data, follow=action != "export_csv")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_assign_to_me_takes_cases_from_the_unassigned_queue():
    alice = consultant("alice")
    queue = [make_case(), make_case()]

    response = _act(_client_for(alice), "assign_to_me", queue)

    assert {c.assigned_to_id for c in Case.objects.filter(pk__in=[c.pk for c in queue])} == {alice.pk}
    assert "2 case(s) assigned to you." in _messages(response)


def test_assign_to_me_does_not_reach_a_colleagues_case():
    alice, bob = consultant("alice"), consultant("bob")
    bobs = make_case(assigned_to=bob)

    _act(_client_for(alice), "assign_to_me", [bobs])

    bobs.refresh_from_db()
    assert bobs.assigned_to == bob


def test_a_case_manager_can_take_over_any_case():
    manager, bob = case_manager("manager"), consultant("bob")
    bobs = make_case(assigned_to=bob)

    _act(_client_for(manager), "assign_to_me", [bobs])

    bobs.refresh_from_db()
    assert bobs.assigned_to == manager


def test_move_status_moves_every_case_it_may_and_explains_each_refusal():
    alice = consultant("alice")
    new_one, new_two = make_case(assigned_to=alice), make_case(assigned_to=alice)
    closed = make_case(assigned_to=alice, status=Case.Status.CLOSED)

    response = _act(
        _client_for(alice),
        "move_status",
        [new_one, new_two, closed],
        to_status="in_review",
        comment="triaged",
    )

    statuses = dict(Case.objects.values_list("pk", "status"))
    assert statuses == {new_one.pk: "in_review", new_two.pk: "in_review", closed.pk: "closed"}
    assert CaseStatusChange.objects.filter(comment="triaged", changed_by=alice).count() == 2
    messages = _messages(response)
    assert "2 case(s) moved to “In review”." in messages
    assert any(m.startswith(f"{closed.reference}: ") and "cannot go from" in m for m in messages)


def test_move_status_to_ready_to_file_reports_the_missing_documents():
    alice = consultant("alice")
    case = make_case(assigned_to=alice, status=Case.Status.AWAITING_DOCUMENTS)
    case.documents.create(name="Payslips")

    response = _act(_client_for(alice), "move_status", [case], to_status="ready_to_file")

    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_DOCUMENTS
    assert any("required documents not accepted yet: Payslips" in m for m in _messages(response))


def test_move_status_without_a_target_status_asks_for_one():
    alice = consultant("alice")
    case = make_case(assigned_to=alice)

    response = _act(_client_for(alice), "move_status", [case], to_status="")

    assert "Choose the status to move the cases to." in _messages(response)
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_move_status_with_an_unknown_status_is_refused_cleanly():
    alice = consultant("alice")
    case = make_case(assigned_to=alice)

    response = _act(_client_for(alice), "move_status", [case], to_status="teleported")

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def _csv_rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_lists_the_selected_cases_with_their_key_fields():
    manager = case_manager("manager")
    applicant = make_applicant(full_name="李明", email="li.ming@mail.example", nationality="CN")
    chosen = make_case(
        applicant=applicant,
        pathways=["cn_k_visa", "sg_tech_pass"],
        assigned_to=manager,
        next_action="Send checklist",
        next_action_on=date(2026, 12, 1),
        pass_expires_on=date(2028, 1, 31),
    )
    make_case()  # not selected

    response = _act(_client_for(manager), "export_csv", [chosen])

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 1
    row = rows[0]
    assert row["reference"] == chosen.reference
    assert row["applicant"] == "李明"
    assert row["email"] == "li.ming@mail.example"
    assert row["pathways"] == "cn_k_visa sg_tech_pass"
    assert row["consultant"] == "manager"
    assert row["status"] == "new"
    assert row["late"] == "no"
    assert (row["next_action_due"], row["pass_expires"]) == ("2026-12-01", "2028-01-31")


def test_csv_export_neutralises_spreadsheet_formulas():
    manager = case_manager("manager")
    case = make_case(applicant=make_applicant(full_name='=HYPERLINK("http://evil")'), next_action="+1 call")

    row = _csv_rows(_act(_client_for(manager), "export_csv", [case]))[0]

    assert row["applicant"].startswith("'=")
    assert row["next_action"] == "'+1 call"


def test_csv_export_by_a_consultant_leaves_out_cases_they_cannot_see():
    alice, bob = consultant("alice"), consultant("bob")
    mine, theirs = make_case(assigned_to=alice), make_case(assigned_to=bob)

    rows = _csv_rows(_act(_client_for(alice), "export_csv", [mine, theirs]))

    assert [r["reference"] for r in rows] == [mine.reference]
