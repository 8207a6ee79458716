"""Re-assessment: on demand from the admin, and for every open case when new rules take effect."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse

from applicants.errors import AccessDenied, CaseRuleError, TransitionRefused
from applicants.models import Case
from applicants.services import transitions
from applicants.services.reassessment import reassess_case, reassess_open_cases
from assessments.models import Assessment
from assessments.services import run_assessment
from consultancy.celery import app as celery_app
from tests.applicants.factories import consultant, make_case, make_document, staff_login
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db

SGT = ZoneInfo("Asia/Singapore")
RULE_DAY = date(2027, 1, 1)  # Tech.Pass closes, ONE Pass AI & Tech and EP V2027 take effect


def _assessed_case(*, as_of: date = date(2026, 11, 24), **kwargs) -> Case:
    case = make_case(**kwargs)
    run_assessment(applicant=case.applicant, case=case, profile=senior_engineer(), as_of=as_of)
    return case


def _at(day: date, hour: int) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=SGT), tick=False)


def test_reassess_case_reruns_the_latest_profile_under_the_new_date_and_keeps_the_old_snapshot():
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice)
    old = case.assessments.get()

    new = reassess_case(case=case, as_of=RULE_DAY, by=alice)

    assert case.assessments.count() == 2
    assert new.inputs == old.inputs
    assert (new.as_of, new.created_by) == (RULE_DAY, alice)
    assert new.rule_versions["sg_tech_pass"] == "sg_tech_pass/closed_2027"
    assert Assessment.objects.get(pk=old.pk).rule_versions["sg_tech_pass"] == "sg_tech_pass/C_current"


def test_reassess_case_without_an_assessment_says_so():
    with pytest.raises(CaseRuleError, match="has no assessment to re-run"):
        reassess_case(case=make_case(), as_of=RULE_DAY)


def test_a_consultant_cannot_reassess_a_colleagues_case():
    case = _assessed_case(assigned_to=consultant("bob"))

    with pytest.raises(AccessDenied):
        reassess_case(case=case, as_of=RULE_DAY, by=consultant("alice"))


def test_ready_to_file_is_refused_while_the_assessment_predates_the_rules_in_force():
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice, status=Case.Status.IN_REVIEW, pathways=["sg_tech_pass"])

    with _at(RULE_DAY, 9), pytest.raises(TransitionRefused, match="predates the rules in force") as refused:
        transitions.mark_ready_to_file(case=case, by=alice)
    assert "sg_tech_pass/C_current → sg_tech_pass/closed_2027" in str(refused.value)

    with _at(RULE_DAY, 9):
        reassess_case(case=case, as_of=RULE_DAY, by=alice)
        transitions.mark_ready_to_file(case=case, by=alice)
    assert case.status == Case.Status.READY_TO_FILE


def test_a_rule_change_on_a_pathway_the_case_does_not_target_does_not_block_filing():
    alice = consultant("alice")
    case = _assessed_case(assigned_to=alice, status=Case.Status.IN_REVIEW, pathways=["cn_k_visa"])

    with _at(RULE_DAY, 9):
        transitions.mark_ready_to_file(case=case, by=alice)

    assert case.status == Case.Status.READY_TO_FILE


@pytest.fixture
def portfolio():
    alice = consultant("alice")
    return {
        "alice": alice,
        "tech_pass": _assessed_case(assigned_to=alice, pathways=["sg_tech_pass"]),
        "both": _assessed_case(assigned_to=alice, pathways=["sg_employment_pass", "cn_k_visa"]),
        "k_visa": _assessed_case(assigned_to=alice, pathways=["cn_k_visa"]),
        "closed": _assessed_case(assigned_to=alice, pathways=["sg_tech_pass"], status=Case.Status.CLOSED),
        "unassessed": make_case(assigned_to=alice, pathways=["sg_tech_pass"]),
    }


def test_on_the_first_day_of_new_rules_open_cases_on_affected_pathways_are_reassessed(portfolio):
    with _at(RULE_DAY, 6):
        assert reassess_open_cases(today=RULE_DAY) == 2

    counts = {
        name: Case.objects.get(pk=portfolio[name].pk).assessments.count()
        for name in ("tech_pass", "both", "k_visa", "closed", "unassessed")
    }
    assert counts == {"tech_pass": 2, "both": 2, "k_visa": 1, "closed": 1, "unassessed": 0}
    rerun = portfolio["tech_pass"].assessments.latest_first().first()
    assert (rerun.as_of, rerun.created_by) == (RULE_DAY, None)


def test_running_the_reassessment_twice_does_not_reassess_again(portfolio):
    with _at(RULE_DAY, 6):
        reassess_open_cases(today=RULE_DAY)
    with _at(RULE_DAY, 18):
        assert reassess_open_cases(today=RULE_DAY) == 0

    assert Assessment.objects.count() == 6


def test_an_ordinary_day_reassesses_nothing(portfolio):
    with _at(date(2026, 12, 15), 6):
        assert reassess_open_cases(today=date(2026, 12, 15)) == 0


def test_a_missed_rule_day_is_caught_up_within_a_week(portfolio):
    late = RULE_DAY + timedelta(days=3)
    with _at(late, 6):
        assert reassess_open_cases(today=late) == 2


def test_beat_reassesses_at_six_and_the_seven_oclock_digest_lists_the_results(portfolio):
    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    with _at(RULE_DAY, 6):
        celery_app.tasks[str(schedule["reassess-open-cases"]["task"])].apply().get()
    with _at(RULE_DAY, 7):
        celery_app.tasks[str(schedule["consultant-daily-digest"]["task"])].apply().get()

    [message] = mail.outbox
    assert message.to == ["alice@consultancy.example"]
    assert "Re-assessed today under the rule versions now in force" in message.body
    assert portfolio["tech_pass"].reference in message.body
    assert "Tech.Pass: Not open yet" in message.body
    assert portfolio["k_visa"].reference not in message.body


def test_the_admin_action_reassesses_selected_cases_and_explains_the_ones_it_cannot():
    alice = consultant("alice")
    assessed, bare = _assessed_case(assigned_to=alice), make_case(assigned_to=alice)
    make_document(case=bare, name="Passport")
    client = Client()
    staff_login(client, alice)

    response = client.post(
        reverse("admin:applicants_case_changelist"),
        {"action": "reassess", "_selected_action": [assessed.pk, bare.pk], "index": "0"},
        follow=True,
    )

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "1 case(s) re-assessed under the rules in force today." in messages
    assert any(bare.reference in m and "no assessment to re-run" in m for m in messages)
    latest = assessed.assessments.latest_first().first()
    assert latest is not None
    assert latest.created_by == alice
