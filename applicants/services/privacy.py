"""The staff-approved data-protection writes: an applicant asks (`portal.request_data`), staff approve,
we carry out.

Erasure anonymises the person and keeps their cases as anonymous statistics (status, pathways,
dates, status history without comments); it deletes their files, advice letters, consultations, messages
(with their attachments), notes, reminders, answers saved to continue later,
assessment snapshots, portal account and login records, and scrubs the audit log's copies of their data while
keeping who did what when. The approval itself is logged with the approving staff member.
"""

from __future__ import annotations

import logging

from auditlog.context import disable_auditlog, set_actor
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Applicant,
    CaseStatusChange,
    ConsentRecord,
    DataRequest,
    Document,
    IntakeDraft,
    Message,
    Note,
    PendingSubmission,
    Reminder,
)
from ..privacy.export import build_archive, log_entries_about, subject_objects
from .files import delete_files_on_commit

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased applicant"
ERASED_REPR = "[erased]"


@transaction.atomic
def approve_data_request(*, request: DataRequest, by: User) -> DataRequest:
    """Carry out an open request: build and keep the export archive, or erase the person.

    Raises ValidationError when the request was completed already.
    """
    request = DataRequest.objects.select_for_update().select_related("applicant").get(pk=request.pk)
    if request.completed_at is not None:
        raise ValidationError(_("This request was completed already."))
    if request.kind == DataRequest.Kind.EXPORT:
        archive = build_archive(request.applicant)
        request.archive.save(f"export-{request.pk}.zip", ContentFile(archive), save=False)
    else:
        erase_applicant(applicant=request.applicant)
        request.refresh_from_db(fields=["applicant"])
    with set_actor(by):
        request.completed_at = timezone.now()
        request.completed_by = by
        request.save(update_fields=["completed_at", "completed_by", "archive"])
    logger.info("data request %s (%s) completed by user %s", request.pk, request.kind, by.pk)
    return request


@transaction.atomic
def erase_applicant(*, applicant: Applicant) -> Applicant:
    """Anonymise `applicant` and delete everything personal about them (see the module docstring).

    Files are deleted from storage once the transaction commits. Safe to run twice.
    """
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    subjects = subject_objects(applicant)
    cases = applicant.cases.all()
    documents = Document.objects.filter(case__applicant=applicant)
    files = [d.file.name for d in documents if d.file]
    messages = Message.objects.filter(case__applicant=applicant)
    attachments = list(messages.exclude(attachment="").values_list("attachment", flat=True))
    archives = [r.archive.name for r in applicant.data_requests.exclude(archive="")]
    for storage, names in (
        (Document.file.field.storage, files),
        (Message.attachment.field.storage, attachments),
        (DataRequest.archive.field.storage, archives),
    ):
        delete_files_on_commit(storage, names)
    # Advice letters and consultations (`letters`, `bookings`: a layer above) through the cases' reverse
    # relations.
    cases_with_letters = list(cases.prefetch_related("advice_letters", "appointments"))
    for letter in (letter for case in cases_with_letters for letter in case.advice_letters.all()):
        delete_files_on_commit(letter.file.storage, [letter.file.name or ""])

    # Written without audit entries of their own: an entry's diff would keep the very data erased.
    with disable_auditlog():
        _scrub_logs(applicant, subjects)
        documents.delete()
        messages.delete()
        for case in cases_with_letters:
            case.advice_letters.all().delete()  # before the snapshots they were written from
            case.appointments.all().delete()
        Note.objects.filter(case__in=cases).delete()
        Reminder.objects.filter(case__in=cases).delete()
        CaseStatusChange.objects.filter(case__in=cases).update(comment="")
        cases.update(next_action="")
        applicant.assessments.all().delete()
        applicant.data_requests.exclude(archive="").update(archive="")
        ConsentRecord.objects.filter(applicant=applicant, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        # Assessments saved under their address and never confirmed go too.
        PendingSubmission.objects.filter(email__iexact=applicant.email).delete()
        IntakeDraft.objects.filter(email__iexact=applicant.email).delete()
        user = applicant.user
        applicant.full_name = ERASED_NAME
        applicant.email = f"erased-{applicant.pk}@erased.invalid"
        applicant.phone = ""
        applicant.nationality = ""
        applicant.date_of_birth = None
        applicant.passport_last4 = ""
        applicant.user = None
        applicant.erased_at = applicant.erased_at or timezone.now()
        applicant.save()
        if user is not None:
            AccessAttempt.objects.filter(username__iexact=user.username).delete()
            AccessLog.objects.filter(username__iexact=user.username).delete()
            AccessFailureLog.objects.filter(username__iexact=user.username).delete()
            user.delete()
    logger.info("applicant %s erased", applicant.pk)
    return applicant


def _scrub_logs(applicant: Applicant, subjects: dict[type, list[int]]) -> None:
    """Keep who did what when to the person's records; drop the copies of their data in the logs."""
    entries = log_entries_about(applicant)
    if applicant.user_id is not None:
        entries.filter(actor_id=applicant.user_id).update(remote_addr=None, actor_email=None)
    entries.update(
        object_repr=ERASED_REPR, changes=None, changes_text="", serialized_data=None, additional_data=None
    )
    condition = Q(pk__in=[])
    for model, ids in subjects.items():
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=content_type, object_id__in=[str(i) for i in ids])
    AdminLogEntry.objects.filter(condition).update(object_repr=ERASED_REPR, change_message="")
