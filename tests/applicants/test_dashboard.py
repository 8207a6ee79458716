"""The admin index: new cases no one has taken, my open cases by next action date, overdue work, expiring
passes, letters waiting for my review, and bar charts of the cases I may see, counted live."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applicants.dashboard import PANEL_SIZE, Dashboard, build_dashboard
from applicants.models import Case
from tests.applicants.factories import consultant, make_case, staff_login

pytestmark = pytest.mark.django_db


def _dashboard(user: User) -> Dashboard:
    return build_dashboard(user, today=timezone.localdate(), now=timezone.now())


def test_a_new_unassigned_case_is_on_every_consultants_dashboard_until_someone_takes_it() -> None:
    alice, bob = consultant("alice"), consultant("bob")
    waiting = make_case(assigned_to=None, status=Case.Status.NEW)
    make_case(assigned_to=bob, status=Case.Status.NEW)

    page = staff_login(Client(), alice).get(reverse("admin:index")).content.decode()

    assert [c.pk for c in _dashboard(alice).unassigned_new.cases] == [waiting.pk]
    assert waiting.reference in page.split('id="unassigned-new-cases"')[1].split("</section>")[0]


def test_my_open_cases_come_by_next_action_date_and_the_count_covers_more_than_the_panel() -> None:
    alice = consultant("alice")
    today = timezone.localdate()
    cases = [
        make_case(assigned_to=alice, status=Case.Status.IN_REVIEW, next_action_on=today + timedelta(days=d))
        for d in reversed(range(PANEL_SIZE + 2))
    ]
    make_case(assigned_to=alice, status=Case.Status.CLOSED, next_action_on=today)

    panel = _dashboard(alice).my_open

    assert panel.count == PANEL_SIZE + 2
    assert [c.pk for c in panel.cases] == [c.pk for c in reversed(cases)][:PANEL_SIZE]


def test_overdue_and_expiring_panels_pick_their_cases() -> None:
    alice = consultant("alice")
    today = timezone.localdate()
    overdue = make_case(assigned_to=alice, next_action_on=today - timedelta(days=2))
    expiring = make_case(assigned_to=alice, pass_expires_on=today + timedelta(days=30))
    make_case(assigned_to=alice, pass_expires_on=today + timedelta(days=300))

    board = _dashboard(alice)

    assert [c.pk for c in board.overdue.cases] == [overdue.pk]
    assert [c.pk for c in board.expiring.cases] == [expiring.pk]


def test_the_charts_have_accessible_names_and_text_with_the_counts() -> None:
    alice = consultant("alice")
    make_case(assigned_to=alice, status=Case.Status.NEW, pathways=["sg_tech_pass"])
    make_case(assigned_to=None, status=Case.Status.NEW, pathways=["sg_tech_pass", "cn_k_visa"])

    board = _dashboard(alice)
    page = staff_login(Client(), alice).get(reverse("admin:index")).content.decode()

    assert "New: 2" in board.by_status.text
    assert "Tech.Pass: 2" in board.by_pathway.text
    assert board.new_per_week.text.endswith(": 2.")
    for chart in (board.by_status, board.by_pathway, board.new_per_week):
        assert 'role="img"' in chart.svg
        assert "<title" in chart.svg
        assert chart.text in page
