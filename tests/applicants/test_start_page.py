"""The start page: what this is, how long, "Start now" early, and one dated "what's changing" box."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from applicants.rule_dates import upcoming_changes

pytestmark = pytest.mark.django_db


def test_each_day_and_pathway_appears_once_in_the_changes() -> None:
    days = upcoming_changes(date(2026, 12, 1))

    assert [day.day for day in days] == sorted({day.day for day in days})
    for day in days:
        names = [change.name for change in day.changes]
        assert len(names) == len(set(names))


def test_a_pathway_with_new_rules_for_first_applications_and_renewals_on_one_day_is_one_line() -> None:
    first_of_2027 = next(day for day in upcoming_changes(date(2026, 12, 1)) if day.day == date(2027, 1, 1))

    one_pass = [change for change in first_of_2027.changes if change.name == "ONE Pass (AI and Tech)"]

    assert len(one_pass) == 1
    assert one_pass[0].for_new
    assert one_pass[0].for_renewal
    assert not one_pass[0].closes


def test_a_closing_pathway_is_said_to_close() -> None:
    first_of_2027 = next(day for day in upcoming_changes(date(2026, 12, 1)) if day.day == date(2027, 1, 1))

    assert [change.name for change in first_of_2027.changes if change.closes] == ["Tech.Pass"]


def test_start_now_comes_before_the_changes_and_the_details(client: Client) -> None:
    page = client.get("/").content.decode()

    start = page.index('id="start-now"')
    assert page.index("10 minutes") < start < page.index("What's changing") < page.index("What it covers")


def test_the_start_page_has_one_changes_box_with_no_repeated_line(client: Client) -> None:
    page = client.get("/").content.decode()

    assert page.count('class="whats-changing') == 1
    assert page.count("New rules for ONE Pass (AI and Tech)") == 1
    assert page.count("Tech.Pass takes no new applications.") == 1


def test_the_chinese_start_page_lists_the_changes_in_chinese(client: Client) -> None:
    page = client.get("/zh-hans/").content.decode()

    assert "即将变化" in page
    assert "What's changing" not in page
