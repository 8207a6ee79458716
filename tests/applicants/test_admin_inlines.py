"""The case page's inline rows (checklist, reminders, notes) are saved through the services: the
rules those services keep hold on the case page too, and the admin's history still says what changed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applicants.models import Case, Document, Reminder
from applicants.services.cases import add_reminder, complete_reminder
from applicants.services.documents import upload_document
from tests.applicants.adminpost import case_form_data
from tests.applicants.factories import case_manager, consultant, make_case, make_document, staff_login
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def alice():
    return consultant("alice")


def _client(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def _post(client: Client, case: Case, **inlines):
    return client.post(
        reverse("admin:applicants_case_change", args=[case.pk]), case_form_data(case, **inlines)
    )


def _row(document: Document, **fields: Any) -> dict[str, Any]:
    return {"id": document.pk, "name": document.name, "is_required": "on", **fields}


def _history(case: Case) -> str:
    entry = AdminLogEntry.objects.filter(object_id=str(case.pk)).latest("action_time")
    return str(entry.get_change_message())


def test_rejecting_without_a_reason_shows_the_rule_on_the_case_page_and_saves_nothing(alice, storage):
    case = make_case(assigned_to=alice)
    document = make_document(case=case, name="Payslips")
    upload_document(document=document, file=ContentFile(PDF, name="pay.pdf"))

    response = _post(_client(alice), case, documents=[_row(document, decision=Document.Review.REJECTED)])

    assert response.status_code == 200
    assert "Tell the applicant why, in words they will understand." in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == Document.Review.UPLOADED
    assert document.reviewed_by is None


def test_accepting_an_item_without_a_file_shows_the_rule_on_the_case_page(alice):
    case = make_case(assigned_to=alice)
    document = make_document(case=case, name="Passport bio page")

    response = _post(_client(alice), case, documents=[_row(document, decision=Document.Review.ACCEPTED)])

    assert response.status_code == 200
    assert "There is no file to accept yet." in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == Document.Review.REQUESTED


def test_a_file_uploaded_and_accepted_in_one_save_is_accepted_by_whoever_saved(alice, storage):
    case = make_case(assigned_to=alice)
    document = make_document(case=case, name="Degree certificate")
    upload = SimpleUploadedFile("degree.pdf", PDF, content_type="application/pdf")

    response = _post(
        _client(alice), case, documents=[_row(document, file=upload, decision=Document.Review.ACCEPTED)]
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.review_status == Document.Review.ACCEPTED
    assert document.reviewed_by == alice
    assert _history(case) == "Changed File and your decision for document “Degree certificate”."


def test_replacing_a_file_on_the_case_page_deletes_the_old_one_from_storage(
    alice, storage, django_capture_on_commit_callbacks
):
    case = make_case(assigned_to=alice)
    document = make_document(case=case, name="Payslips")
    upload_document(document=document, file=ContentFile(PDF, name="first.pdf"))
    old = storage / document.file.name
    assert old.exists()

    with django_capture_on_commit_callbacks(execute=True):
        _post(
            _client(alice),
            case,
            documents=[
                _row(document, file=SimpleUploadedFile("second.pdf", PDF, content_type="application/pdf"))
            ],
        )

    document.refresh_from_db()
    assert not old.exists()
    assert (storage / document.file.name).exists()


def test_renaming_an_item_to_one_the_case_lists_in_other_capitals_is_a_form_error(alice):
    case = make_case(assigned_to=alice)
    make_document(case=case, name="Payslips")
    other = make_document(case=case, name="Employer letter")

    response = _post(_client(alice), case, documents=[_row(other, name="PAYSLIPS")])

    assert response.status_code == 200
    assert "This case already lists" in response.content.decode()
    other.refresh_from_db()
    assert other.name == "Employer letter"


def test_two_new_rows_naming_the_same_item_are_refused_together_with_a_message(alice):
    case = make_case(assigned_to=alice)
    client = _client(alice)

    response = _post(
        client,
        case,
        documents=[{"name": "Payslips", "is_required": "on"}, {"name": "payslips", "is_required": "on"}],
        notes=[{"body": "Asked for payslips."}],
    )

    assert response.status_code == 302
    assert not case.documents.exists()
    assert not case.notes.exists()  # the whole save was rolled back, not half of it
    page = client.get(response["Location"]).content.decode()
    assert "This case already lists" in page


def test_a_case_manager_removes_a_checklist_item_and_its_file_is_deleted(
    storage, django_capture_on_commit_callbacks
):
    manager = case_manager()
    case = make_case(assigned_to=consultant())
    document = make_document(case=case, name="Old contract")
    upload_document(document=document, file=ContentFile(PDF, name="contract.pdf"))
    stored = storage / document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(_client(manager), case, documents=[_row(document, DELETE="on")])

    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not stored.exists()
    assert "Deleted document “Old contract”." in _history(case)


def test_a_consultant_cannot_remove_a_checklist_item_by_posting_delete(alice):
    case = make_case(assigned_to=alice)
    document = make_document(case=case, name="Passport bio page")

    _post(_client(alice), case, documents=[_row(document, DELETE="on")])

    assert Document.objects.filter(pk=document.pk).exists()


def test_editing_a_reminder_reschedules_it_and_the_history_says_so(alice):
    case = make_case(assigned_to=alice)
    reminder = add_reminder(case=case, title="Chase degree certificate", due_on=date(2026, 12, 1), by=alice)

    response = _post(
        _client(alice),
        case,
        reminders=[{"id": reminder.pk, "title": "Chase the degree certificate", "due_on": "2026-12-08"}],
    )

    assert response.status_code == 302
    reminder.refresh_from_db()
    assert (reminder.title, reminder.due_on, reminder.is_done) == (
        "Chase the degree certificate",
        date(2026, 12, 8),
        False,
    )
    assert _history(case) == "Changed Task and Due for reminder “Chase the degree certificate”."


def test_unticking_a_done_reminder_reopens_it(alice):
    case = make_case(assigned_to=alice)
    reminder = complete_reminder(
        reminder=add_reminder(case=case, title="Book the call", due_on=date(2026, 12, 1), by=alice), by=alice
    )

    _post(
        _client(alice),
        case,
        reminders=[{"id": reminder.pk, "title": reminder.title, "due_on": "2026-12-01"}],
    )

    reminder.refresh_from_db()
    assert (reminder.is_done, reminder.done_at, reminder.done_by) == (False, None, None)


def test_a_case_manager_deletes_a_reminder_on_the_case_page():
    manager = case_manager()
    case = make_case()
    reminder = add_reminder(case=case, title="Obsolete", due_on=date(2026, 12, 1), by=manager)

    _post(
        _client(manager),
        case,
        reminders=[{"id": reminder.pk, "title": reminder.title, "due_on": "2026-12-01", "DELETE": "on"}],
    )

    assert not Reminder.objects.filter(pk=reminder.pk).exists()


def test_changing_the_pathways_on_the_case_page_is_recorded_in_the_history(alice):
    case = make_case(assigned_to=alice, pathways=["sg_tech_pass"])
    data = case_form_data(case)
    data["pathways"] = ["sg_tech_pass", "cn_k_visa"]

    response = _client(alice).post(reverse("admin:applicants_case_change", args=[case.pk]), data)

    assert response.status_code == 302
    assert {p.code for p in case.pathways.all()} == {"sg_tech_pass", "cn_k_visa"}
    assert "Changed" in _history(case)


def test_a_case_manager_deleting_a_case_deletes_its_uploaded_files(
    storage, django_capture_on_commit_callbacks
):
    manager = case_manager()
    case = make_case()
    document = make_document(case=case, name="Passport bio page")
    upload_document(document=document, file=ContentFile(PDF, name="passport.pdf"))
    stored = storage / document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(manager).post(
            reverse("admin:applicants_case_delete", args=[case.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not stored.exists()
