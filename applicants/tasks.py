"""Thin Celery adapters for the case reminders: read the clock, call one service."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .digest import send_daily_digests
from .reassessment import reassess_open_cases


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
