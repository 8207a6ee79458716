"""Secure messages on a case: sending from each side, the rule for a message and its attachment, the
e-mail notice without the words, unread counts, reading, the audit trail and the case scope."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from applicants.errors import AccessDenied
from applicants.models import Message
from applicants.services.cases import add_note, delete_case
from applicants.services.messages import (
    check_message,
    mark_read_by_applicant,
    mark_read_by_staff,
    send_message_as_applicant,
    send_message_as_staff,
    unread_count_for_applicant,
    unread_count_for_staff,
)
from applicants.services.people import create_applicant
from applicants.services.privacy import erase_applicant
from outbox.models import OutboxMessage
from tests.applicants.factories import case_manager, consultant, make_case
from tests.applicants.portal_helpers import PDF, PNG

pytestmark = pytest.mark.django_db

SECRET = "My passport number is E1234567 and my salary is 14,000"


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
def cast():
    """An applicant with a portal account, their case assigned to a consultant, and a colleague who
    works on other cases only."""
    user = User.objects.create_user("mei@mail.example", email="mei@mail.example")
    applicant = create_applicant(
        full_name="Mei Tan", email="mei@mail.example", user=user, preferred_language="zh-hans"
    )
    worker = consultant("worker", first_name="Ravi", last_name="Kumar")
    case = make_case(applicant=applicant, assigned_to=worker)
    outsider = consultant("outsider")
    make_case(assigned_to=outsider)
    return applicant, case, worker, outsider


def _script_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- The rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"), [("", "empty"), ("  \n\t ", "empty"), ("x" * (Message.MAX_LENGTH + 1), "too_long")]
)
def test_an_empty_or_too_long_message_is_refused_beside_the_message_field(body, code):
    with pytest.raises(ValidationError) as refused:
        check_message(body=body)

    assert list(refused.value.message_dict) == ["body"]
    assert refused.value.error_dict["body"][0].code == code


def test_a_message_at_the_limit_is_accepted_trimmed():
    assert check_message(body=f"  {'x' * Message.MAX_LENGTH}\n") == "x" * Message.MAX_LENGTH


# --- Sending ----------------------------------------------------------------------------------------


def test_the_applicant_sends_a_message_and_the_consultant_is_emailed_without_its_words(
    cast, celery_eager, django_capture_on_commit_callbacks
):
    applicant, case, worker, _outsider = cast

    with django_capture_on_commit_callbacks(execute=True):
        message = send_message_as_applicant(applicant=applicant, case=case, body=f"  {SECRET}  ")

    assert (message.side, message.sender, message.body) == ("applicant", applicant.user, SECRET)
    (notice,) = mail.outbox
    assert notice.to == [worker.email]
    assert case.reference in notice.subject
    assert f"/admin/applicants/case/{case.pk}/messages/" in notice.body
    assert "E1234567" not in f"{notice.subject} {notice.body}"
    assert "14,000" not in f"{notice.subject} {notice.body}"


def test_a_message_on_an_unassigned_case_notifies_the_consultancy_address(
    cast, celery_eager, django_capture_on_commit_callbacks, settings
):
    applicant, case, _worker, _outsider = cast
    case.assigned_to = None
    case.save()

    with django_capture_on_commit_callbacks(execute=True):
        send_message_as_applicant(applicant=applicant, case=case, body="Hello?")

    assert [m.to for m in mail.outbox] == [[settings.CONSULTANCY_NOTIFY_EMAIL]]


def test_the_consultants_reply_is_emailed_to_the_applicant_in_their_language_without_its_words(
    cast, celery_eager, django_capture_on_commit_callbacks
):
    _applicant, case, worker, _outsider = cast

    with django_capture_on_commit_callbacks(execute=True):
        send_message_as_staff(case=case, by=worker, body=SECRET)

    (notice,) = mail.outbox
    assert notice.to == ["mei@mail.example"]
    assert "新消息" in notice.subject
    assert f"/zh-hans/portal/cases/{case.reference}/messages/" in notice.body
    assert "E1234567" not in f"{notice.subject} {notice.body}"


def test_the_notice_goes_through_the_outbox_after_the_commit(cast):
    applicant, case, _worker, _outsider = cast

    message = send_message_as_applicant(applicant=applicant, case=case, body="Hello")

    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("applicants.notify_new_message", [message.pk])
    ]


def test_an_applicant_cannot_write_on_another_applicants_case(cast):
    _applicant, case, _worker, _outsider = cast
    stranger = create_applicant(full_name="Other Person", email="other@mail.example")

    with pytest.raises(AccessDenied):
        send_message_as_applicant(applicant=stranger, case=case, body="Hello")

    assert not Message.objects.exists()


def test_a_consultant_outside_the_case_scope_can_neither_write_nor_read(cast):
    applicant, case, _worker, outsider = cast
    send_message_as_applicant(applicant=applicant, case=case, body="Hello")

    with pytest.raises(AccessDenied):
        send_message_as_staff(case=case, by=outsider, body="Not my case")
    with pytest.raises(AccessDenied):
        mark_read_by_staff(case=case, by=outsider)

    assert Message.objects.count() == 1
    assert unread_count_for_staff(case=case) == 1


def test_a_case_manager_may_write_on_any_case(cast):
    _applicant, case, _worker, _outsider = cast

    message = send_message_as_staff(case=case, by=case_manager("boss"), body="Hello from the office")

    assert message.side == "consultancy"


def test_nobody_writes_to_an_erased_applicant(cast):
    applicant, case, worker, _outsider = cast
    erase_applicant(applicant=applicant)

    with pytest.raises(ValidationError) as refused:
        send_message_as_staff(case=case, by=worker, body="Hello")

    assert list(refused.value.message_dict) == ["body"]


# --- Attachments ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 an executable", "PDF, JPEG or PNG"),
        (PDF[: len(PDF) // 2], "incomplete or damaged"),
        (_script_pdf(), "JavaScript"),
    ],
)
def test_an_attachment_goes_through_the_same_checks_as_a_document(cast, storage, content, words):
    applicant, case, _worker, _outsider = cast

    with pytest.raises(ValidationError) as refused:
        send_message_as_applicant(
            applicant=applicant, case=case, body="See attached", attachment=ContentFile(content, name="x.pdf")
        )

    assert list(refused.value.message_dict) == ["attachment"]
    assert words.lower() in " ".join(refused.value.message_dict["attachment"]).lower()
    assert not Message.objects.exists()
    assert not list(storage.rglob("*.*"))


def test_a_good_attachment_is_stored_under_a_random_name_with_the_type_its_bytes_prove(cast, storage):
    _applicant, case, worker, _outsider = cast

    message = send_message_as_staff(
        case=case, by=worker, body="The form", attachment=ContentFile(PNG, name="Mei Tan passport.pdf")
    )

    assert message.attachment.name.startswith("case-messages/")
    assert message.attachment.name.endswith(".png")
    assert "Mei" not in message.attachment.name
    assert message.attachment.read() == PNG


def test_deleting_a_case_deletes_its_message_attachments(cast, storage, django_capture_on_commit_callbacks):
    applicant, case, _worker, _outsider = cast
    send_message_as_applicant(
        applicant=applicant, case=case, body="x", attachment=ContentFile(PDF, name="a.pdf")
    )
    assert len(list(storage.rglob("*.pdf"))) == 1

    with django_capture_on_commit_callbacks(execute=True):
        delete_case(case=case, by=case_manager("boss"))

    assert not list(storage.rglob("*.pdf"))
    assert not Message.objects.exists()


# --- Unread and read --------------------------------------------------------------------------------


def test_unread_counts_are_kept_per_side_and_reading_marks_only_the_other_sides_messages(cast):
    applicant, case, worker, _outsider = cast
    other_case = make_case(applicant=applicant, assigned_to=worker)
    send_message_as_applicant(applicant=applicant, case=case, body="One")
    send_message_as_applicant(applicant=applicant, case=case, body="Two")
    send_message_as_staff(case=case, by=worker, body="Three")
    send_message_as_staff(case=other_case, by=worker, body="Four")

    assert unread_count_for_staff(case=case) == 2
    assert unread_count_for_applicant(applicant=applicant, case=case) == 1
    assert unread_count_for_applicant(applicant=applicant) == 2

    assert mark_read_by_applicant(applicant=applicant, case=case) == 1

    assert unread_count_for_applicant(applicant=applicant, case=case) == 0
    assert unread_count_for_applicant(applicant=applicant) == 1  # the other case's stays unread
    assert unread_count_for_staff(case=case) == 2  # the applicant reading changes nothing for staff
    assert mark_read_by_staff(case=case, by=worker) == 2
    assert unread_count_for_staff(case=case) == 0
    assert mark_read_by_staff(case=case, by=worker) == 0  # reading again marks nothing


def test_an_applicant_cannot_mark_another_applicants_messages_read(cast):
    _applicant, case, worker, _outsider = cast
    send_message_as_staff(case=case, by=worker, body="Hello")
    stranger = create_applicant(full_name="Other Person", email="other@mail.example")

    with pytest.raises(AccessDenied):
        mark_read_by_applicant(applicant=stranger, case=case)

    assert case.messages.get().read_at is None


# --- The audit trail --------------------------------------------------------------------------------


def test_sending_and_reading_are_in_the_audit_log_without_the_words(cast):
    applicant, case, worker, _outsider = cast
    message = send_message_as_staff(case=case, by=worker, body=SECRET)
    mark_read_by_applicant(applicant=applicant, case=case)

    entries = LogEntry.objects.get_for_object(message).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert "read_at" in entries[1].changes_dict
    assert "body" not in entries[0].changes_dict
    assert "E1234567" not in str([entry.changes for entry in entries])


def test_internal_notes_stay_out_of_the_conversation(cast):
    _applicant, case, worker, _outsider = cast
    add_note(case=case, author=worker, body="Staff only")

    assert not case.messages.exists()
