"""Everything we hold about one person, as data.json plus their files (uploaded documents, message
attachments, advice letters), for an approved export.

Records are serialised field by field from the models (`record`), so a field added to a model later
is exported without anyone remembering to add it here; tests check every field is present.

Advice letters and booked consultations belong to apps a layer above this one (`letters`, `bookings`):
they are reached through the case's reverse relations `advice_letters` and `appointments` (records on
the person's case, which the database ties there), never imported.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from assessments.models import Assessment

from ..models import (
    Applicant,
    Case,
    CaseStatusChange,
    ConsentRecord,
    DataRequest,
    Document,
    Message,
    Note,
    Reminder,
)

# Internal keys that say nothing about the person.
_SKIPPED = {"id", "applicant", "case", "user"}


def _value(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    value = getattr(instance, field.name)
    if isinstance(field, models.FileField):
        return PurePosixPath(value.name).name if value else None
    if isinstance(field, models.ForeignKey):
        return str(value) if value is not None else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(instance: models.Model) -> dict[str, Any]:
    """Every concrete field of `instance` but its internal keys, as JSON-ready values."""
    return {
        field.name: _value(instance, field)
        for field in instance._meta.concrete_fields
        if field.name not in _SKIPPED
    }


def document_path(document: Document) -> str:
    """Where a document's file sits inside the export archive."""
    return f"documents/{document.case.reference}/{document.pk}-{PurePosixPath(document.file.name).name}"


def attachment_path(message: Message) -> str:
    """Where a message's attachment sits inside the export archive."""
    return f"messages/{message.case.reference}/{message.pk}-{PurePosixPath(message.attachment.name).name}"


def letter_path(case: Case, file: FieldFile) -> str:
    """Where an advice letter's PDF sits inside the export archive."""
    return f"letters/{case.reference}/{PurePosixPath(file.name or '').name}"


def _case(case: Case) -> dict[str, Any]:
    return {
        **record(case),
        "pathways": sorted(p.code for p in case.pathways.all()),
        "status_history": [record(change) for change in case.status_changes.all()],
        # Internal notes are the consultants' working notes, "never shown to the applicant": the
        # archive is handed to the applicant, so they stay out (a case manager answering a request
        # that must include them reads them in the admin).
        "reminders": [record(reminder) for reminder in case.reminders.all()],
        "documents": [
            {**record(d), "file": document_path(d) if d.file else None} for d in case.documents.all()
        ],
        # The conversation with the consultancy, both sides (it was written to and by the applicant).
        "messages": [
            {**record(m), "attachment": attachment_path(m) if m.attachment else None}
            for m in case.messages.all()
        ],
        "assessments": [record(a) for a in case.assessments.all()],
        "advice_letters": [
            {**record(letter), "file": letter_path(case, letter.file) if letter.file else None}
            for letter in case.advice_letters.all()
        ],
        # Consultations booked, moved or cancelled, with the time zone the applicant chose.
        "consultations": [record(appointment) for appointment in case.appointments.all()],
    }


def subject_objects(applicant: Applicant) -> dict[type[models.Model], list[int]]:
    """Model → primary keys of every record about `applicant` (for the access log and erasure)."""
    cases = list(applicant.cases.prefetch_related("advice_letters", "appointments"))
    case_ids = [case.pk for case in cases]
    letters: dict[type[models.Model], list[int]] = {}
    for case in cases:
        for record_above in (*case.advice_letters.all(), *case.appointments.all()):
            letters.setdefault(type(record_above), []).append(record_above.pk)
    return {
        Applicant: [applicant.pk],
        Case: case_ids,
        Document: list(Document.objects.filter(case__in=case_ids).values_list("pk", flat=True)),
        Assessment: list(Assessment.objects.filter(applicant=applicant).values_list("pk", flat=True)),
        **letters,
        **{
            model: list(model._default_manager.filter(**{lookup: value}).values_list("pk", flat=True))
            for model, lookup, value in _related(applicant, case_ids)
        },
    }


def _related(applicant: Applicant, case_ids: list[int]) -> list[tuple[type[models.Model], str, Any]]:
    return [
        (ConsentRecord, "applicant", applicant.pk),
        (DataRequest, "applicant", applicant.pk),
        (Note, "case__in", case_ids),
        (Reminder, "case__in", case_ids),
        (Message, "case__in", case_ids),
        (CaseStatusChange, "case__in", case_ids),
    ]


def log_entries_about(applicant: Applicant) -> models.QuerySet[LogEntry]:
    """Audit-log entries (changes, views, downloads) of any record about `applicant`."""
    condition = models.Q(pk__in=[])
    for model, ids in subject_objects(applicant).items():
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            condition |= models.Q(content_type=content_type, object_id__in=ids)
    entries: models.QuerySet[LogEntry] = LogEntry.objects.filter(condition)
    return entries


def collect(applicant: Applicant) -> dict[str, Any]:
    """The export's data.json: the person, their account, consents, cases (with everything on them),
    assessments, data requests, and who accessed their records when."""
    user = applicant.user
    cases = applicant.cases.prefetch_related(
        "pathways",
        "status_changes",
        "reminders",
        "documents",
        "messages",
        "assessments",
        "advice_letters",
        "appointments",
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "applicant": record(applicant),
        "portal_account": None
        if user is None
        else {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [record(c) for c in applicant.consents.all()],
        "cases": [_case(case) for case in cases],
        "assessments_without_case": [record(a) for a in applicant.assessments.filter(case__isnull=True)],
        "data_requests": [record(r) for r in applicant.data_requests.all()],
        "access_log": [
            {
                "at": entry.timestamp.isoformat(),
                "by": str(entry.actor) if entry.actor else None,
                "action": entry.get_action_display(),
                "record": f"{entry.content_type.model} {entry.object_id}",
            }
            for entry in log_entries_about(applicant).select_related("actor", "content_type")
        ],
    }


def build_archive(applicant: Applicant) -> bytes:
    """A zip of data.json and every file uploaded for the applicant or attached to their messages."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(collect(applicant), ensure_ascii=False, indent=2, default=str)
        )
        for document in (
            Document.objects.filter(case__applicant=applicant).exclude(file="").select_related("case")
        ):
            with document.file.open("rb") as handle:
                archive.writestr(document_path(document), handle.read())
        for message in (
            Message.objects.filter(case__applicant=applicant).exclude(attachment="").select_related("case")
        ):
            with message.attachment.open("rb") as handle:
                archive.writestr(attachment_path(message), handle.read())
        for case in applicant.cases.prefetch_related("advice_letters"):
            for letter in case.advice_letters.all():
                if letter.file:
                    with letter.file.open("rb") as handle:
                        archive.writestr(letter_path(case, letter.file), handle.read())
    return buffer.getvalue()
