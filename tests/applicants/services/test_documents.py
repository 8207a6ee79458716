"""The checklist services: item names, uploads, and the review rule written once in `check_review`."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from applicants.errors import AccessDenied
from applicants.models import Document
from applicants.services.documents import (
    accept_document,
    add_checklist_item,
    check_review,
    reject_document,
    remove_checklist_item,
    request_reupload,
    review_document,
    update_checklist_item,
    upload_document,
)
from tests.applicants.factories import case_manager, consultant, make_case, make_document
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db

Review = Document.Review


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


@pytest.mark.parametrize(
    ("decision", "reason", "has_file", "field"),
    [
        (Review.REJECTED, "", True, "reason"),
        (Review.REJECTED, "   ", True, "reason"),
        (Review.REUPLOAD_REQUESTED, "", True, "reason"),
        (Review.ACCEPTED, "", False, "decision"),
        (Review.UPLOADED, "", True, "decision"),
        ("approve", "", True, "decision"),
    ],
)
def test_the_review_rule_refuses_with_the_field_at_fault(decision, reason, has_file, field):
    with pytest.raises(ValidationError) as refused:
        check_review(decision=decision, reason=reason, has_file=has_file)

    assert list(refused.value.message_dict) == [field]


@pytest.mark.parametrize(
    ("decision", "reason", "has_file"),
    [
        (Review.ACCEPTED, "", True),
        (Review.REJECTED, "The scan is cut off.", True),
        (Review.REJECTED, "Nothing uploaded is readable.", False),
        (Review.REUPLOAD_REQUESTED, "Upload all three months.", True),
    ],
)
def test_the_review_rule_allows_a_reasoned_refusal_and_an_acceptance_with_a_file(decision, reason, has_file):
    check_review(decision=decision, reason=reason, has_file=has_file)


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(storage):
    owner = consultant()
    document = make_document(case=make_case(assigned_to=owner))
    upload_document(document=document, file=ContentFile(PDF, name="a.pdf"))

    with pytest.raises(ValidationError, match="Tell the applicant why"):
        reject_document(document=document, by=owner, reason=" ")

    document.refresh_from_db()
    assert document.review_status == Review.UPLOADED


def test_accepting_an_item_with_no_file_is_refused():
    owner = consultant()
    document = make_document(case=make_case(assigned_to=owner))

    with pytest.raises(ValidationError, match="There is no file to accept yet"):
        accept_document(document=document, by=owner)


def test_a_re_upload_request_keeps_the_reason_the_applicant_reads(storage):
    owner = consultant()
    document = make_document(case=make_case(assigned_to=owner))
    upload_document(document=document, file=ContentFile(PDF, name="a.pdf"))

    request_reupload(document=document, by=owner, reason="  Upload all three months.  ")

    document.refresh_from_db()
    assert (document.review_status, document.reason_for_applicant, document.reviewed_by) == (
        Review.REUPLOAD_REQUESTED,
        "Upload all three months.",
        owner,
    )


def test_review_document_records_the_named_decision(storage):
    owner = consultant()
    document = make_document(case=make_case(assigned_to=owner))
    upload_document(document=document, file=ContentFile(PDF, name="a.pdf"))

    review_document(document=document, by=owner, decision=Review.ACCEPTED)

    document.refresh_from_db()
    assert document.is_accepted


def test_a_colleague_outside_the_case_cannot_review_it(storage):
    document = make_document(case=make_case(assigned_to=consultant()))
    upload_document(document=document, file=ContentFile(PDF, name="a.pdf"))

    with pytest.raises(AccessDenied):
        accept_document(document=document, by=consultant())


def test_a_new_upload_replaces_the_file_and_deletes_the_old_one_after_commit(
    storage, django_capture_on_commit_callbacks
):
    document = make_document(case=make_case())
    upload_document(document=document, file=ContentFile(PDF, name="first.pdf"))
    first = storage / document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        upload_document(document=document, file=ContentFile(PDF, name="second.pdf"))

    assert not first.exists()
    assert (storage / document.file.name).exists()


def test_an_upload_that_fails_validation_keeps_the_stored_file(storage, django_capture_on_commit_callbacks):
    document = make_document(case=make_case())
    upload_document(document=document, file=ContentFile(PDF, name="first.pdf"))
    stored = document.file.name

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        upload_document(document=document, file=ContentFile(b"not a pdf", name="x.pdf"))

    document.refresh_from_db()
    assert document.file.name == stored
    assert (storage / stored).exists()


def test_an_item_name_is_unique_on_its_case_in_any_capitals():
    case = make_case()
    add_checklist_item(case=case, name="Payslips")

    with pytest.raises(ValidationError, match="already lists"):
        add_checklist_item(case=case, name=" PAYSLIPS ")
    add_checklist_item(case=make_case(), name="Payslips")  # another case may list it


def test_renaming_an_item_checks_the_same_rule_but_not_against_itself():
    owner = consultant()
    case = make_case(assigned_to=owner)
    add_checklist_item(case=case, name="Payslips")
    letter = add_checklist_item(case=case, name="Employer letter")

    update_checklist_item(document=letter, by=owner, name="EMPLOYER LETTER", is_required=False)
    with pytest.raises(ValidationError, match="already lists"):
        update_checklist_item(document=letter, by=owner, name="payslips", is_required=False)

    letter.refresh_from_db()
    assert (letter.name, letter.is_required) == ("EMPLOYER LETTER", False)


def test_only_a_case_manager_removes_an_item_and_its_file_goes_too(
    storage, django_capture_on_commit_callbacks
):
    owner = consultant()
    document = make_document(case=make_case(assigned_to=owner))
    upload_document(document=document, file=ContentFile(PDF, name="a.pdf"))
    stored = storage / document.file.name

    with pytest.raises(AccessDenied):
        remove_checklist_item(document=document, by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        remove_checklist_item(document=document, by=case_manager())

    assert not Document.objects.filter(pk=document.pk).exists()
    assert not stored.exists()
