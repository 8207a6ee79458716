"""The calendar invite parses with `icalendar` and says what calendars need: UTC start, organiser,
attendee, REQUEST on booking and a change, CANCEL with the same UID on cancelling."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from bookings.models import Place
from bookings.services import book_appointment, cancel_appointment, reschedule_appointment

from .helpers import NOW, TUESDAY, applicant_case, hours, make_consultant, utc

pytestmark = pytest.mark.django_db


def invite_to(mailoutbox, address: str) -> Calendar:
    message = [m for m in mailoutbox if m.to == [address]][-1]
    [(name, content, mimetype)] = message.attachments
    assert name == "consultation.ics"
    assert mimetype.startswith("text/calendar; method=")
    return Calendar.from_ical(content)


def event_of(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


@pytest.fixture
def booked(celery_eager, django_capture_on_commit_callbacks, mailoutbox):
    carla = make_consultant("Europe/London", email="carla@consultancy.example")
    hours(carla, weekday=1, start="09:00", end="10:00")
    case = applicant_case()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book_appointment(
            case=case,
            consultant_id=carla.pk,
            starts_at=utc(TUESDAY, "09:00"),
            applicant_time_zone="Asia/Shanghai",
            now=NOW,
        )
    return appointment


def test_the_booking_invite_is_a_request_starting_at_the_right_utc_instant(booked, mailoutbox) -> None:
    for address in (booked.case.applicant.email, "carla@consultancy.example"):
        calendar = invite_to(mailoutbox, address)
        event = event_of(calendar)
        assert calendar["METHOD"] == "REQUEST"
        assert event.decoded("DTSTART") == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
        assert event["DTSTART"].to_ical() == b"20270105T090000Z"
        assert event.decoded("DTEND") == datetime(2027, 1, 5, 9, 30, tzinfo=UTC)
        assert event["SEQUENCE"] == 0
        assert str(event["LOCATION"]) == "https://meet.example/carla"


def test_the_consultant_organises_and_the_applicant_attends(booked, mailoutbox) -> None:
    event = event_of(invite_to(mailoutbox, booked.case.applicant.email))
    assert str(event["ORGANIZER"]) == "mailto:carla@consultancy.example"
    assert str(event["ORGANIZER"].params["CN"]) == "Carla Mendes"
    assert str(event["ATTENDEE"]) == f"mailto:{booked.case.applicant.email}"
    assert str(event["ATTENDEE"].params["CN"]) == "Mei Tan"
    assert str(event["ATTENDEE"].params["ROLE"]) == "REQ-PARTICIPANT"


def test_a_reschedule_sends_the_same_uid_with_the_next_sequence(
    booked, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    first = event_of(invite_to(mailoutbox, booked.case.applicant.email))
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_appointment(appointment=booked, starts_at=utc(TUESDAY, "09:30"), now=NOW)
    calendar = invite_to(mailoutbox, booked.case.applicant.email)
    moved = event_of(calendar)
    assert calendar["METHOD"] == "REQUEST"
    assert str(moved["UID"]) == str(first["UID"])
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == datetime(2027, 1, 5, 9, 30, tzinfo=UTC)


def test_cancelling_sends_method_cancel_with_the_same_uid(
    booked, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    first = event_of(invite_to(mailoutbox, "carla@consultancy.example"))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_appointment(appointment=booked, now=NOW)
    for address in (booked.case.applicant.email, "carla@consultancy.example"):
        calendar = invite_to(mailoutbox, address)
        cancelled = event_of(calendar)
        assert calendar["METHOD"] == "CANCEL"
        assert str(cancelled["UID"]) == str(first["UID"])
        assert str(cancelled["STATUS"]) == "CANCELLED"
        assert cancelled["SEQUENCE"] == 1


def test_an_office_consultation_carries_the_address_as_its_location(
    celery_eager, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    wei = make_consultant("Asia/Singapore", name="Wei Lim", email="wei@consultancy.example")
    hours(wei, weekday=1, start="09:00", end="09:30", place=Place.OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        book_appointment(
            case=applicant_case(),
            consultant_id=wei.pk,
            starts_at=utc(TUESDAY, "01:00"),
            applicant_time_zone="Asia/Singapore",
            now=NOW,
        )
    event = event_of(invite_to(mailoutbox, "wei@consultancy.example"))
    assert str(event["LOCATION"]) == "1 Raffles Place"
    assert "URL" not in event
