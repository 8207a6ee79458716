"""The calendar invite attached to every consultation e-mail: one iCalendar (RFC 5545) event.

The consultant organises, the applicant attends. The event's UID is the appointment's and stays the
same for its whole life; SEQUENCE rises with every change, so calendars replace the event on a
reschedule (METHOD:REQUEST) and remove it on a cancellation (METHOD:CANCEL).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from staff.profiles import profile_for

from .models import Appointment, Place

PRODID = "-//Tech talent visas//Consultations//EN"


def event_uid(appointment: Appointment) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    return f"consultation-{appointment.uid}@{host}"


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def invite_ics(appointment: Appointment, *, summary: str, now: datetime | None = None) -> bytes:
    """The .ics bytes for `appointment` as it stands: a request while booked, a cancellation after."""
    cancelled = appointment.status == Appointment.Status.CANCELLED
    consultant = profile_for(appointment.consultant)
    applicant = appointment.case.applicant
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", event_uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", appointment.starts_at.astimezone(UTC))
    event.add("dtend", appointment.ends_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("location", appointment.where)
    if appointment.place == Place.VIDEO:
        event.add("url", appointment.video_link)
    event["organizer"] = _address(appointment.consultant.email, consultant.display_name)
    event.add(
        "attendee",
        _address(
            applicant.email,
            applicant.full_name,
            ROLE="REQ-PARTICIPANT",
            PARTSTAT="NEEDS-ACTION",
            RSVP="TRUE",
        ),
    )
    calendar.add_component(event)
    return bytes(calendar.to_ical())
