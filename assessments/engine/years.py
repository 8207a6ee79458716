"""Cumulative years from role dates, measured by the calendar.

Conventions (documented for staff in docs/how-we-decide.md and tested):
- A closed role covers `start` to `end`, both days included; an ongoing role (`end` null) covers
  `start` to `as_of`, both included.
- Overlapping roles count once (the union of the periods is measured).
- Years are calendar years, not 365-day units: the covered days are laid end to end, finishing on the
  last covered day, and measured against the calendar there. One unbroken period is therefore measured
  exactly (1 March 2021 to 28 February 2026 is 5 years; one day less is 4 years 11 months 30 days).
- Adding months to a day the target month lacks (29 February, 31st) rolls forward to the 1st of the next
  month: a period starting on 29 February 2020 has its fifth anniversary on 1 March 2025, so it is 5 years
  once it covers 28 February 2025, and 4 years 11 months 30 days when it stops on 27 February. This is the
  strict reading (clamping to 28 February would count one day more); the engine is never more certain
  than the calendar.
- An optional window keeps only the part of each period within N calendar years before `as_of`.
- "Met from" (contract v2 extension `met_from`): the first day on which the proven years reach the
  requirement if nothing else changes, i.e. every ongoing counted role goes on and no role is added or
  ends. It is the day the same measure, taken with that day as `as_of`, first says yes: a role started on
  1 March 2021 reaches 5 years on 28 February 2026 (the day that completes them), one started on
  29 February 2020 on 28 February 2025. Only an ongoing role that counts for certain makes the years grow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, Protocol, TypeVar


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months; a day the target month lacks rolls to the next month's 1st."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    try:
        return date(year, month + 1, day.day)
    except ValueError:
        following = index + 1
        return date(following // 12, following % 12 + 1, 1)


def calendar_between(start: date, stop: date) -> tuple[int, int, int]:
    """(years, months, days) from `start` up to `stop` (exclusive): the most whole months, then days."""
    if stop <= start:
        return (0, 0, 0)
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and add_months(start, months) > stop:
        months -= 1
    days = (stop - add_months(start, months)).days
    return (months // 12, months % 12, days)


@dataclass(frozen=True, slots=True)
class Years:
    """A length of time: `days` of coverage laid end to end up to `stop` (day ordinal, exclusive)."""

    days: int
    stop: int = date(2000, 1, 1).toordinal()

    @property
    def span(self) -> tuple[date, date]:
        """The calendar period the coverage is measured as: [start, stop)."""
        stop = date.fromordinal(self.stop)
        return stop - timedelta(days=self.days), stop

    def duration(self) -> tuple[int, int, int]:
        """(years, months, days) by the calendar."""
        return calendar_between(*self.span)

    def display(self) -> str:
        """English, for logs and staff tools: "4 years 11 months" (days are left out)."""
        years, months, _ = self.duration()
        return f"{years} years {months} months"

    def at_least(self, years: int) -> bool:
        start, stop = self.span
        return add_months(start, 12 * years) <= stop

    def whole_years(self) -> int:
        return self.duration()[0]

    def whole_months(self) -> int:
        years, months, _ = self.duration()
        return years * 12 + months


@dataclass(frozen=True, slots=True)
class YearsRange:
    """What the facts prove (`known`) and the most they could amount to (`possible`; None = unbounded).

    `possible` exceeds `known` when a role might count but a fact about it is unknown.
    """

    known: Years
    possible: Years | None

    @property
    def known_days(self) -> int:
        return self.known.days

    @property
    def possible_days(self) -> int | None:
        return None if self.possible is None else self.possible.days

    def at_least(self, years: int) -> bool | None:
        """True if proven, False if impossible, None if the unknown facts decide."""
        if self.known.at_least(years):
            return True
        if self.possible is not None and not self.possible.at_least(years):
            return False
        return None

    def at_least_months(self, months: int) -> bool | None:
        """As `at_least`, in calendar months."""
        if self.known.whole_months() >= months:
            return True
        if self.possible is not None and self.possible.whole_months() < months:
            return False
        return None


class DatedRole(Protocol):
    @property
    def start(self) -> date | None: ...

    @property
    def end(self) -> date | None: ...


R = TypeVar("R", bound=DatedRole)


def years_before(as_of: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February rolls forward to 1 March: the shorter window)."""
    return add_months(as_of, -12 * years)


def months_before(as_of: date, months: int) -> date:
    """The same calendar day `months` earlier (a missing day rolls forward to the next month's 1st)."""
    return add_months(as_of, -months)


