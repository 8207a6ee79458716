"""The only writers of bookings: book, reschedule, cancel, and the reminders' bookkeeping.

Every change enqueues its e-mails (with the calendar invite) through the outbox, in the same
transaction, so a broker outage loses none of them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from applicants.models import Case
from outbox.services import enqueue_on_commit

from .models import Appointment
from .slots import Slot, open_slots

SEND_EMAILS_TASK = "bookings.send_appointment_emails"
SEND_REMINDER_TASK = "bookings.send_reminder"
DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)


class BookingError(Exception):
    """A booking refused for a reason the applicant can act on; `str()` is the message to show."""


def slot_taken_message() -> str:
    return _("That time was just taken — please choose another.")


def _check_time_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BookingError(_("%(zone)s is not a time zone we know.") % {"zone": name}) from exc


def _offered(
    case: Case, *, consultant_id: int, starts_at: datetime, now: datetime, consultant: User | None = None
) -> Slot:
    for slot in open_slots(case, now=now, consultant=consultant):
        if slot.consultant_id == consultant_id and slot.starts_at == starts_at:
            return slot
    raise BookingError(slot_taken_message())


def _reminders_already_due(appointment: Appointment, now: datetime) -> None:
    """A consultation booked within 24 hours (or 1 hour) gets no reminder for that mark: the invite
    itself has just arrived."""
    appointment.reminded_day_before_at = now if appointment.starts_at - DAY_BEFORE <= now else None
    appointment.reminded_hour_before_at = now if appointment.starts_at - HOUR_BEFORE <= now else None


@transaction.atomic
def book_appointment(
    *, case: Case, consultant_id: int, starts_at: datetime, applicant_time_zone: str, now: datetime
) -> Appointment:
    """Book the open slot of `consultant_id` at `starts_at` for `case`.

    Raises `BookingError` when the slot is not (or no longer) open, when another request booked it at
    the same moment (the database's unique constraint decides), or when the case already has one.
    """
    _check_time_zone(applicant_time_zone)
    if case.appointments.booked().exists():
        raise BookingError(
            _("This case already has a consultation booked: change or cancel that one instead.")
        )
    slot = _offered(case, consultant_id=consultant_id, starts_at=starts_at, now=now)
    appointment = Appointment(
        case=case,
        consultant_id=slot.consultant_id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        applicant_time_zone=applicant_time_zone,
        place=slot.place,
        video_link=slot.video_link,
        office_address=slot.office_address,
        created_at=now,
    )
    _reminders_already_due(appointment, now)
    try:
        with transaction.atomic():  # a savepoint: the refusal below leaves the caller's transaction usable
            appointment.save()
    except IntegrityError as exc:
        if case.appointments.booked().exists():
            raise BookingError(
                _("This case already has a consultation booked: change or cancel that one instead.")
            ) from exc
        raise BookingError(slot_taken_message()) from exc
    enqueue_on_commit(SEND_EMAILS_TASK, appointment.pk)
    return appointment


@transaction.atomic
def reschedule_appointment(
    *, appointment: Appointment, starts_at: datetime, now: datetime, applicant_time_zone: str = ""
) -> Appointment:
    """Move a booked consultation to another open slot of the same consultant (the invite keeps its UID
    and goes out again with the next SEQUENCE); the applicant's time zone changes when given."""
    if applicant_time_zone:
        _check_time_zone(applicant_time_zone)
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != Appointment.Status.BOOKED:
        raise BookingError(_("This consultation was cancelled; please book a new one."))
    slot = _offered(
        appointment.case,
        consultant_id=appointment.consultant_id,
        starts_at=starts_at,
        now=now,
        consultant=appointment.consultant,
    )
    appointment.starts_at, appointment.ends_at = slot.starts_at, slot.ends_at
    appointment.place, appointment.video_link, appointment.office_address = (
        slot.place,
        slot.video_link,
        slot.office_address,
    )
    appointment.applicant_time_zone = applicant_time_zone or appointment.applicant_time_zone
    appointment.sequence += 1
    _reminders_already_due(appointment, now)
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as exc:
        raise BookingError(slot_taken_message()) from exc
    enqueue_on_commit(SEND_EMAILS_TASK, appointment.pk)
    return appointment


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, now: datetime) -> Appointment:
    """Cancel a booked consultation; both sides get the cancellation (METHOD:CANCEL, same UID)."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status == Appointment.Status.CANCELLED:
        return appointment
    appointment.status = Appointment.Status.CANCELLED
    appointment.cancelled_at = now
    appointment.sequence += 1
    appointment.save(update_fields=["status", "cancelled_at", "sequence"])
    enqueue_on_commit(SEND_EMAILS_TASK, appointment.pk)
    return appointment


# The 1-hour reminder first: a consultation already within its last hour (a late beat) gets that one
# only, and its 24-hour reminder is marked as done without being sent.
REMINDERS = (
    ("hour", "reminded_hour_before_at", HOUR_BEFORE),
    ("day", "reminded_day_before_at", DAY_BEFORE),
)


@transaction.atomic
def queue_due_reminders(*, now: datetime) -> int:
    """Enqueue each reminder that is due and not yet sent: 24 hours and 1 hour before the start.

    Marking comes first and is conditional (an UPDATE of rows still unmarked), so two beat runs at once
    never send one reminder twice. Returns how many were queued.
    """
    queued = 0
    for mark, field, before in REMINDERS:
        due = Appointment.objects.booked().filter(
            **{f"{field}__isnull": True}, starts_at__gt=now, starts_at__lte=now + before
        )
        for pk in list(due.values_list("pk", flat=True)):
            if Appointment.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: now}):
                enqueue_on_commit(SEND_REMINDER_TASK, pk, mark)
                queued += 1
                if mark == "hour":
                    Appointment.objects.filter(pk=pk, reminded_day_before_at__isnull=True).update(
                        reminded_day_before_at=now
                    )
    return queued
