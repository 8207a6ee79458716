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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

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

    `possible` exceeds `known` when a role might count but a fact about it is unknown. Kept as day counts;
    `known` and `possible` give them as Years.
    """

    known_days: int
    possible_days: int | None

    @property
    def known(self) -> Years:
        return Years(self.known_days)

    @property
    def possible(self) -> Years | None:
        return None if self.possible_days is None else Years(self.possible_days)

    def at_least(self, years: int) -> bool | None:
        """True if proven, False if impossible, None if the unknown facts decide."""
        days = years * DAYS_PER_YEAR
        if self.known_days >= days:
            return True
        if self.possible_days is not None and self.possible_days < days:
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


def covered_days(intervals: Sequence[tuple[int, int]]) -> int:
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
        if self.spans is None:
            return YearsRange(0, None)
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
        known_days = covered_days(known)
        if unbounded:
            return YearsRange(known_days, None)
        # Where every counted role is proven, what is possible is what is known.
        return YearsRange(known_days, known_days if len(possible) == len(known) else covered_days(possible))


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
