"""Cumulative years from role dates.

Conventions (documented for staff and tested):
- A closed role covers `start` to `end`, both days included; an ongoing role (`end` null) covers
  `start` to `as_of`, both included.
- Overlapping roles count once (the union of the periods is measured).
- A year is 365 days of coverage, so N calendar years always count as at least N years (leap days
  make the measure at most a few days generous, never strict).
- An optional window keeps only the part of each period within N calendar years before `as_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class Years:
    """A length of time measured in days of coverage."""

    days: int

    def display(self) -> str:
        """Years to one decimal, rounded down so that "5.0" is never shown for a period short of 5."""
        tenths = self.days * 10 // DAYS_PER_YEAR
        return f"{tenths // 10}.{tenths % 10}"

    def at_least(self, years: int) -> bool:
        return self.days >= years * DAYS_PER_YEAR

    def whole_years(self) -> int:
        return self.days // DAYS_PER_YEAR


@dataclass(frozen=True, slots=True)
class YearsRange:
    """What the facts prove (`known`) and the most they could amount to (`possible`; None = unbounded).

    `possible` exceeds `known` when a role might count but a fact about it is unknown.
    """

    known: Years
    possible: Years | None

    def at_least(self, years: int) -> bool | None:
        """True if proven, False if impossible, None if the unknown facts decide."""
        if self.known.at_least(years):
            return True
        if self.possible is not None and not self.possible.at_least(years):
            return False
        return None


class DatedRole(Protocol):
    @property
    def start(self) -> date | None: ...

    @property
    def end(self) -> date | None: ...


R = TypeVar("R", bound=DatedRole)


def years_before(as_of: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February falls back to 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def covered_days(intervals: Iterable[tuple[int, int]]) -> int:
    """Days covered by the union of half-open ordinal intervals [start, stop)."""
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
    return total


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
    if roles is None:
        return YearsRange(Years(0), None)
    stop_today = as_of.toordinal() + 1
    floor = years_before(as_of, within_years).toordinal() + 1 if within_years is not None else None
    known: list[tuple[int, int]] = []
    possible: list[tuple[int, int]] = []
    unbounded = False
    for role in roles:
        verdict = counts(role)
        if verdict is False:
            continue
        if role.start is None:
            unbounded = True
            continue
        start = role.start.toordinal()
        stop = role.end.toordinal() + 1 if role.end is not None else stop_today
        if floor is not None:
            start = max(start, floor)
        if stop <= start:
            continue
        possible.append((start, stop))
        if verdict:
            known.append((start, stop))
    known_years = Years(covered_days(known))
    if unbounded:
        return YearsRange(known_years, None)
    return YearsRange(known_years, Years(covered_days(possible)))
