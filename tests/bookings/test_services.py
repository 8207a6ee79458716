"""Booking, moving and cancelling consultations, their e-mails, and the reminders (each sent once)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from applicants.models import Case
from bookings.models import Appointment
from bookings.services import (
    BookingError,
    book_appointment,
    cancel_appointment,
    queue_due_reminders,
    reschedule_appointment,
)
from consultancy.celery import app

from .helpers import NOW, TUESDAY, VIDEO, applicant_case, hours, make_consultant, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla():
    person = make_consultant("Europe/London", email="carla@consultancy.example")
    hours(person, weekday=1, start="09:00", end="10:00")
    return person


def book(
    case: Case, carla: User, clock: str = "09:00", now: datetime = NOW, zone: str = "Asia/Shanghai"
) -> Appointment:
    return book_appointment(
        case=case, consultant_id=carla.pk, starts_at=utc(TUESDAY, clock), applicant_time_zone=zone, now=now
    )


def test_booking_an_open_slot_keeps_it_with_its_place_and_emails_both_sides(
    carla, celery_eager, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    case = applicant_case()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(case, carla)
    assert (appointment.starts_at, appointment.ends_at) == (utc(TUESDAY, "09:00"), utc(TUESDAY, "09:30"))
    assert appointment.video_link == VIDEO
    assert appointment.applicant_time_zone == "Asia/Shanghai"
    assert sorted(m.to[0] for m in mailoutbox) == sorted([case.applicant.email, "carla@consultancy.example"])
    to_applicant = next(m for m in mailoutbox if m.to == [case.applicant.email])
    # The applicant reads their own time (Shanghai, 17:00), the consultant theirs (London, 09:00).
    assert "5 p.m." in to_applicant.subject
    assert "Asia/Shanghai" in to_applicant.body
    assert "/consultation/change/" in to_applicant.body
    to_carla = next(m for m in mailoutbox if m.to == ["carla@consultancy.example"])
    assert "9 a.m." in to_carla.subject
    assert "Europe/London" in to_carla.body


def test_a_time_that_is_not_offered_is_refused_with_the_clear_message(carla) -> None:
    with pytest.raises(BookingError, match=r"That time was just taken — please choose another\."):
        book(applicant_case(), carla, clock="11:00")


def test_an_unknown_time_zone_is_refused_by_name(carla) -> None:
    with pytest.raises(BookingError, match=r"Mars/Olympus is not a time zone we know\."):
        book(applicant_case(), carla, zone="Mars/Olympus")


def test_a_slot_booked_by_another_case_is_refused(carla) -> None:
    book(applicant_case(), carla)
    with pytest.raises(BookingError, match="That time was just taken"):
        book(applicant_case(), carla)


def test_the_database_itself_refuses_a_second_booking_of_one_consultants_start(carla) -> None:
    first = book(applicant_case(), carla)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            case=applicant_case(),
            consultant=carla,
            starts_at=first.starts_at,
            ends_at=first.ends_at,
            applicant_time_zone="UTC",
            video_link=VIDEO,
        )


def test_a_cancelled_slot_can_be_booked_again(carla) -> None:
    cancel_appointment(appointment=book(applicant_case(), carla), now=NOW)
    assert book(applicant_case(), carla).status == Appointment.Status.BOOKED


def test_a_case_with_a_booked_consultation_cannot_book_a_second(carla) -> None:
    case = applicant_case()
    book(case, carla)
    with pytest.raises(BookingError, match="already has a consultation booked"):
        book(case, carla, clock="09:30")


def test_rescheduling_moves_the_time_and_raises_the_sequence_under_the_same_uid(carla) -> None:
    appointment = book(applicant_case(), carla)
    moved = reschedule_appointment(appointment=appointment, starts_at=utc(TUESDAY, "09:30"), now=NOW)
    assert (moved.uid, moved.sequence, moved.starts_at) == (appointment.uid, 1, utc(TUESDAY, "09:30"))
    # The old time is open again.
    assert book(applicant_case(), carla).starts_at == utc(TUESDAY, "09:00")


def test_rescheduling_onto_a_taken_time_is_refused(carla) -> None:
    appointment = book(applicant_case(), carla)
    book(applicant_case(), carla, clock="09:30")
    with pytest.raises(BookingError, match="That time was just taken"):
        reschedule_appointment(appointment=appointment, starts_at=utc(TUESDAY, "09:30"), now=NOW)


def test_cancelling_keeps_the_row_marked_cancelled_with_the_next_sequence(carla) -> None:
    cancelled = cancel_appointment(appointment=book(applicant_case(), carla), now=NOW)
    assert (cancelled.status, cancelled.sequence, cancelled.cancelled_at) == ("cancelled", 1, NOW)


def test_reminders_go_out_24_hours_and_1_hour_before_each_once(
    carla, celery_eager, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    appointment = book(applicant_case(), carla)
    start = appointment.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_due_reminders(now=start - timedelta(hours=25)) == 0
        assert queue_due_reminders(now=start - timedelta(hours=24)) == 1
        assert queue_due_reminders(now=start - timedelta(hours=23)) == 0  # not twice
        assert queue_due_reminders(now=start - timedelta(minutes=60)) == 1
        assert queue_due_reminders(now=start - timedelta(minutes=55)) == 0
    subjects = [m.subject for m in mailoutbox]
    assert sum("tomorrow" in s for s in subjects) == 2  # applicant and consultant
    assert sum("in one hour" in s for s in subjects) == 2


def test_a_consultation_booked_within_a_day_gets_only_the_hour_reminder(carla) -> None:
    start = utc(TUESDAY, "09:00")
    appointment = book(applicant_case(), carla, now=start - timedelta(hours=5))
    assert appointment.reminded_day_before_at is not None
    assert queue_due_reminders(now=start - timedelta(hours=4)) == 0
    assert queue_due_reminders(now=start - timedelta(minutes=59)) == 1


def test_a_beat_that_comes_late_sends_only_the_hour_reminder(carla) -> None:
    appointment = book(applicant_case(), carla)
    assert queue_due_reminders(now=appointment.starts_at - timedelta(minutes=30)) == 1
    appointment.refresh_from_db()
    assert appointment.reminded_hour_before_at is not None
    assert appointment.reminded_day_before_at is not None
    assert queue_due_reminders(now=appointment.starts_at - timedelta(minutes=25)) == 0


def test_a_cancelled_consultation_gets_no_reminder(carla) -> None:
    appointment = book(applicant_case(), carla)
    cancel_appointment(appointment=appointment, now=NOW)
    assert queue_due_reminders(now=appointment.starts_at - timedelta(hours=1)) == 0


def test_the_reminders_job_is_on_the_beat_schedule_under_a_registered_task(settings) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["consultation-reminders"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= 5 * 60  # often enough for the 1-hour reminder to come on time
