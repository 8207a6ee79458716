"""Which rule versions apply when: in force on a day, starting in a window, named by id; closures as data."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from assessments.engine import (
    PATHWAY_CODES,
    rule_catalogue,
    versions_in_force,
    versions_starting,
    versions_with_ids,
)
from assessments.engine.profile import COVERAGE_START
from assessments.engine.render import render_message

from .helpers import result

CATALOGUE = rule_catalogue()


@pytest.mark.parametrize(
    ("on", "application_type", "pathway", "expected"),
    [
        (date(2026, 12, 31), "new", "sg_tech_pass", "sg_tech_pass/C_current"),
        (date(2027, 1, 1), "new", "sg_tech_pass", "sg_tech_pass/closed_2027"),
        (date(2026, 12, 31), "new", "sg_one_pass_ai_tech", "sg_one_pass_ai_tech/before_launch"),
        (date(2027, 1, 1), "new", "sg_one_pass_ai_tech", "sg_one_pass_ai_tech/2027"),
        (date(2027, 1, 1), "renewal", "sg_one_pass_ai_tech", "sg_one_pass_ai_tech/renewal_unpublished"),
        (date(2026, 12, 31), "new", "sg_employment_pass", "sg_employment_pass/V2025"),
        (date(2027, 1, 1), "new", "sg_employment_pass", "sg_employment_pass/V2027"),
        (date(2027, 12, 31), "renewal", "sg_employment_pass", "sg_employment_pass/V2025_renewal"),
        (date(2028, 1, 1), "renewal", "sg_employment_pass", "sg_employment_pass/V2027_renewal"),
        (date(2025, 9, 30), "new", "cn_k_visa", "cn_k_visa/before_launch"),
        (date(2025, 10, 1), "new", "cn_k_visa", "cn_k_visa/2025"),
        (date(2023, 8, 31), "renewal", "sg_tech_pass", "sg_tech_pass/renewal_2021"),
        (date(2023, 9, 1), "renewal", "sg_tech_pass", "sg_tech_pass/renewal_current"),
    ],
)
def test_the_version_in_force_changes_on_its_first_day(
    on: date, application_type: str, pathway: str, expected: str
) -> None:
    assert versions_in_force(on, application_type)[pathway].id == expected


@pytest.mark.parametrize("application_type", ["new", "renewal"])
@pytest.mark.parametrize("on", [COVERAGE_START, date(2026, 12, 31), date(2027, 1, 1), date(2030, 6, 1)])
def test_every_pathway_has_one_version_in_force_in_contract_order(on: date, application_type: str) -> None:
    assert tuple(versions_in_force(on, application_type)) == PATHWAY_CODES


def test_new_applications_are_asked_about_by_default() -> None:
    assert versions_in_force(date(2027, 1, 1)) == versions_in_force(date(2027, 1, 1), "new")


def _window_starts() -> list[tuple[date, str]]:
    return sorted(
        {
            (day, application_type)
            for version in CATALOGUE
            if version.effective_from > COVERAGE_START
            for day in (version.effective_from - timedelta(days=1), version.effective_from)
            for application_type in version.applies_to
        }
    )


@pytest.mark.parametrize(("on", "application_type"), _window_starts())
def test_the_versions_in_force_are_the_ones_an_assessment_applies(on: date, application_type: str) -> None:
    in_force = versions_in_force(on, application_type)
    for pathway in PATHWAY_CODES:
        applied = result({"application_type": application_type}, pathway, as_of=on).rule_version
        assert in_force[pathway].id == applied


def test_a_pathway_without_encoded_rules_on_the_day_is_left_out() -> None:
    assert "sg_employment_pass" not in versions_in_force(date(2019, 12, 31))
    assert versions_in_force(date(2019, 12, 31))["cn_r_visa"].id == "cn_r_visa/2013"


@pytest.mark.parametrize(
    ("after", "until", "expected"),
    [
        # The day before 1 Jan 2027 still lies ahead of it; from 1 Jan 2027 on, it is in the past.
        (
            date(2026, 12, 31),
            date(2027, 1, 1),
            [
                "sg_tech_pass/closed_2027",
                "sg_one_pass_ai_tech/2027",
                "sg_one_pass_ai_tech/renewal_unpublished",
                "sg_employment_pass/V2027",
            ],
        ),
        (date(2027, 1, 1), date(2027, 12, 31), []),
        (date(2026, 12, 30), date(2026, 12, 31), []),
        (date(2027, 12, 31), date(2028, 1, 1), ["sg_employment_pass/V2027_renewal"]),
        (
            date(2025, 9, 30),
            date(2026, 1, 1),
            ["cn_k_visa/2025", "sg_employment_pass/V2025_renewal"],
        ),
        (date(2025, 10, 1), date(2025, 12, 31), []),
    ],
)
def test_versions_starting_in_a_window_exclude_its_first_day_and_include_its_last(
    after: date, until: date, expected: list[str]
) -> None:
    assert [version.id for version in versions_starting(after, until)] == expected


def test_versions_starting_are_sorted_by_first_day() -> None:
    starting = versions_starting(date(2020, 12, 31), date(2099, 12, 31))
    days = [version.effective_from for version in starting]
    assert days == sorted(days)
    assert {version.id for version in starting} == {
        version.id for version in CATALOGUE if date(2020, 12, 31) < version.effective_from
    }


def test_versions_with_ids_keeps_catalogue_order_and_skips_unknown_ids() -> None:
    found = versions_with_ids(["cn_k_visa/2025", "sg_tech_pass/retired_long_ago", "sg_tech_pass/C_current"])
    assert [version.id for version in found] == ["sg_tech_pass/C_current", "cn_k_visa/2025"]


@pytest.mark.parametrize(
    ("pathway", "on", "summary"),
    [
        (
            "sg_tech_pass",
            date(2027, 1, 1),
            "Tech.Pass takes no new applications from 1 January 2027: the ONE Pass (AI and Tech) track replaces "
            "it (the cut-over details are unconfirmed).",
        ),
        (
            "sg_one_pass_ai_tech",
            date(2026, 12, 31),
            "The ONE Pass (AI and Tech) track opens on 1 January 2027; it takes no applications on 2026-12-31.",
        ),
        (
            "cn_k_visa",
            date(2025, 9, 30),
            "The K visa exists from 1 October 2025; it takes no applications on 2025-09-30.",
        ),
        (
            "sg_one_pass",
            date(2022, 12, 31),
            "ONE Pass takes no applications of this type on 2022-12-31.",
        ),
    ],
)
def test_a_closed_pathway_says_why_from_its_rule_data(pathway: str, on: date, summary: str) -> None:
    closed = result({}, pathway, as_of=on)
    assert closed.outcome.value == "not_open"
    assert render_message(closed.summary.to_data()) == summary


def test_only_a_version_that_takes_no_applications_carries_a_closure() -> None:
    assert [v.id for v in CATALOGUE if v.closure] == [
        "sg_tech_pass/closed_2027",
        "sg_one_pass_ai_tech/before_launch",
        "cn_k_visa/before_launch",
    ]
    open_version = next(v for v in CATALOGUE if v.is_open)
    with pytest.raises(ValueError, match="closure"):
        dataclasses.replace(open_version, closure="Closed.")
