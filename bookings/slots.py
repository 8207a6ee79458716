"""Open consultation slots: each consultant's weekly hours expanded with dateutil's rrule in their own
time zone, changed by their dated exceptions, cut into fixed-length slots, less what is booked.

Slots start on a grid (multiples of `SLOT_LENGTH` from local midnight), so two slots of one consultant
either start together or do not overlap: the database's unique (consultant, start) constraint is then
enough to rule out every double booking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule
from django.contrib.auth.models import User

from applicants.access import CONSULTANT_GROUP
from applicants.models import Case
from staff.profiles import profile_for

from .models import Appointment, AvailabilityException, Place, WeeklyHours

SLOT_LENGTH = timedelta(minutes=30)
HORIZON = timedelta(days=14)  # how far ahead applicants may book
MIN_NOTICE = timedelta(hours=2)  # the consultant needs time to read the case first


@dataclass(frozen=True)
class Slot:
    consultant_id: int
    consultant_name: str
    consultant_time_zone: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    place: str
    video_link: str
    office_address: str

    @property
    def key(self) -> str:
        """How a form names the slot: consultant and start (Unix seconds)."""
        return f"{self.consultant_id}-{int(self.starts_at.timestamp())}"

    @property
    def is_video(self) -> bool:
        return self.place == Place.VIDEO


@dataclass(frozen=True)
class _Window:
    start: datetime  # naive, the consultant's wall clock
    end: datetime
    place: str
    video_link: str
    office_address: str


def _grid_start(moment: datetime) -> datetime:
    midnight = datetime.combine(moment.date(), time())
    steps = -(-(moment - midnight) // SLOT_LENGTH)  # ceiling division: the first grid point at or after
    return midnight + steps * SLOT_LENGTH


def _weekly_windows(hours: Iterable[WeeklyHours], first: date, last: date) -> list[_Window]:
    windows = []
    for entry in hours:
        rule = rrule(
            WEEKLY,
            byweekday=entry.weekday,
            dtstart=datetime.combine(first, entry.starts_at),
            until=datetime.combine(last, entry.starts_at),
        )
        length = datetime.combine(first, entry.ends_at) - datetime.combine(first, entry.starts_at)
        windows += [
            _Window(day, day + length, entry.place, entry.video_link, entry.office_address) for day in rule
        ]
    return windows


def _cut(window: _Window) -> Iterable[tuple[datetime, datetime]]:
    start = _grid_start(window.start)
    while start + SLOT_LENGTH <= window.end:
        yield start, start + SLOT_LENGTH
        start += SLOT_LENGTH


def consultant_slots(consultant: User, *, now: datetime, horizon: timedelta = HORIZON) -> list[Slot]:
    """`consultant`'s open slots from `now` + the notice period to `now` + `horizon`, earliest first."""
    profile = profile_for(consultant)
    zone = ZoneInfo(profile.time_zone)
    earliest, latest = now + MIN_NOTICE, now + horizon
    first, last = earliest.astimezone(zone).date(), latest.astimezone(zone).date()
    windows = _weekly_windows(WeeklyHours.objects.filter(consultant=consultant), first, last)
    exceptions = list(AvailabilityException.objects.filter(consultant=consultant, on__range=(first, last)))
    windows += [
        _Window(
            datetime.combine(e.on, e.starts_at),
            datetime.combine(e.on, e.ends_at),
            e.place,
            e.video_link,
            e.office_address,
        )
        for e in exceptions
        if e.kind == AvailabilityException.Kind.EXTRA and e.starts_at and e.ends_at
    ]
    off = [
        (
            datetime.combine(e.on, e.starts_at or time()),
            datetime.combine(e.on, e.ends_at)
            if e.ends_at
            else datetime.combine(e.on + timedelta(days=1), time()),
        )
        for e in exceptions
        if e.kind == AvailabilityException.Kind.OFF
    ]
    booked = list(
        Appointment.objects.booked()
        .filter(consultant=consultant, ends_at__gt=earliest, starts_at__lt=latest + SLOT_LENGTH)
        .values_list("starts_at", "ends_at")
    )
    slots: dict[datetime, Slot] = {}
    for window in windows:
        for local_start, local_end in _cut(window):
            if any(local_start < off_end and off_start < local_end for off_start, off_end in off):
                continue
            starts_at = local_start.replace(tzinfo=zone).astimezone(UTC)
            ends_at = local_end.replace(tzinfo=zone).astimezone(UTC)
            if starts_at < earliest or starts_at > latest or starts_at in slots:
                continue
            if any(starts_at < b_end and b_start < ends_at for b_start, b_end in booked):
                continue
            slots[starts_at] = Slot(
                consultant_id=consultant.pk,
                consultant_name=profile.display_name,
                consultant_time_zone=profile.time_zone,
                starts_at=starts_at,
                ends_at=ends_at,
                place=window.place,
                video_link=window.video_link,
                office_address=window.office_address,
            )
    return [slots[start] for start in sorted(slots)]


def consultants_for(case: Case) -> list[User]:
    """Who the applicant can book: their assigned consultant, or (while nobody is assigned) every active
    consultant who publishes hours."""
    if case.assigned_to_id is not None:
        return [case.assigned_to] if case.assigned_to and case.assigned_to.is_active else []
    return list(
        User.objects.filter(is_active=True, is_staff=True, groups__name=CONSULTANT_GROUP)
        .filter(weekly_hours__isnull=False)
        .distinct()
        .order_by("pk")
    )


def open_slots(case: Case, *, now: datetime, consultant: User | None = None) -> list[Slot]:
    """The slots the applicant of `case` may choose from (of `consultant` only, when given)."""
    people = [consultant] if consultant is not None else consultants_for(case)
    slots = [slot for person in people for slot in consultant_slots(person, now=now)]
    return sorted(slots, key=lambda slot: (slot.starts_at, slot.consultant_name))
