"""Published hours become open slots: weekly hours in the consultant's zone, exceptions, bookings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bookings.models import Appointment, AvailabilityException, Place
from bookings.slots import consultant_slots, open_slots

from .helpers import NOW, TUESDAY, VIDEO, applicant_case, exception, hours, make_consultant, utc

pytestmark = pytest.mark.django_db


def starts(slots) -> list[datetime]:
    return [slot.starts_at for slot in slots]


def test_weekly_hours_become_half_hour_slots_every_week_in_the_consultants_time_zone() -> None:
    carla = make_consultant("Europe/London")
    hours(carla, weekday=1, start="09:00", end="10:00")  # Tuesdays
    assert starts(consultant_slots(carla, now=NOW)) == [
        utc(TUESDAY, "09:00"),
        utc(TUESDAY, "09:30"),
        utc(TUESDAY + timedelta(days=7), "09:00"),
        utc(TUESDAY + timedelta(days=7), "09:30"),
    ]


def test_the_same_wall_clock_hours_in_singapore_start_eight_hours_earlier_in_utc() -> None:
    wei = make_consultant("Asia/Singapore")
    hours(wei, weekday=1, start="09:00", end="09:30")
    assert starts(consultant_slots(wei, now=NOW))[0] == utc(TUESDAY, "01:00")


def test_london_summer_time_moves_the_utc_start_an_hour_earlier() -> None:
    carla = make_consultant("Europe/London")
    hours(carla, weekday=1, start="09:00", end="09:30")
    summer = datetime(2027, 7, 5, tzinfo=UTC)  # a Monday
    assert starts(consultant_slots(carla, now=summer))[0] == datetime(2027, 7, 6, 8, 0, tzinfo=UTC)


def test_a_day_off_removes_that_days_slots_only() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:00", end="10:00")
    exception(carla, TUESDAY, AvailabilityException.Kind.OFF)
    assert starts(consultant_slots(carla, now=NOW)) == [
        utc(TUESDAY + timedelta(days=7), "09:00"),
        utc(TUESDAY + timedelta(days=7), "09:30"),
    ]


def test_hours_off_remove_only_the_slots_they_overlap() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:00", end="10:30")
    exception(carla, TUESDAY, AvailabilityException.Kind.OFF, "09:15", "09:45")
    assert utc(TUESDAY, "09:00") not in starts(consultant_slots(carla, now=NOW))
    assert utc(TUESDAY, "09:30") not in starts(consultant_slots(carla, now=NOW))
    assert utc(TUESDAY, "10:00") in starts(consultant_slots(carla, now=NOW))


def test_extra_hours_add_slots_on_their_date_with_their_own_place() -> None:
    carla = make_consultant()
    exception(
        carla,
        date(2027, 1, 9),
        AvailabilityException.Kind.EXTRA,
        "10:00",
        "10:30",
        place=Place.OFFICE,
        office_address="1 Raffles Place, Singapore",
    )
    [slot] = consultant_slots(carla, now=NOW)
    assert slot.starts_at == datetime(2027, 1, 9, 10, 0, tzinfo=UTC)
    assert slot.place == Place.OFFICE
    assert slot.office_address == "1 Raffles Place, Singapore"


def test_slots_start_on_the_half_hour_grid_whatever_the_hours_say() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:10", end="10:10")
    assert starts(consultant_slots(carla, now=NOW))[:1] == [utc(TUESDAY, "09:30")]


def test_a_booked_slot_is_no_longer_offered() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:00", end="10:00")
    Appointment.objects.create(
        case=applicant_case(),
        consultant=carla,
        starts_at=utc(TUESDAY, "09:00"),
        ends_at=utc(TUESDAY, "09:30"),
        applicant_time_zone="Asia/Shanghai",
        video_link=VIDEO,
    )
    assert utc(TUESDAY, "09:00") not in starts(consultant_slots(carla, now=NOW))
    assert utc(TUESDAY, "09:30") in starts(consultant_slots(carla, now=NOW))


def test_slots_closer_than_the_notice_period_are_not_offered() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:00", end="10:00")
    almost = utc(TUESDAY, "07:15")
    assert starts(consultant_slots(carla, now=almost))[:1] == [utc(TUESDAY, "09:30")]


def test_an_unassigned_case_is_offered_every_consultants_slots_and_an_assigned_one_only_its_consultants() -> (
    None
):
    carla, wei = make_consultant("Europe/London"), make_consultant("Asia/Singapore", name="Wei Lim")
    hours(carla, weekday=1, start="09:00", end="09:30")
    hours(wei, weekday=1, start="09:00", end="09:30")
    names = {slot.consultant_name for slot in open_slots(applicant_case(), now=NOW)}
    assert names == {"Carla Mendes", "Wei Lim"}
    names = {slot.consultant_name for slot in open_slots(applicant_case(assigned_to=wei), now=NOW)}
    assert names == {"Wei Lim"}


def test_slots_come_out_in_utc() -> None:
    carla = make_consultant()
    hours(carla, weekday=1, start="09:00", end="09:30")
    assert consultant_slots(carla, now=NOW)[0].starts_at.utcoffset() == UTC.utcoffset(None)
