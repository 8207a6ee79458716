"""The case page: notes, reminders and document reviews entered inline go through the services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applicants.models import Case, Document
from applicants.services.documents import upload_document
from tests.applicants.adminpost import case_form_data
from tests.applicants.factories import (
    case_manager,
    consultant,
    make_applicant,
    make_case,
    make_document,
    staff_login,
)
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return consultant("alice")


@pytest.fixture
def client(alice) -> Client:
    client = Client()
    staff_login(client, alice)
    return client


def _post(client: Client, case: Case, **inlines):
    return client.post(
        reverse("admin:applicants_case_change", args=[case.pk]), case_form_data(case, **inlines)
    )


def test_case_page_shows_status_target_and_what_blocks_filing(client, alice):
    case = make_case(assigned_to=alice, status=Case.Status.IN_REVIEW)
    make_document(case=case, name="Payslips")

    page = client.get(reverse("admin:applicants_case_change", args=[case.pk])).content.decode()

    assert "In review" in page
    assert "Not yet “Ready to file”:" in page  # the workspace, beside its "Move to" button
    assert "Payslips" in page


def test_a_note_added_on_the_case_page_is_signed_by_its_author(client, alice):
    case = make_case(assigned_to=alice)

    response = _post(client, case, notes=[{"body": "Called the applicant: payslips come Monday."}])

    assert response.status_code == 302
    note = case.notes.get()
    assert note.author == alice
    assert note.body.startswith("Called the applicant")


def test_a_reminder_added_and_then_ticked_off_records_who_did_it(client, alice):
    case = make_case(assigned_to=alice)
    _post(client, case, reminders=[{"title": "Chase degree certificate", "due_on": "2026-12-01"}])
    reminder = case.reminders.get()
    assert (reminder.due_on, reminder.is_done) == (date(2026, 12, 1), False)

    _post(
        client,
        case,
        reminders=[{"id": reminder.pk, "title": reminder.title, "due_on": "2026-12-01", "is_done": "on"}],
    )

    reminder.refresh_from_db()
    assert reminder.is_done
    assert reminder.done_by == alice
    assert reminder.done_at is not None


def test_uploading_a_file_inline_puts_the_item_up_for_review(client, alice, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    case = make_case(assigned_to=alice)
    doc = make_document(case=case, name="Passport bio page")

    _post(
        client,
        case,
        documents=[
            {
                "id": doc.pk,
                "name": doc.name,
                "is_required": "on",
                "file": SimpleUploadedFile("passport.pdf", PDF, content_type="application/pdf"),
            }
        ],
    )

    doc.refresh_from_db()
    assert doc.review_status == Document.Review.UPLOADED
    assert doc.file.name.endswith(".pdf")
    assert doc.uploaded_at is not None


def test_rejecting_a_document_inline_stores_the_reason_the_applicant_sees(client, alice, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    case = make_case(assigned_to=alice)
    doc = make_document(case=case, name="Degree certificate")
    upload_document(document=doc, file=ContentFile(PDF, name="degree.pdf"))

    response = _post(
        client,
        case,
        documents=[
            {
                "id": doc.pk,
                "name": doc.name,
                "is_required": "on",
                "decision": Document.Review.REJECTED,
                "reason": "The scan is cut off; please upload all four corners.",
            }
        ],
    )

    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.review_status == Document.Review.REJECTED
    assert doc.reason_for_applicant == "The scan is cut off; please upload all four corners."
    assert doc.reviewed_by == alice


def test_rejecting_without_a_reason_is_a_form_error_not_a_crash(client, alice):
    case = make_case(assigned_to=alice)
    doc = make_document(case=case, name="Payslips")

    response = _post(
        client,
        case,
        documents=[
            {
                "id": doc.pk,
                "name": doc.name,
                "is_required": "on",
                "decision": Document.Review.REUPLOAD_REQUESTED,
            }
        ],
    )

    assert response.status_code == 200
    assert "Tell the applicant why" in response.content.decode()
    doc.refresh_from_db()
    assert doc.review_status == Document.Review.REQUESTED


def test_a_case_added_by_a_consultant_gets_a_reference_and_is_theirs(client, alice):
    applicant = make_applicant()

    response = client.post(
        reverse("admin:applicants_case_add"),
        {"applicant": applicant.pk, "pathways": ["sg_tech_pass", "cn_k_visa"], "priority": 3},
    )

    assert response.status_code == 302
    case = Case.objects.get(applicant=applicant)
    assert case.reference.startswith("TP-")
    assert case.assigned_to == alice
    assert case.status == Case.Status.NEW
    assert {p.code for p in case.pathways.all()} == {"sg_tech_pass", "cn_k_visa"}


def test_a_case_added_by_a_case_manager_goes_to_the_unassigned_queue():
    manager = case_manager()
    client = Client()
    staff_login(client, manager)
    applicant = make_applicant()

    client.post(
        reverse("admin:applicants_case_add"),
        {"applicant": applicant.pk, "pathways": ["cn_k_visa"], "priority": 2},
    )

    assert Case.objects.get(applicant=applicant).assigned_to is None


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def test_an_uploaded_document_downloads_through_the_case_for_whoever_may_see_it(
    client, alice, private_storage
):
    from auditlog.models import LogEntry

    case = make_case(assigned_to=alice)
    doc = make_document(case=case, name="Passport bio page")
    upload_document(document=doc, file=ContentFile(PDF, name="passport.pdf"))
    url = reverse("admin:applicants_case_document", args=[case.pk, doc.pk])

    page = client.get(reverse("admin:applicants_case_change", args=[case.pk])).content.decode()
    response = client.get(url)

    assert url in page
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    assert LogEntry.objects.get_for_object(doc).filter(action=LogEntry.Action.ACCESS, actor=alice).exists()


def test_another_consultant_cannot_download_the_document(alice, private_storage):
    case = make_case(assigned_to=alice)
    doc = make_document(case=case, name="Passport bio page")
    upload_document(document=doc, file=ContentFile(PDF, name="passport.pdf"))
    bob = Client()
    staff_login(bob, consultant("bob"))

    assert bob.get(reverse("admin:applicants_case_document", args=[case.pk, doc.pk])).status_code == 404


def test_a_document_of_another_case_cannot_be_reached_through_your_own_case(client, alice, private_storage):
    mine, theirs = make_case(assigned_to=alice), make_case(assigned_to=consultant("bob"))
    doc = make_document(case=theirs, name="Payslips")
    upload_document(document=doc, file=ContentFile(PDF, name="pay.pdf"))

    assert client.get(reverse("admin:applicants_case_document", args=[mine.pk, doc.pk])).status_code == 404


def test_a_change_on_the_case_page_is_in_the_audit_log_with_who_made_it(client, alice):
    from auditlog.models import LogEntry

    case = make_case(assigned_to=alice)
    data = case_form_data(case)
    data["priority"] = Case.Priority.URGENT

    client.post(reverse("admin:applicants_case_change", args=[case.pk]), data)

    updates = LogEntry.objects.get_for_object(case).filter(action=LogEntry.Action.UPDATE)
    [entry] = [e for e in updates if "priority" in e.changes_dict]
    assert entry.actor == alice
    assert entry.changes_dict["priority"] == [
        str(Case.Priority.NORMAL.value),
        str(Case.Priority.URGENT.value),
    ]


@pytest.mark.parametrize(
    "query",
    ["?late=maybe", "?expiring=abc", "?pathway=nope", "?assigned_to__id__exact=abc", "?o=99", "?q=%00"],
)
def test_nonsense_in_the_case_list_url_never_crashes(client, query):
    response = client.get(reverse("admin:applicants_case_changelist") + query)

    assert response.status_code in (200, 302, 400)  # a NUL character is a bad request (request_guards)


def test_a_renewal_window_after_the_expiry_is_a_form_error(client, alice):
    case = make_case(assigned_to=alice)
    data = case_form_data(case)
    data.update(pass_expires_on="2027-06-30", renewal_window_opens_on="2027-07-01")

    response = client.post(reverse("admin:applicants_case_change", args=[case.pk]), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.pass_expires_on is None


def test_an_applicant_email_taken_in_another_capitalisation_is_a_form_error(client):
    make_applicant(email="Li.Ming@Mail.example")

    response = client.post(
        reverse("admin:applicants_applicant_add"),
        {
            "full_name": "Li Ming",
            "email": "li.ming@mail.example",
            "preferred_language": "zh-hans",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "cases-TOTAL_FORMS": "0",
            "cases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
