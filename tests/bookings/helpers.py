"""The cast of the booking tests: consultants with a time zone and published hours, applicants' cases."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django.contrib.auth.models import User

from applicants.models import Case
from bookings.models import AvailabilityException, Place, WeeklyHours
from staff.models import StaffProfile
from tests.applicants.factories import consultant, make_applicant, make_case

# A Monday in winter: London is on UTC, Shanghai and Singapore on UTC+8.
NOW = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
TUESDAY = date(2027, 1, 5)
VIDEO = "https://meet.example/carla"


def make_consultant(zone: str = "Europe/London", name: str = "Carla Mendes", **kwargs: Any) -> User:
    user = consultant(**kwargs)
    StaffProfile.objects.create(user=user, display_name=name, time_zone=zone)
    return user


def hours(
    who: User, weekday: int, start: str, end: str, *, place: str = Place.VIDEO, **kwargs: Any
) -> WeeklyHours:
    fields: dict[str, Any] = (
        {"video_link": VIDEO} if place == Place.VIDEO else {"office_address": "1 Raffles Place"}
    )
    fields.update(kwargs)
    return WeeklyHours.objects.create(
        consultant=who,
        weekday=weekday,
        starts_at=time.fromisoformat(start),
        ends_at=time.fromisoformat(end),
        place=place,
        **fields,
    )


def exception(
    who: User, on: date, kind: str, start: str = "", end: str = "", **kwargs: Any
) -> AvailabilityException:
    return AvailabilityException.objects.create(
        consultant=who,
        on=on,
        kind=kind,
        starts_at=time.fromisoformat(start) if start else None,
        ends_at=time.fromisoformat(end) if end else None,
        **kwargs,
    )


def applicant_case(*, language: str = "en", **kwargs: Any) -> Case:
    fields: dict[str, Any] = {"applicant": make_applicant(full_name="Mei Tan", preferred_language=language)}
    fields.update(kwargs)
    return make_case(**fields)


def utc(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=UTC)
