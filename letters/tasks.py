"""Thin Celery adapters for advice letters: a letter id in, one service call.

The render task runs on the `letters` queue (CELERY_TASK_ROUTES). Like every task here it is
acknowledged late and requeued if its worker dies (settings), and safe to run twice: the services
claim a letter under a lock, so a second delivery finds it taken or done and does nothing. The services
enqueue these tasks through the outbox, by the names they define.
"""

from __future__ import annotations

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import result_copies, services

# The longest wait before Celery retries a failed render (seconds).
RETRY_BACKOFF_MAX = 300


@shared_task(
    name=services.RENDER_LETTER_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.LETTER_SOFT_TIME_LIMIT,
    time_limit=settings.LETTER_TIME_LIMIT,
    # Exponential backoff with jitter (5 s, 10 s, 20 s… capped at 5 min). The services count attempts
    # and fail the letter after the last one; max_retries only bounds this task's own retries.
    autoretry_for=(services.LetterRetry, DatabaseError),
    retry_backoff=5,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=settings.LETTER_MAX_ATTEMPTS,
)
def render_letter_task(letter_id: int) -> None:
    services.render_letter(letter_id=letter_id)


@shared_task(name=services.SWEEP_STALLED_RENDERS_TASK)
def sweep_stalled_renders_task() -> int:
    """Beat, every minute: queue again the letters whose worker died mid-render, holding their retry, or
    holding their message unstarted."""
    return services.sweep_stalled_renders(
        now=timezone.now(),
        rendering_for=timedelta(seconds=settings.LETTER_RENDERING_DEADLINE),
        # A retry fires within the longest backoff (RETRY_BACKOFF_MAX, jitter only shortens it), and a
        # queued letter is taken within a render's time when workers are alive; a second delivery of a
        # letter merely waiting behind others is harmless (claim_letter takes a letter once).
        queued_for=timedelta(seconds=settings.LETTER_RENDERING_DEADLINE + RETRY_BACKOFF_MAX),
    )


@shared_task(
    name=services.SEND_READY_EMAILS_TASK,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def send_letter_ready_emails_task(letter_id: int) -> None:
    services.send_letter_ready_emails(letter_id=letter_id)


@shared_task(
    name=services.SEND_RELEASED_EMAIL_TASK,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def send_letter_released_email_task(letter_id: int) -> None:
    services.send_letter_released_email(letter_id=letter_id)


@shared_task(
    name=result_copies.RENDER_RESULT_COPY_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.LETTER_SOFT_TIME_LIMIT,
    time_limit=settings.LETTER_TIME_LIMIT,
    autoretry_for=(SMTPException, OSError, DatabaseError),
    retry_backoff=5,
    max_retries=3,
)
def render_result_copy_task(copy_id: int) -> None:
    """A self-assessment result's one-page PDF: rendered, then kept for download or e-mailed once."""
    result_copies.render_result_copy(copy_id=copy_id)


@shared_task(name=result_copies.PURGE_RESULT_COPIES_TASK)
def purge_expired_result_copies_task() -> int:
    """Beat, every 5 minutes: delete result copies past their expiry."""
    return result_copies.purge_expired_result_copies(now=timezone.now())
