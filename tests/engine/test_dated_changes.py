"""Deadlines and upcoming changes (contract v2 "Dated changes"), computed from the rule versions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assessments.engine import REGISTRY

from .helpers import english, result, run


@pytest.mark.parametrize(
    ("as_of", "deadline", "days_left"),
    [
        (date(2026, 1, 1), date(2026, 12, 31), 365),
        (date(2026, 12, 30), date(2026, 12, 31), 2),
        (date(2026, 12, 31), date(2026, 12, 31), 1),
    ],
)
def test_every_tech_pass_result_before_the_cut_over_carries_the_deadline(
    as_of: date, deadline: date, days_left: int
) -> None:
    res = result({}, "sg_tech_pass", as_of=as_of)
    assert (res.deadline, res.deadline_days_left) == (deadline, days_left)
    [change] = res.upcoming_changes
    assert (change.effective_on, change.kind) == (date(2027, 1, 1), "closes")
    assert "ONE Pass (AI and Tech)" in english(change.summary)


def test_from_the_cut_over_tech_pass_has_no_deadline_and_is_not_open() -> None:
    res = result({}, "sg_tech_pass", as_of=date(2027, 1, 1))
    assert (res.outcome, res.deadline, res.upcoming_changes) == ("not_open", None, [])


@pytest.mark.parametrize(
    ("as_of", "reported"),
    [
        # The horizon is 12 calendar months: a change exactly 12 months ahead is reported, one day more is not.
        (date(2026, 1, 1), True),
        (date(2025, 12, 31), False),
    ],
)
def test_changes_are_reported_within_twelve_months(as_of: date, reported: bool) -> None:
    res = result({}, "sg_one_pass_ai_tech", as_of=as_of)
    assert [c.kind for c in res.upcoming_changes] == (["opens"] if reported else [])


def test_the_employment_pass_threshold_change_is_reported_with_its_figure() -> None:
    res = result({}, "sg_employment_pass", as_of=date(2026, 11, 24))
    [change] = res.upcoming_changes
    assert change.kind == "threshold"
    assert "S$6,000" in english(change.summary)


def test_the_contract_carries_deadline_and_upcoming_changes_on_every_result() -> None:
    data: dict[str, Any] = run({}, as_of=date(2026, 11, 24)).to_contract()
    for item in data["results"]:
        assert "deadline" in item
        assert isinstance(item["upcoming_changes"], list)
    tech = data["results"][0]
    assert tech["deadline"] == "2026-12-31"
    assert tech["upcoming_changes"][0]["summary"].startswith("New Tech.Pass applications end")


def test_every_version_that_follows_another_says_what_changes() -> None:
    for entry in REGISTRY:
        for application_type in ("new", "renewal"):
            changes = entry.book.changes(date(1900, 1, 1), application_type, date(2200, 1, 1))
            for _, after, kind in changes:
                assert after.change_summary, f"{after.id} has no change summary"
                assert kind in {"opens", "closes", "threshold", "criteria"}
