"""The retention schedule: how long each category of personal data is kept, enforced daily.

Periods come from RETENTION_DAYS (settings; a day count per category). `enforce_retention` purges
what is past its period, records the counts in a `RetentionRun` (staff see them in the admin) and
logs them. Safe to run twice: a second run finds nothing more to purge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from ..models import (
    CLOSED_STATUSES,
    DECIDED_STATUSES,
    Applicant,
    Case,
    DataRequest,
    Document,
    IntakeDraft,
    Message,
    RetentionRun,
)
from .files import delete_files_on_commit
from .privacy import erase_applicant

logger = logging.getLogger(__name__)

FINISHED_STATUSES = (*DECIDED_STATUSES, *CLOSED_STATUSES)

# Category → what it covers, for the operations notes and the admin (the periods are settings).
CATEGORIES: dict[str, str] = {
    "finished_case_people": "people whose every case was decided or closed this long ago: erased",
    "people_without_case": "people who never had a case, this long after they were recorded: erased",
    "finished_case_documents": "uploaded files (documents, message attachments) of cases decided or closed this long ago",
    "data_exports": "export archives handed to applicants, this long after approval",
    "audit_log": "audit-log entries (changes, views, downloads) older than this",
    "login_attempts": "failed and successful sign-in records (lock-out data) older than this",
    "expired_sessions": "sessions past their expiry (period not used)",
    "unsubmitted_drafts": "answers saved to continue later and never taken back, this long after they expired",
}


def _erase_people(applicants: list[Applicant]) -> int:
    for applicant in applicants:
        erase_applicant(applicant=applicant)
    return len(applicants)


def _finished_case_people(cutoff: datetime) -> int:
    unfinished = Case.objects.filter(applicant=OuterRef("pk")).exclude(status__in=FINISHED_STATUSES)
    people = (
        Applicant.objects.filter(erased_at__isnull=True, cases__isnull=False)
        .annotate(last_change=Max("cases__status_changed_at"))
        .filter(~Exists(unfinished), last_change__lt=cutoff)
        .exclude(data_requests__kind=DataRequest.Kind.DELETION, data_requests__completed_at__isnull=True)
        .distinct()
    )
    return _erase_people(list(people))


def _people_without_case(cutoff: datetime) -> int:
    people = Applicant.objects.filter(erased_at__isnull=True, cases__isnull=True, created_at__lt=cutoff)
    return _erase_people(list(people))


def _finished_case_documents(cutoff: datetime) -> int:
    finished = {"case__status__in": FINISHED_STATUSES, "case__status_changed_at__lt": cutoff}
    documents = Document.objects.exclude(file="").filter(**finished)
    attachments = Message.objects.exclude(attachment="").filter(**finished)
    names = list(documents.values_list("file", flat=True))
    attached = list(attachments.values_list("attachment", flat=True))
    if not names and not attached:
        return 0
    delete_files_on_commit(Document.file.field.storage, names)
    delete_files_on_commit(Message.attachment.field.storage, attached)
    return documents.update(file="") + attachments.update(attachment="")


def _data_exports(cutoff: datetime) -> int:
    exports = DataRequest.objects.exclude(archive="").filter(completed_at__lt=cutoff)
    names = list(exports.values_list("archive", flat=True))
    if not names:
        return 0
    delete_files_on_commit(DataRequest.archive.field.storage, names)
    return exports.update(archive="")


def _audit_log(cutoff: datetime) -> int:
    deleted: int = LogEntry.objects.filter(timestamp__lt=cutoff).delete()[0]
    return deleted


def _login_attempts(cutoff: datetime) -> int:
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    )


def _expired_sessions(cutoff: datetime) -> int:
    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


def _unsubmitted_drafts(cutoff: datetime) -> int:
    deleted: int = IntakeDraft.objects.expired(cutoff).delete()[0]
    return deleted


_PURGERS: dict[str, Callable[[datetime], int]] = {
    "finished_case_people": _finished_case_people,
    "people_without_case": _people_without_case,
    "finished_case_documents": _finished_case_documents,
    "data_exports": _data_exports,
    "audit_log": _audit_log,
    "login_attempts": _login_attempts,
    "expired_sessions": _expired_sessions,
    "unsubmitted_drafts": _unsubmitted_drafts,
}


@transaction.atomic
def enforce_retention(*, now: datetime) -> RetentionRun:
    """Purge every category past its period (settings.RETENTION_DAYS) as of `now`; record the counts."""
    periods: dict[str, int] = settings.RETENTION_DAYS
    purged = {
        category: purge(now - timedelta(days=int(periods.get(category, 0))))
        for category, purge in _PURGERS.items()
    }
    run = RetentionRun.objects.create(purged=purged)
    logger.info("retention: purged %s", ", ".join(f"{k}={v}" for k, v in purged.items()))
    return run
