"""Thin Celery adapters for consultation e-mails and the reminders' beat job (ids in; an appointment
that vanished meanwhile is skipped)."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from . import emails
from .models import Appointment
from .services import SEND_EMAILS_TASK, SEND_REMINDER_TASK, queue_due_reminders

_RETRY_ON = (SMTPException, OSError)


def _appointment(pk: int) -> Appointment | None:
    return Appointment.objects.select_related("case__applicant", "consultant").filter(pk=pk).first()


@shared_task(name=SEND_EMAILS_TASK, autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def send_appointment_emails_task(appointment_id: int) -> None:
    appointment = _appointment(appointment_id)
    if appointment is not None:
        emails.send_invites(appointment=appointment)


@shared_task(name=SEND_REMINDER_TASK, autoretry_for=_RETRY_ON, retry_backoff=30, max_retries=5)
def send_reminder_task(appointment_id: int, mark: str) -> None:
    appointment = _appointment(appointment_id)
    # A consultation cancelled after its reminder was queued gets no reminder.
    if appointment is not None and appointment.status == Appointment.Status.BOOKED:
        emails.send_reminder(appointment=appointment, mark=mark)


@shared_task(name="bookings.queue_due_reminders")
def queue_due_reminders_task() -> int:
    """Beat, every five minutes: the reminders due 24 hours and 1 hour before (each sent once)."""
    return queue_due_reminders(now=timezone.now())
