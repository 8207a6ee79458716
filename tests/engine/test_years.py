"""Cumulative years from role dates: overlaps once, ongoing up to as_of, optional window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from assessments.engine.years import Years, covered_days, years_before, years_in_roles

AS_OF = date(2026, 11, 24)


@dataclass
class R:
    start: date | None
    end: date | None = None
    counts: bool | None = True


def measure(*roles: R, within: int | None = None):
    return years_in_roles(list(roles), lambda r: r.counts, as_of=AS_OF, within_years=within)


def test_closed_role_counts_both_end_days() -> None:
    assert measure(R(date(2020, 1, 1), date(2020, 1, 1))).known.days == 1


def test_ongoing_role_counts_up_to_and_including_as_of() -> None:
    assert measure(R(AS_OF)).known.days == 1


def test_overlapping_roles_count_once() -> None:
    years = measure(R(date(2020, 1, 1), date(2020, 12, 31)), R(date(2020, 7, 1), date(2021, 6, 30)))
    assert years.known.days == (date(2021, 6, 30) - date(2020, 1, 1)).days + 1


def test_nested_and_adjacent_roles_merge() -> None:
    assert covered_days([(1, 10), (2, 5), (10, 12), (20, 21)]) == 12


@pytest.mark.parametrize(
    ("start", "last_day", "met", "length"),
    [
        # One unbroken period: five calendar years, and one day short of them.
        (date(2021, 3, 1), date(2026, 2, 28), True, (5, 0, 0)),
        (date(2021, 3, 1), date(2026, 2, 27), False, (4, 11, 27)),
        (date(2021, 11, 25), date(2026, 11, 24), True, (5, 0, 0)),
        (date(2021, 11, 26), date(2026, 11, 24), False, (4, 11, 30)),
        # Across 29 February: the period includes a leap day (1826 days are needed, 1825 are short).
        (date(2019, 3, 1), date(2024, 2, 29), True, (5, 0, 0)),
        (date(2019, 3, 2), date(2024, 2, 29), False, (4, 11, 28)),
        # Starting on 29 February: the fifth anniversary is 1 March 2025 (never the generous 28 February).
        (date(2020, 2, 29), date(2025, 2, 28), True, (5, 0, 0)),
        (date(2020, 2, 29), date(2025, 2, 27), False, (4, 11, 30)),
        # Ending on 29 February, starting the day after an anniversary.
        (date(2023, 3, 1), date(2028, 2, 29), True, (5, 0, 0)),
        (date(2023, 3, 2), date(2028, 2, 29), False, (4, 11, 28)),
    ],
)
def test_five_years_means_five_calendar_years(
    start: date, last_day: date, met: bool, length: tuple[int, int, int]
) -> None:
    years = years_in_roles([R(start, last_day)], lambda r: r.counts, as_of=date(2030, 1, 1))
    assert years.at_least(5) is met
    assert years.known.duration() == length


def test_one_day_short_of_five_years_is_short_whatever_the_leap_days() -> None:
    for year in range(2015, 2030):
        start = date(year, 6, 15)
        anniversary = date(year + 5, 6, 15)
        last = anniversary.toordinal() - 1
        assert years_in_roles(
            [R(start, date.fromordinal(last))], lambda r: True, as_of=date(2040, 1, 1)
        ).at_least(5)
        assert not years_in_roles(
            [R(start, date.fromordinal(last - 1))], lambda r: True, as_of=date(2040, 1, 1)
        ).at_least(5)


def test_separate_periods_are_joined_up_and_measured_by_the_calendar() -> None:
    # 2 years and 3 years (by the calendar) with a gap between: 5 years when laid end to end (the two leap
    # days they hold count as days; the joined-up window ending 31 Dec 2022 has only one).
    years = measure(R(date(2015, 1, 1), date(2016, 12, 31)), R(date(2020, 1, 1), date(2022, 12, 31)))
    assert years.known.duration() == (5, 0, 1)
    short = measure(R(date(2015, 1, 3), date(2016, 12, 31)), R(date(2020, 1, 1), date(2022, 12, 31)))
    assert short.at_least(5) is False
    assert years.at_least(5) is True


def test_five_calendar_years_always_count_as_five() -> None:
    assert measure(R(years_before(AS_OF, 5))).known.at_least(5)


def test_roles_that_do_not_count_are_ignored() -> None:
    years = measure(R(date(2010, 1, 1), counts=False))
    assert years.known.days == 0
    assert years.at_least(1) is False


def test_a_role_that_might_count_leaves_the_answer_open() -> None:
    years = measure(R(date(2015, 1, 1), counts=None))
    assert years.known.days == 0
    assert years.at_least(5) is None


def test_a_countable_role_without_start_makes_the_range_unbounded() -> None:
    years = measure(R(None))
    assert years.possible is None
    assert years.at_least(1) is None


def test_unknown_career_is_unbounded_and_empty_career_is_zero() -> None:
    assert years_in_roles(None, lambda r: True, as_of=AS_OF).at_least(1) is None
    assert years_in_roles([], lambda r: True, as_of=AS_OF).at_least(1) is False


def test_window_keeps_only_the_last_n_years() -> None:
    years = measure(R(date(2000, 1, 1), date(2020, 12, 31)), within=10)
    assert years.known.days == (date(2020, 12, 31) - date(2016, 11, 25)).days + 1


def test_role_entirely_before_the_window_counts_nothing() -> None:
    assert measure(R(date(2000, 1, 1), date(2005, 1, 1)), within=10).known.days == 0


@pytest.mark.parametrize(
    ("start", "stop", "shown"),
    [
        (date(2021, 12, 1), date(2026, 11, 1), "4 years 11 months"),
        (date(2021, 11, 1), date(2026, 11, 1), "5 years 0 months"),
        (date(2026, 11, 1), date(2026, 11, 1), "0 years 0 months"),
    ],
)
def test_years_display_in_calendar_years_and_months(start: date, stop: date, shown: str) -> None:
    assert Years((stop - start).days, stop.toordinal()).display() == shown


@pytest.mark.parametrize(
    ("as_of", "years", "before"),
    [
        (date(2024, 2, 29), 1, date(2023, 3, 1)),
        (date(2024, 2, 28), 1, date(2023, 2, 28)),
        (date(2024, 3, 1), 1, date(2023, 3, 1)),
        (date(2028, 2, 29), 4, date(2024, 2, 29)),
    ],
)
def test_years_before_29_february_rolls_forward_to_1_march(as_of: date, years: int, before: date) -> None:
    assert years_before(as_of, years) == before
