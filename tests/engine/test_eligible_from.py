"""'Eligible from': the day an ongoing role makes years that grow with time reach the requirement.

The day is the first on which the same calendar-year measure, taken with that day as `as_of`, says yes;
the day before it is always short. A pathway is eligible from the first such day on which it, assessed
again with the same facts under the rules then in force, fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine.years import Career

from . import test_cn_work_permit as cn
from . import test_sg_one_pass_ai_tech as ai
from .helpers import criterion, result, run
from .test_sg_tech_pass import FIVE_YEARS, leader, profile


@dataclass(frozen=True)
class R:
    start: date | None
    end: date | None = None
    counts: bool | None = True


def counted(role: R) -> bool | None:
    return role.counts


def met_from(*roles: R, as_of: date, years: int = 5, within: int | None = None) -> date | None:
    return Career(list(roles), as_of).met_from(counted, years, within_years=within)


def met_on(roles: list[R], day: date, years: int = 5, within: int | None = None) -> bool:
    return Career(roles, day).years(counted, within_years=within).known.at_least(years)


@pytest.mark.parametrize(
    ("start", "as_of", "expected"),
    [
        # 1 March 2021 to 28 February 2026 is 5 years: the day before it is the last short day.
        (date(2021, 3, 1), date(2026, 2, 27), date(2026, 2, 28)),
        (date(2021, 3, 1), date(2025, 6, 1), date(2026, 2, 28)),
        # Across 29 February 2024: the leap day itself completes the years.
        (date(2019, 3, 1), date(2024, 2, 28), date(2024, 2, 29)),
        # One day later a start needs 1 March (five years from 2 March 2019 end on 1 March 2024).
        (date(2019, 3, 2), date(2024, 2, 29), date(2024, 3, 1)),
        # Starting on 29 February: the fifth anniversary is 1 March 2025, so 28 February completes them.
        (date(2020, 2, 29), date(2025, 2, 27), date(2025, 2, 28)),
        (date(2020, 2, 29), date(2021, 1, 1), date(2025, 2, 28)),
        # Ending on a 29 February.
        (date(2023, 3, 1), date(2027, 1, 1), date(2028, 2, 29)),
    ],
)
def test_an_ongoing_role_meets_its_years_on_the_day_that_completes_them(
    start: date, as_of: date, expected: date
) -> None:
    role = R(start)
    assert met_from(role, as_of=as_of) == expected
    assert met_on([role], expected)
    assert not met_on([role], expected - timedelta(days=1))


@pytest.mark.parametrize(
    ("start", "as_of"),
    [(date(2021, 3, 1), date(2026, 2, 28)), (date(2020, 2, 29), date(2025, 2, 28))],
)
def test_years_already_reached_have_no_date(start: date, as_of: date) -> None:
    assert met_from(R(start), as_of=as_of) is None


def test_closed_roles_alone_never_grow() -> None:
    assert met_from(R(date(2020, 1, 1), date(2023, 12, 31)), as_of=date(2026, 1, 1)) is None


def test_an_ongoing_role_whose_counting_is_unknown_gives_no_date() -> None:
    assert met_from(R(date(2023, 1, 1), counts=None), as_of=date(2026, 1, 1)) is None


def test_an_unknown_career_gives_no_date() -> None:
    assert Career[R](None, date(2026, 1, 1)).met_from(counted, 5) is None


def test_earlier_closed_roles_bring_the_day_forward() -> None:
    # 2 years closed (2016-2017) + an ongoing role from 1 January 2024: 3 more years are needed.
    roles = [R(date(2016, 1, 1), date(2017, 12, 31)), R(date(2024, 1, 1))]
    day = met_from(*roles, as_of=date(2025, 6, 1))
    assert day is not None
    assert date(2026, 12, 25) <= day <= date(2027, 1, 5)
    assert met_on(roles, day)
    assert not met_on(roles, day - timedelta(days=1))


def test_in_a_window_years_falling_out_of_it_delay_the_day() -> None:
    # 5 of the last 10 years: a role in 2014-2017 drops out of the window while the current one grows.
    roles = [R(date(2014, 1, 1), date(2017, 12, 31)), R(date(2025, 1, 1))]
    assert met_from(*roles, as_of=date(2026, 1, 1)) is None  # without a window: 5 years already
    day = met_from(*roles, as_of=date(2026, 1, 1), within=10)
    # The old years leave the window as fast as the new ones come: the current role alone must do it.
    assert day == date(2029, 12, 31)
    assert met_on(roles, day, within=10)
    assert not met_on(roles, day - timedelta(days=1), within=10)


AS_OF = date(2026, 11, 24)
DAYS = st.integers(min_value=0, max_value=5000)


@st.composite
def careers(draw: st.DrawFn) -> list[R]:
    roles = []
    for _ in range(draw(st.integers(0, 3))):
        start = AS_OF - timedelta(days=draw(DAYS))
        end = None if draw(st.booleans()) else min(AS_OF, start + timedelta(days=draw(DAYS)))
        roles.append(R(start, end, draw(st.sampled_from([True, True, None, False]))))
    return roles


@settings(max_examples=150, deadline=None)
@given(careers(), st.integers(1, 6), st.sampled_from([None, 10]))
def test_the_day_is_met_and_the_day_before_is_short(roles: list[R], years: int, within: int | None) -> None:
    day = Career(roles, AS_OF).met_from(counted, years, within_years=within)
    growing = any(r.end is None and r.counts is True for r in roles)
    if met_on(roles, AS_OF, years, within) or not growing:
        assert day is None
    else:
        assert day is not None
        assert day > AS_OF
        assert met_on(roles, day, years, within)
        assert not met_on(roles, day - timedelta(days=1), years, within)


# --- Pathways --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_short", "met", "eligible"),
    [
        (1, date(2026, 11, 25), date(2026, 11, 25)),
        # 31 December 2026 is Tech.Pass's last day for new applications: on it, eligible; a day later the
        # pass is closed, so the criterion has its day but the route has none.
        (37, date(2026, 12, 31), date(2026, 12, 31)),
        (38, date(2027, 1, 1), None),
        (400, date(2027, 12, 29), None),
    ],
)
def test_tech_pass_leading_years_give_the_day_while_the_pass_takes_applications(
    days_short: int, met: date, eligible: date | None
) -> None:
    res = result(profile(roles=[leader(FIVE_YEARS - days_short)]), "sg_tech_pass")
    assert res.outcome == "not_eligible"
    assert criterion(res, "leading_role").met_from == met
    assert res.eligible_from == eligible


def test_a_tech_pass_leader_with_five_years_has_no_date() -> None:
    res = result(profile(roles=[leader()]), "sg_tech_pass")
    assert criterion(res, "leading_role").met_from is None
    assert res.eligible_from is None


def test_a_route_short_on_something_else_too_has_no_eligible_from_date() -> None:
    res = result(profile("20000", roles=[leader(FIVE_YEARS - 1)]), "sg_tech_pass")
    assert criterion(res, "leading_role").met_from == date(2026, 11, 25)
    assert res.eligible_from is None


def test_a_finished_leading_role_gives_no_date() -> None:
    role = leader(FIVE_YEARS - 30, end=(AS_OF - timedelta(days=1)).isoformat())
    assert criterion(result(profile(roles=[role]), "sg_tech_pass"), "leading_role").met_from is None


@pytest.mark.parametrize(
    ("days_short", "day"), [(1, ai.AS_OF + timedelta(days=1)), (2, ai.AS_OF + timedelta(days=2))]
)
def test_ai_tech_years_within_the_window_give_the_day(days_short: int, day: date) -> None:
    # ai.engineer(1826) is exactly five calendar years up to 1 March 2027; one day short is short.
    data = ai.profile(roles=[ai.engineer(1826 - days_short)])
    res = result(data, "sg_one_pass_ai_tech", as_of=ai.AS_OF)
    assert criterion(res, "experience").status == "not_met"
    assert criterion(res, "experience").met_from == day
    assert res.eligible_from == day


def test_china_category_c_becomes_b_when_a_bachelor_reaches_two_years() -> None:
    data = cn.full(salary=70_000, level="bachelor", years=2, months=2, age=30)
    start = date.fromisoformat(data["roles"][0]["start"])
    day_before = AS_OF - timedelta(days=1)
    res = result(data, "cn_work_permit", as_of=day_before)
    assert criterion(res, "category").status == "review"
    assert criterion(res, "category").met_from == AS_OF
    assert res.eligible_from == AS_OF
    assert start < AS_OF


def _data(res_data: dict[str, Any], pathway: str) -> dict[str, Any]:
    return next(r for r in res_data["results"] if r["pathway"] == pathway)


def test_the_dates_are_in_the_output_only_when_there_is_one() -> None:
    short = _data(run(profile(roles=[leader(FIVE_YEARS - 1)])).to_data(), "sg_tech_pass")
    assert short["eligible_from"] == "2026-11-25"
    assert [c.get("met_from") for c in short["criteria"]] == [None, "2026-11-25"]
    full = _data(run(profile(roles=[leader()])).to_data(), "sg_tech_pass")
    assert "eligible_from" not in full
    assert all("met_from" not in c for c in full["criteria"])
