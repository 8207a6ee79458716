"""The case services: opening and updating a case, reminders and notes, deleting, importing in bulk."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from applicants.errors import AccessDenied
from applicants.models import Applicant, Case, Document, Reminder
from applicants.services.cases import (
    ImportedCase,
    add_note,
    add_reminder,
    complete_reminder,
    delete_case,
    delete_note,
    delete_reminder,
    import_cases,
    open_case,
    reopen_reminder,
    update_case,
    update_reminder,
)
from applicants.services.documents import upload_document
from tests.applicants.factories import case_manager, consultant, make_applicant, make_case, make_document
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db


def _update(case: Case, *, by: User, **changes: Any) -> Case:
    fields: dict[str, Any] = {
        "pathways": [p.code for p in case.pathways.all()],
        "priority": case.priority,
        "next_action": case.next_action,
        "next_action_on": case.next_action_on,
        "pass_expires_on": case.pass_expires_on,
        "renewal_window_opens_on": case.renewal_window_opens_on,
    }
    fields.update(changes)
    return update_case(case=case, by=by, **fields)


def test_a_new_case_may_carry_its_pass_dates():
    case = open_case(
        applicant=make_applicant(),
        pathways=["sg_tech_pass"],
        pass_expires_on=date(2027, 6, 30),
        renewal_window_opens_on=date(2026, 12, 31),
    )

    case.refresh_from_db()
    assert (case.status, case.pass_expires_on, case.renewal_window_opens_on) == (
        Case.Status.NEW,
        date(2027, 6, 30),
        date(2026, 12, 31),
    )


def test_updating_a_case_with_a_renewal_window_after_the_expiry_is_refused():
    owner = consultant()
    case = make_case(assigned_to=owner)

    with pytest.raises(ValidationError):
        _update(case, by=owner, pass_expires_on=date(2027, 6, 30), renewal_window_opens_on=date(2027, 7, 1))

    case.refresh_from_db()
    assert case.pass_expires_on is None


def test_updating_a_case_changes_its_fields_and_pathways_but_not_its_status():
    owner = consultant()
    case = make_case(assigned_to=owner, status=Case.Status.IN_REVIEW, pathways=["sg_tech_pass"])

    _update(case, by=owner, pathways=["cn_k_visa"], priority=Case.Priority.URGENT, next_action=" Call ")

    case.refresh_from_db()
    assert {p.code for p in case.pathways.all()} == {"cn_k_visa"}
    assert (case.priority, case.next_action, case.status) == (
        Case.Priority.URGENT,
        "Call",
        Case.Status.IN_REVIEW,
    )


def test_updating_someone_elses_case_is_refused():
    case = make_case(assigned_to=consultant())

    with pytest.raises(AccessDenied):
        _update(case, by=consultant(), priority=Case.Priority.LOW)


def test_updating_to_an_unknown_pathway_is_refused():
    owner = consultant()
    case = make_case(assigned_to=owner)

    with pytest.raises(ValidationError, match="Unknown pathway"):
        _update(case, by=owner, pathways=["mars_visa"])


def test_a_reminder_is_reworded_ticked_off_and_reopened_by_the_services():
    owner = consultant()
    reminder = add_reminder(
        case=make_case(assigned_to=owner), title="Call", due_on=date(2026, 12, 1), by=owner
    )

    reminder = update_reminder(
        reminder=reminder, title=" Call the employer ", due_on=date(2026, 12, 2), by=owner
    )
    done = complete_reminder(reminder=reminder, by=owner)
    again = complete_reminder(reminder=reminder, by=consultant(is_superuser=True))

    assert (reminder.title, reminder.due_on) == ("Call the employer", date(2026, 12, 2))
    assert (again.done_by, again.done_at) == (owner, done.done_at)  # idempotent: the first tick stays
    reopened = reopen_reminder(reminder=reminder, by=owner)
    assert (reopened.is_done, reopened.done_at, reopened.done_by) == (False, None, None)


def test_a_reminder_cannot_be_reworded_to_nothing():
    owner = consultant()
    reminder = add_reminder(
        case=make_case(assigned_to=owner), title="Call", due_on=date(2026, 12, 1), by=owner
    )

    with pytest.raises(ValidationError, match="Say what has to be done"):
        update_reminder(reminder=reminder, title="  ", due_on=date(2026, 12, 1), by=owner)


def test_only_a_case_manager_deletes_reminders_and_notes():
    owner = consultant()
    case = make_case(assigned_to=owner)
    reminder = add_reminder(case=case, title="Call", due_on=date(2026, 12, 1), by=owner)
    note = add_note(case=case, author=owner, body="Spoke to the employer.")

    with pytest.raises(AccessDenied):
        delete_reminder(reminder=reminder, by=owner)
    with pytest.raises(AccessDenied):
        delete_note(note=note, by=owner)
    manager = case_manager()
    delete_reminder(reminder=reminder, by=manager)
    delete_note(note=note, by=manager)

    assert not Reminder.objects.exists()
    assert not case.notes.exists()


def test_deleting_a_case_deletes_its_files_after_commit_and_only_for_a_case_manager(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    owner = consultant()
    case = make_case(assigned_to=owner)
    document = upload_document(document=make_document(case=case), file=ContentFile(PDF, name="a.pdf"))
    stored = tmp_path / document.file.name

    with pytest.raises(AccessDenied):
        delete_case(case=case, by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        delete_case(case=case, by=case_manager())

    assert not Case.objects.exists()
    assert not Document.objects.exists()
    assert not stored.exists()


def _imported(n: int, **fields: Any) -> ImportedCase:
    values: dict[str, Any] = {
        "full_name": f"Person {n}",
        "email": f"person{n}@mail.example",
        "nationality": "SG",
        "date_of_birth": date(1990, 1, 1),
        "preferred_language": "en",
        "passport_last4": "1234",
        "status": Case.Status.SUBMITTED,
        "status_changed_at": timezone.now(),
        "assigned_to": None,
        "priority": Case.Priority.NORMAL,
        "pathways": ("sg_tech_pass", "cn_k_visa"),
    }
    values.update(fields)
    return ImportedCase(**values)


def test_importing_cases_keeps_them_as_they_stand_with_fresh_references():
    owner = consultant()

    cases = import_cases(rows=[_imported(1, assigned_to=owner), _imported(2)])

    assert Applicant.objects.count() == Case.objects.count() == 2
    assert len({case.reference for case in cases}) == 2
    first = Case.objects.get(applicant__email="person1@mail.example")
    assert (first.status, first.assigned_to) == (Case.Status.SUBMITTED, owner)
    assert {p.code for p in first.pathways.all()} == {"sg_tech_pass", "cn_k_visa"}
    assert not first.status_changes.exists()


def test_importing_an_unknown_pathway_imports_nothing():
    with pytest.raises(ValidationError, match="Unknown pathway"):
        import_cases(rows=[_imported(1), _imported(2, pathways=("mars_visa",))])

    assert not Applicant.objects.exists()
