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


@pytest.mark.parametrize(("days", "met"), [(1825, True), (1824, False)])
def test_five_years_is_1825_days_of_coverage(days: int, met: bool) -> None:
    start = date.fromordinal(AS_OF.toordinal() - days + 1)
    assert measure(R(start)).at_least(5) is met


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
    ("days", "shown"), [(1824, "4.9"), (1825, "5.0"), (365 * 3 + 146, "3.4"), (0, "0.0")]
)
def test_years_display_rounds_down_to_one_decimal(days: int, shown: str) -> None:
    assert Years(days).display() == shown


def test_years_before_29_february_falls_back_to_28_february() -> None:
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