def covered(intervals: Sequence[tuple[int, int]]) -> tuple[int, int | None]:
    """Days covered by the union of half-open ordinal intervals [start, stop), and the last stop."""
    total = 0
    current_start = current_stop = None
    for start, stop in sorted(intervals):
        if current_stop is None or start > current_stop:
            if current_stop is not None and current_start is not None:
                total += current_stop - current_start
            current_start, current_stop = start, stop
        elif stop > current_stop:
            current_stop = stop
    if current_stop is not None and current_start is not None:
        total += current_stop - current_start
    return total, current_stop


def covered_days(intervals: Sequence[tuple[int, int]]) -> int:
    """Days covered by the union of half-open ordinal intervals [start, stop)."""
    return covered(intervals)[0]


def _years(intervals: Sequence[tuple[int, int]], fallback: int) -> Years:
    days, stop = covered(intervals)
    return Years(days, fallback if stop is None else stop)


def _reach_horizon(as_of: date, years: int) -> date:
    """A day by which an ongoing role alone has covered `years` calendar years (and a window of at least
    that many years slides past every older period): the search for "met from" stops there."""
    return add_months(as_of, 12 * years) + timedelta(days=1)


class Career(Generic[R]):
    """A profile's roles as day-number spans, measured once per profile and queried by every pathway.

    `roles` None means the career is unknown (every query gives an unbounded range).
    """

    __slots__ = ("as_of", "spans")

    def __init__(self, roles: Sequence[R] | None, as_of: date) -> None:
        self.as_of = as_of
        self.spans: list[tuple[R, int | None, int]] | None = None
        if roles is not None:
            today = as_of.toordinal() + 1
            self.spans = [
                (
                    role,
                    None if role.start is None else role.start.toordinal(),
                    today if role.end is None else role.end.toordinal() + 1,
                )
                for role in roles
            ]

    def years(self, counts: Callable[[R], bool | None], *, within_years: int | None = None) -> YearsRange:
        """Cumulative years in the roles for which `counts` is True (known) or not False (possible)."""
        today = self.as_of.toordinal() + 1
        if self.spans is None:
            return YearsRange(Years(0, today), None)
        floor = years_before(self.as_of, within_years).toordinal() + 1 if within_years is not None else None
        known: list[tuple[int, int]] = []
        possible: list[tuple[int, int]] = []
        unbounded = False
        for role, start, stop in self.spans:
            verdict = counts(role)
            if verdict is False:
                continue
            if start is None:
                unbounded = True
                continue
            if floor is not None and start < floor:
                start = floor
            if stop <= start:
                continue
            possible.append((start, stop))
            if verdict:
                known.append((start, stop))
        known_years = _years(known, today)
        if unbounded:
            return YearsRange(known_years, None)
        # Where every counted role is proven, what is possible is what is known.
        return YearsRange(
            known_years, known_years if len(possible) == len(known) else _years(possible, today)
        )

    def on(self, day: date) -> Career[R]:
        """The same roles measured on `day`: ongoing roles run to it, closed roles keep their dates."""
        later: Career[R] = Career(None, day)
        if self.spans is not None:
            today = day.toordinal() + 1
            later.spans = [
                (role, start, today if role.end is None else stop) for role, start, stop in self.spans
            ]
        return later

    def met_from(
        self, counts: Callable[[R], bool | None], years: int, *, within_years: int | None = None
    ) -> date | None:
        """The first day after `as_of` on which the proven years in counted roles reach `years`, if nothing
        else changes; None when they already do, or when no ongoing role counts for certain (nothing grows).
        """
        if self.spans is None:
            return None
        growing = any(
            role.end is None and start is not None and counts(role) is True for role, start, _ in self.spans
        )
        if not growing:
            return None
        now = self.years(counts, within_years=within_years).known
        if now.at_least(years):
            return None
        # Proven days grow by at most one a day, and N calendar years hold at least 365 * N days: no day
        # before `first` can do. Past the horizon the ongoing role alone covers the years.
        first = self.as_of + timedelta(days=max(1, 365 * years - now.days))
        last = _reach_horizon(self.as_of, years)
        day = first
        while day <= last:
            if self.on(day).years(counts, within_years=within_years).known.at_least(years):
                return day
            day += timedelta(days=1)
        return None  # unreachable: by `last` the ongoing role alone covers the years


def years_in_roles(
    roles: Sequence[R] | None,
    counts: Callable[[R], bool | None],
    *,
    as_of: date,
    within_years: int | None = None,
) -> YearsRange:
    """Cumulative years in the roles for which `counts` is True (known) or not False (possible).

    `roles` None (career unknown) gives an unbounded range; an empty list gives zero years.
    """
    return Career(roles, as_of).years(counts, within_years=within_years)
