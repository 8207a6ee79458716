"""The case workspace at the top of the case page: results in words, the recommendation in force, and
"Assign to me" and "Move to …" on the page, through the services (an unassigned case is never moved
with no one on it)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.models import Case, CaseStatusChange
from applicants.services.cases import add_note, add_reminder, override_recommendation
from applicants.services.transitions import move_case
from assessments.presentation import pathway_name
from assessments.services import run_assessment
from tests.applicants.factories import (
    case_manager,
    consultant,
    make_case,
    make_document,
    make_user,
    staff_login,
)
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db


def _assessed_case(**fields) -> Case:
    case = make_case(pathways=["sg_tech_pass", "cn_k_visa"], **fields)
    run_assessment(
        applicant=case.applicant,
        case=case,
        profile=senior_engineer(),
        as_of=date(2026, 11, 24),
        created_by=None,
    )
    return case


def _page(client: Client, case: Case) -> str:
    response = client.get(reverse("admin:applicants_case_change", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_words_each_route_and_never_shows_raw_outcome_codes() -> None:
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice)

    page = _page(staff_login(Client(), alice), case)

    assert 'id="case-workspace"' in page
    assert pathway_name("sg_tech_pass") in page
    assert pathway_name("cn_k_visa") in page
    assert "Our recommendation:" in page
    for raw in (
        "needs_review",
        "likely_eligible",
        "not_eligible",
        "sg_tech_pass:",
        "insufficient_information",
    ):
        assert raw not in page.split('id="case-workspace"')[1].split("</section>\n</div>")[0]


def test_the_case_page_in_chinese_words_the_results_in_chinese() -> None:
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice)
    client = staff_login(Client(), alice)
    client.cookies["django_language"] = "zh-hans"

    page = _page(client, case)

    assert "推荐" in page
    assert "审计记录" in page


def test_an_override_is_shown_with_who_chose_it_and_the_assessments_own_choice_kept() -> None:
    alice = consultant("alice", first_name="Alice", last_name="Tan")
    case = _assessed_case(assigned_to=alice)
    override_recommendation(case=case, pathways=["cn_k_visa"], reason="Moving to Shanghai first.", by=alice)

    page = _page(staff_login(Client(), alice), case)

    assert f"Our recommendation: {pathway_name('cn_k_visa')}" in page
    assert "Overridden by Alice Tan" in page
    assert "Moving to Shanghai first." in page
    assert "The assessment recommended:" in page


def test_assign_to_me_on_the_page_takes_an_unassigned_case() -> None:
    alice = consultant("alice")
    case = make_case(assigned_to=None)
    client = staff_login(Client(), alice)
    assert 'id="ws-assign-to-me"' in _page(client, case)

    response = client.post(reverse("admin:applicants_case_assign_to_me", args=[case.pk]), follow=True)

    case.refresh_from_db()
    assert case.assigned_to == alice
    assert f"{case.reference} is assigned to you." in response.content.decode()


def test_a_consultant_cannot_take_a_colleagues_case_from_the_page() -> None:
    alice, bob = consultant("alice"), consultant("bob")
    case = make_case(assigned_to=bob)

    response = staff_login(Client(), alice).post(
        reverse("admin:applicants_case_assign_to_me", args=[case.pk])
    )

    case.refresh_from_db()
    assert response.status_code == 404  # not in her scope at all
    assert case.assigned_to == bob


def test_moving_an_unassigned_case_assigns_the_mover_and_says_so() -> None:
    alice = consultant("alice")
    case = make_case(assigned_to=None, status=Case.Status.NEW)

    response = staff_login(Client(), alice).post(
        reverse("admin:applicants_case_move", args=[case.pk]),
        {"to_status": Case.Status.IN_REVIEW, "comment": "Starting today."},
        follow=True,
    )

    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Case.Status.IN_REVIEW, alice)
    assert "it is now assigned to you and moved to" in response.content.decode()
    assert CaseStatusChange.objects.get(case=case).comment == "Starting today."


def test_moving_an_unassigned_case_is_refused_to_someone_who_cannot_be_given_cases() -> None:
    clerk = make_user("clerk")
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_case", "change_case"]))
    case = make_case(assigned_to=None, status=Case.Status.NEW)

    response = staff_login(Client(), clerk).post(
        reverse("admin:applicants_case_move", args=[case.pk]),
        {"to_status": Case.Status.IN_REVIEW},
        follow=True,
    )

    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Case.Status.NEW, None)
    assert "assigned to no one: a consultant must take it" in response.content.decode()


def test_a_move_the_pipeline_refuses_says_why_and_leaves_the_case_unassigned() -> None:
    alice = consultant("alice")
    case = make_case(assigned_to=None, status=Case.Status.NEW)

    response = staff_login(Client(), alice).post(
        reverse("admin:applicants_case_move", args=[case.pk]),
        {"to_status": Case.Status.SUBMITTED},
        follow=True,
    )

    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Case.Status.NEW, None)  # the assignment rolled back too
    assert "cannot go from" in response.content.decode()


def test_the_page_offers_only_the_allowed_moves_and_a_manager_moves_any_case() -> None:
    manager, alice = case_manager("maria"), consultant("alice")
    case = make_case(assigned_to=alice, status=Case.Status.NEW)
    client = staff_login(Client(), manager)

    page = _page(client, case)
    client.post(reverse("admin:applicants_case_move", args=[case.pk]), {"to_status": Case.Status.IN_REVIEW})

    assert 'value="in_review"' in page
    assert 'value="withdrawn"' in page
    assert 'value="submitted"' not in page
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Case.Status.IN_REVIEW, alice)


def test_the_page_buttons_answer_only_post() -> None:
    alice = consultant("alice")
    case = make_case(assigned_to=alice)
    client = staff_login(Client(), alice)

    assert client.get(reverse("admin:applicants_case_move", args=[case.pk])).status_code == 403
    assert client.get(reverse("admin:applicants_case_assign_to_me", args=[case.pk])).status_code == 403


def test_the_list_action_also_assigns_an_unassigned_case_it_moves() -> None:
    alice = consultant("alice")
    case = make_case(assigned_to=None, status=Case.Status.NEW)

    staff_login(Client(), alice).post(
        reverse("admin:applicants_case_changelist"),
        {"action": "move_status", "_selected_action": [case.pk], "to_status": Case.Status.IN_REVIEW},
    )

    case.refresh_from_db()
    assert (case.status, case.assigned_to) == (Case.Status.IN_REVIEW, alice)


def test_notes_status_changes_and_overrides_are_listed_newest_first_without_page_views() -> None:
    alice = consultant("alice", first_name="Alice", last_name="Tan")
    case = _assessed_case(assigned_to=alice, status=Case.Status.NEW)
    client = staff_login(Client(), alice)
    add_note(case=case, author=alice, body="Called the client about payslips.")
    move_case(case=case, to_status=Case.Status.IN_REVIEW, by=alice, comment="Starting today.")
    override_recommendation(case=case, pathways=["cn_k_visa"], reason="Shanghai first.", by=alice)
    _page(client, case)  # a page view is logged, but not listed here

    page = _page(client, case)
    activity = page.split('id="ws-activity-title"')[1].split("</section>")[0]

    assert (
        activity.index("Shanghai first.")
        < activity.index("Starting today.")
        < activity.index("Called the client")
    )
    assert "New → In review" in activity
    assert "access" not in activity


@pytest.mark.parametrize("status", [Case.Status.NEW, Case.Status.IN_REVIEW])
@pytest.mark.parametrize("assigned", [True, False])
def test_the_case_page_and_dashboard_stay_within_twelve_queries_whatever_the_case_holds(
    status, assigned
) -> None:
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice if assigned else None, status=status)
    for i in range(3):
        add_note(case=case, author=alice, body=f"Note {i}")
        make_document(case=case, name=f"Document {i}", is_required=True)
        add_reminder(case=case, title=f"Reminder {i}", due_on=date(2026, 12, 1 + i), by=alice)
    override_recommendation(case=case, pathways=["cn_k_visa"], reason="Shanghai first.", by=alice)
    client = staff_login(Client(), alice)
    client.get(reverse("admin:index"))

    for url in (reverse("admin:index"), reverse("admin:applicants_case_change", args=[case.pk])):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 12, (url, [q["sql"][:80] for q in queries.captured_queries])
