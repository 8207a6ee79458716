"""Export holds everything about a person; erasure leaves nothing personal but the anonymous case
statistics, and the audit shows who approved it; the retention schedule purges what is past its
period and reports it; staff can see who accessed a person's data between two dates."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applicants.models import (
    Applicant,
    Case,
    CaseStatusChange,
    ConsentRecord,
    DataRequest,
    Document,
    IntakeDraft,
    Message,
    Reminder,
    RetentionRun,
)
from applicants.services import transitions
from applicants.services.cases import add_note, add_reminder
from applicants.services.documents import add_checklist_item, upload_document
from applicants.services.messages import send_message_as_applicant, send_message_as_staff
from applicants.services.people import create_applicant, record_consent
from applicants.services.portal import request_data
from applicants.services.privacy import approve_data_request
from applicants.services.retention import enforce_retention
from assessments.models import Assessment
from assessments.services import run_assessment
from bookings.models import Appointment
from letters.models import AdviceLetter
from tests.applicants.factories import case_manager, consultant, make_case, staff_login
from tests.applicants.portal_helpers import PDF
from tests.assessments.profiles import senior_engineer

from .conftest import ready_letter

pytestmark = pytest.mark.django_db

# Values that exist only in this person's records, searched for across the whole database afterwards.
PERSONAL = [
    "Wilhelmina Quasthoff",
    "wilhelmina.q@mail.example",
    "+65 9123 4567",
    "1987-02-13",
    "Chase Wilhelmina for the notarised degree",
    "Indian Institute of Technology Bombay",
    "Wilhelmina's employer letter",
    "Wilhelmina asks whether a notarised copy will do",
    "Dear Wilhelmina, a notarised copy is fine",
]


def _everything(manager: User, worker: User) -> Applicant:
    user = User.objects.create_user(
        "wilhelmina.q@mail.example", email="wilhelmina.q@mail.example", password="x"
    )
    applicant = create_applicant(
        full_name="Wilhelmina Quasthoff",
        email="wilhelmina.q@mail.example",
        nationality="IN",
        date_of_birth=date(1987, 2, 13),
        phone="+65 9123 4567",
        passport_number="Z8812345",
        user=user,
    )
    record_consent(
        applicant=applicant,
        text_version="2026-11-24",
        for_assessment=True,
        for_consultation=True,
        for_cross_border_transfer=True,
    )
    case = make_case(applicant=applicant, assigned_to=worker, next_action="Call about the degree certificate")
    run_assessment(
        applicant=applicant, case=case, profile=senior_engineer(), as_of=date(2026, 11, 24), created_by=worker
    )
    add_note(case=case, author=worker, body="Prefers calls after six, mentions her sister in Shenzhen")
    add_reminder(
        case=case, title="Chase Wilhelmina for the notarised degree", due_on=date(2026, 12, 1), by=worker
    )
    document = add_checklist_item(case=case, name="Wilhelmina's employer letter")
    upload_document(document=document, file=ContentFile(PDF, name="letter.pdf"))
    send_message_as_applicant(
        applicant=applicant,
        case=case,
        body="Wilhelmina asks whether a notarised copy will do",
        attachment=ContentFile(PDF, name="copy.pdf"),
    )
    send_message_as_staff(case=case, by=worker, body="Dear Wilhelmina, a notarised copy is fine")
    transitions.start_review(case=case, by=worker, comment="Wilhelmina called, all fine")
    ready_letter(case, by=worker)
    Appointment.objects.create(
        case=case,
        consultant=worker,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, minutes=30),
        applicant_time_zone="Europe/Amsterdam",
        video_link="https://meet.example/wilhelmina",
    )
    return applicant


@pytest.fixture
def person(celery_eager) -> tuple[Applicant, User, User]:
    manager, worker = case_manager("dpo"), consultant("worker")
    return _everything(manager, worker), manager, worker


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _fields(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} - {"id", "applicant", "case", "user"}


def test_the_export_holds_every_field_of_every_record_about_the_person(person) -> None:
    applicant, manager, _worker = person
    request = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )

    archive = zipfile.ZipFile(io.BytesIO(request.archive.read()))
    data = json.loads(archive.read("data.json"))

    (case_data,) = data["cases"]
    sections: list[tuple[type[models.Model], list[dict[str, Any]]]] = [
        (Applicant, [data["applicant"]]),
        (ConsentRecord, data["consents"]),
        (Case, [case_data]),
        (Reminder, case_data["reminders"]),
        (Document, case_data["documents"]),
        (Message, case_data["messages"]),
        (CaseStatusChange, case_data["status_history"]),
        (Assessment, case_data["assessments"]),
        (AdviceLetter, case_data["advice_letters"]),
        (Appointment, case_data["consultations"]),
        (DataRequest, data["data_requests"]),
    ]
    for model, records in sections:
        assert records, model
        for record in records:
            assert _fields(model) <= set(record), (model, _fields(model) - set(record))
    text = json.dumps(data, ensure_ascii=False)
    for value in PERSONAL:
        assert value in text, value
    assert data["applicant"]["passport_last4"] == "2345"
    assert data["portal_account"]["username"] == "wilhelmina.q@mail.example"
    assert case_data["assessments"][0]["inputs"]["monthly_fixed_salary"] == {
        "amount": "24000",
        "currency": "SGD",
    }
    (document,) = case_data["documents"]
    assert archive.read(document["file"]) == PDF
    (letter,) = case_data["advice_letters"]
    assert archive.read(letter["file"]) == PDF  # the stored letter PDF
    # The conversation, both sides, with the attachment's file in the archive.
    asked, answered = case_data["messages"]
    assert (asked["side"], answered["side"]) == ("applicant", "consultancy")
    assert archive.read(asked["attachment"]) == PDF
    assert answered["attachment"] is None
    # The consultation booked, in the zone the applicant chose.
    (consultation,) = case_data["consultations"]
    assert consultation["applicant_time_zone"] == "Europe/Amsterdam"


def test_erasure_leaves_no_personal_field_file_letter_or_snapshot_and_keeps_anonymous_statistics(
    person, private_storage: Path, django_capture_on_commit_callbacks
) -> None:
    applicant, manager, _worker = person
    export = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )
    AccessAttempt.objects.create(
        username=applicant.email, ip_address="10.0.0.1", user_agent="x", failures_since_start=1
    )
    client = staff_login(Client(), manager)
    client.get(reverse("admin:applicants_applicant_change", args=[applicant.pk]))  # an access to keep
    # Answers they once saved to continue later, under the same address.
    IntakeDraft.objects.create(
        email=applicant.email.upper(),
        preferred_language="en",
        answers={"pay": {"monthly_fixed_salary": "24000"}},
        consent_text_version="1",
        expires_at=timezone.now() + timedelta(days=14),
    )
    # The document, the message's attachment, the letter, the export archive.
    assert len(_files(private_storage)) == 4
    case = applicant.cases.get()

    with django_capture_on_commit_callbacks(execute=True):
        deletion = approve_data_request(
            request=request_data(applicant=applicant, kind=DataRequest.Kind.DELETION), by=manager
        )

    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue()
    dump += json.dumps(json.loads(dump), ensure_ascii=False)  # also with non-ASCII characters unescaped
    for value in PERSONAL:
        assert value not in dump, value
    assert "Z8812345" not in dump
    assert "wilhelmina" not in dump.lower()
    assert _files(private_storage) == []
    assert not Assessment.objects.filter(applicant=applicant).exists()
    assert not AdviceLetter.objects.filter(case__applicant=applicant).exists()
    assert not Message.objects.filter(case__applicant=applicant).exists()
    assert not Appointment.objects.filter(case__applicant=applicant).exists()
    assert not IntakeDraft.objects.exists()
    assert not User.objects.filter(username="wilhelmina.q@mail.example").exists()
    assert not AccessAttempt.objects.exists()
    # The anonymous statistics stay: the case, its status, pathways, dates and status history.
    case_after = Case.objects.get(pk=case.pk)
    assert case_after.status == Case.Status.IN_REVIEW
    assert list(case_after.pathways.values_list("code", flat=True)) == ["sg_tech_pass"]
    assert case_after.status_changes.count() == 1
    erased = Applicant.objects.get(pk=applicant.pk)
    assert erased.erased_at is not None
    assert erased.full_name == "Erased applicant"
    # Who did what stays; what it showed is gone.
    assert LogEntry.objects.filter(
        actor=manager, action=LogEntry.Action.ACCESS, object_id=applicant.pk
    ).exists()
    export.refresh_from_db()
    assert not export.archive
    # The audit shows who approved the erasure.
    assert deletion.completed_by == manager
    approval = LogEntry.objects.get_for_object(deletion).filter(action=LogEntry.Action.UPDATE).get()
    assert approval.actor == manager
    assert "completed_by" in approval.changes_dict


def test_an_erased_person_can_no_longer_sign_in_or_be_found_in_the_portal(person) -> None:
    applicant, manager, _worker = person
    portal = Client()
    portal.force_login(applicant.user)

    approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.DELETION), by=manager
    )

    assert portal.get(reverse("applicants:portal-home")).status_code == 302


def test_a_request_is_carried_out_once(person) -> None:
    from django.core.exceptions import ValidationError

    applicant, manager, _worker = person
    request = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )

    with pytest.raises(ValidationError):
        approve_data_request(request=request, by=manager)


def test_case_managers_approve_requests_from_the_admin_and_consultants_cannot(person) -> None:
    applicant, manager, worker = person
    request = request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT)
    changelist = reverse("admin:applicants_datarequest_changelist")
    action = {"action": "approve", "_selected_action": [request.pk]}

    assert staff_login(Client(), worker).post(changelist, action).status_code == 403
    response = staff_login(Client(), manager).post(changelist, action)

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.completed_by == manager
    assert request.archive


# --- Retention -------------------------------------------------------------------------------------


def _finished_long_ago(applicant: Applicant, *, years: int, worker: User) -> Case:
    case = applicant.cases.get()
    transitions.request_documents(case=case, by=worker)
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED, status_changed_at=timezone.now() - timedelta(days=365 * years)
    )
    return case


def test_retention_erases_people_whose_cases_finished_past_the_period_and_reports_it(
    person, django_capture_on_commit_callbacks, private_storage: Path
) -> None:
    applicant, _manager, worker = person
    recent = create_applicant(full_name="Recent Person", email="recent@mail.example")
    make_case(applicant=recent, assigned_to=worker)
    _finished_long_ago(applicant, years=7, worker=worker)

    with django_capture_on_commit_callbacks(execute=True):
        run = enforce_retention(now=timezone.now())

    assert run.purged["finished_case_people"] == 1
    assert Applicant.objects.get(pk=applicant.pk).erased_at is not None
    assert Applicant.objects.get(pk=recent.pk).erased_at is None
    assert _files(private_storage) == []
    assert RetentionRun.objects.get() == run
    assert enforce_retention(now=timezone.now()).purged["finished_case_people"] == 0  # nothing left


def test_retention_periods_are_configurable(person, settings) -> None:
    applicant, manager, worker = person
    _finished_long_ago(applicant, years=2, worker=worker)
    export = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )
    DataRequest.objects.filter(pk=export.pk).update(completed_at=timezone.now() - timedelta(days=10))
    AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", user_agent="x", failures_since_start=1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=100))

    run = enforce_retention(now=timezone.now())
    assert run.purged["finished_case_people"] == 0  # 2 years < 6 years by default
    # Files go 1 year after the decision: the document and the message's attachment.
    assert run.purged["finished_case_documents"] == 2
    assert not Message.objects.exclude(attachment="").exists()
    assert Message.objects.count() == 2  # the words stay until the person is erased
    assert run.purged["data_exports"] == 0
    assert run.purged["login_attempts"] == 1

    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "data_exports": 7}
    assert enforce_retention(now=timezone.now()).purged["data_exports"] == 1
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "finished_case_people": 365}
    assert enforce_retention(now=timezone.now()).purged["finished_case_people"] == 1


def test_the_retention_beat_job_is_scheduled_daily(settings) -> None:
    assert settings.CELERY_BEAT_SCHEDULE["enforce-retention"]["task"] == "applicants.enforce_retention"


# --- Access log ------------------------------------------------------------------------------------


def test_staff_see_who_accessed_a_persons_data_between_two_dates(person) -> None:
    applicant, manager, worker = person
    case = applicant.cases.get()
    document = case.documents.get()
    consultant_client = staff_login(Client(), worker)
    consultant_client.get(reverse("admin:applicants_case_change", args=[case.pk]))
    consultant_client.get(reverse("admin:applicants_case_document", args=[case.pk, document.pk]))
    portal = Client()
    portal.force_login(applicant.user)
    portal.get(reverse("applicants:portal-document", args=[document.pk]))
    today = timezone.localdate()
    url = reverse("admin:applicants_applicant_access_log", args=[applicant.pk])
    manager_client = staff_login(Client(), manager)

    page = manager_client.get(url, {"start": today.isoformat(), "end": today.isoformat()}).content.decode()

    assert "worker" in page
    assert "wilhelmina.q@mail.example" in page
    summary = page.split("Every access")[0]
    assert "<td>worker</td><td>1</td><td>1</td>" in summary  # one page viewed, one file downloaded
    earlier = manager_client.get(url, {"start": "2020-01-01", "end": "2020-12-31"}).content.decode()
    assert "Nobody accessed this person" in earlier


def test_the_access_log_page_rejects_bad_dates_clearly_and_is_for_case_managers_only(person) -> None:
    applicant, manager, worker = person
    url = reverse("admin:applicants_applicant_access_log", args=[applicant.pk])

    backwards = staff_login(Client(), manager).get(url, {"start": "2026-12-01", "end": "2026-01-01"})
    nonsense = staff_login(Client(), manager).get(url, {"start": "yesterday", "end": "'; drop table"})

    assert backwards.status_code == 200
    assert "must not be after" in backwards.content.decode()
    assert nonsense.status_code == 200
    assert "Enter a valid date" in nonsense.content.decode()
    assert staff_login(Client(), worker).get(url).status_code == 403
