"""Thin Celery adapters: the daily jobs (read the clock, call one service) and the applicant
journey's e-mails (ids in, one e-mail function called; an object that vanished meanwhile is skipped).

The e-mail tasks are enqueued by `services.portal`; the services the daily jobs run never enqueue, so
they import nothing from here (see `applicants.services`).
"""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from accounts.identity import applicant_accounts

from . import emails
from .models import Applicant, Case, DataRequest, IntakeDraft, Message, PendingSubmission
from .services.digest import send_daily_digests
from .services.reassessment import reassess_open_cases
from .services.retention import enforce_retention

_RETRY_ON = (SMTPException, OSError)  # a mail server that is down: retried with backoff


@shared_task(
    name="applicants.send_daily_digests",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def send_daily_digests_task() -> int:
    """Beat, daily: each consultant's digest for today (safe to run twice: sent ones are skipped)."""
    return send_daily_digests(today=timezone.localdate())


@shared_task(name="applicants.reassess_open_cases")
def reassess_open_cases_task() -> int:
    """Beat, daily before the digest: re-assess open cases when new rule versions take effect."""
    return reassess_open_cases(today=timezone.localdate())


@shared_task(name="applicants.send_resume_link", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def send_resume_link_task(applicant_id: int, case_id: int) -> None:
    applicant = Applicant.objects.select_related("user").filter(pk=applicant_id).first()
    case = Case.objects.filter(pk=case_id, applicant_id=applicant_id).first()
    if applicant and case:
        emails.send_resume_link(applicant=applicant, case=case)


@shared_task(name="applicants.send_magic_link", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def send_magic_link_task(user_id: int) -> None:
    user = (
        applicant_accounts()
        .filter(pk=user_id, applicant__isnull=False, applicant__erased_at__isnull=True)
        .first()
    )
    if user:
        emails.send_magic_link(user=user)


@shared_task(
    name="applicants.send_submission_confirmation", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5
)
def send_submission_confirmation_task(pending_id: int) -> None:
    pending = PendingSubmission.objects.filter(pk=pending_id).first()
    if pending:
        emails.send_submission_confirmation(pending=pending)


@shared_task(name="applicants.send_draft_link", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def send_draft_link_task(draft_id: int) -> None:
    draft = IntakeDraft.objects.filter(pk=draft_id).first()
    if draft:  # taken back or expired meanwhile: nothing to send
        emails.send_draft_link(draft=draft)


@shared_task(name="applicants.notify_new_case", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def notify_new_case_task(case_id: int) -> None:
    case = Case.objects.select_related("applicant").filter(pk=case_id).first()
    if case:
        emails.notify_new_case(case=case)


@shared_task(name="applicants.notify_data_request", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def notify_data_request_task(request_id: int) -> None:
    request = DataRequest.objects.select_related("applicant").filter(pk=request_id).first()
    if request:
        emails.notify_data_request(request=request)


@shared_task(name="applicants.notify_new_message", autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def notify_new_message_task(message_id: int) -> None:
    message = (
        Message.objects.select_related("case__applicant", "case__assigned_to").filter(pk=message_id).first()
    )
    if message:
        emails.notify_new_message(message=message)


@shared_task(name="applicants.enforce_retention")
def enforce_retention_task() -> dict[str, int]:
    """Beat, daily: purge personal data past its retention period; the counts are kept and logged."""
    return dict(enforce_retention(now=timezone.now()).purged)
