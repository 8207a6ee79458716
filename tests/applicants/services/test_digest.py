"""The daily digest run by beat: one e-mail per consultant, listing exactly their cases, once a day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from applicants.models import Case, DigestDelivery, Reminder
from consultancy.celery import app as celery_app
from staff.services import save_staff_profile
from tests.applicants.factories import consultant, make_applicant, make_case, snapshot

pytestmark = pytest.mark.django_db

SGT = ZoneInfo("Asia/Singapore")
TODAY = date(2026, 11, 24)
MORNING = datetime(2026, 11, 24, 7, 0, tzinfo=SGT)


@pytest.fixture(autouse=True)
def _discover_tasks() -> None:
    # What a worker or beat does at start-up: import every app's tasks module.
    celery_app.loader.import_default_modules()


def _run_beat_entry() -> None:
    """Run the task the beat entry names, as the scheduler would enqueue it (executed in-process)."""
    entry = settings.CELERY_BEAT_SCHEDULE["consultant-daily-digest"]
    celery_app.tasks[str(entry["task"])].apply().get()


@pytest.fixture
def cast():
    with time_machine.travel(MORNING - timedelta(days=30), tick=False):
        alice = consultant("alice", first_name="Alice")
        bob = consultant("bob")
        carol = consultant("carol")  # has cases, but nothing due today
        due = make_case(
            assigned_to=alice,
            next_action="Send checklist",
            next_action_on=TODAY,
            applicant=make_applicant(full_name="Wang Fang"),
        )
        overdue = make_case(
            assigned_to=alice, next_action="Call back", next_action_on=TODAY - timedelta(days=3)
        )
        in_90 = make_case(
            assigned_to=alice, status=Case.Status.CLOSED, pass_expires_on=TODAY + timedelta(days=90)
        )
        in_30 = make_case(
            assigned_to=bob, status=Case.Status.APPROVED, pass_expires_on=TODAY + timedelta(days=30)
        )
        in_45 = make_case(assigned_to=bob, pass_expires_on=TODAY + timedelta(days=45))  # not a milestone
        renewal = make_case(assigned_to=bob, pass_expires_on=date(2027, 5, 24), renewal_window_opens_on=TODAY)
        future = make_case(assigned_to=carol, next_action="Later", next_action_on=TODAY + timedelta(days=1))
        closed_due = make_case(assigned_to=carol, status=Case.Status.CLOSED, next_action_on=TODAY)
        queue = make_case(next_action="Triage", next_action_on=TODAY)  # unassigned: nobody's digest
        reminded = make_case(assigned_to=bob)
        Reminder.objects.create(case=reminded, title="Chase payslips", due_on=TODAY - timedelta(days=1))
        Reminder.objects.create(case=reminded, title="Not yet", due_on=TODAY + timedelta(days=2))
    with time_machine.travel(MORNING - timedelta(hours=1), tick=False):
        snapshot(reminded, created_by=None)  # the overnight re-assessment after a rule change
    return locals()


def _mail_to(address: str) -> mail.EmailMessage:
    matches = [m for m in mail.outbox if m.to == [address]]
    assert len(matches) == 1, [m.to for m in mail.outbox]
    return matches[0]


def test_beat_runs_the_digest_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["consultant-daily-digest"]
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == crontab(hour=7, minute=0)  # every day, 07:00 local time
    assert "worker-heartbeat" in settings.CELERY_BEAT_SCHEDULE


def test_each_consultant_with_work_gets_exactly_one_email(cast):
    with time_machine.travel(MORNING, tick=False):
        _run_beat_entry()

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@consultancy.example", "bob@consultancy.example"]


def test_the_digest_lists_the_consultants_own_due_work_and_nothing_else(cast):
    with time_machine.travel(MORNING, tick=False):
        _run_beat_entry()

    alice = _mail_to("alice@consultancy.example")
    assert "2026-11-24: 3 items need you" in alice.subject
    for case in (cast["due"], cast["overdue"], cast["in_90"]):
        assert case.reference in alice.body
    for case in (cast["in_30"], cast["renewal"], cast["future"], cast["queue"], cast["closed_due"]):
        assert case.reference not in alice.body
    assert "Hello Alice" in alice.body
    assert "Wang Fang: Send checklist (due today)" in alice.body
    assert "Call back (overdue since 2026-11-21)" in alice.body
    assert "Passes expiring in 90 days" in alice.body
    assert f"/admin/applicants/case/{cast['due'].pk}/change/" in alice.body

    bob = _mail_to("bob@consultancy.example")
    for case in (cast["in_30"], cast["renewal"], cast["reminded"]):
        assert case.reference in bob.body
    assert cast["in_45"].reference not in bob.body
    assert "Passes expiring in 30 days" in bob.body
    assert "Chase payslips (due 2026-11-23)" in bob.body
    assert "Not yet" not in bob.body
    assert "Re-assessed today" in bob.body
    assert "Tech.Pass: Eligible" in bob.body


def test_running_the_digest_twice_the_same_day_sends_nothing_more(cast):
    with time_machine.travel(MORNING, tick=False):
        _run_beat_entry()
    with time_machine.travel(MORNING + timedelta(hours=5), tick=False):
        _run_beat_entry()

    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.filter(sent_on=TODAY).count() == 2


def test_the_next_day_brings_a_new_digest(cast):
    with time_machine.travel(MORNING, tick=False):
        _run_beat_entry()
    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        _run_beat_entry()

    recipients = [m.to[0] for m in mail.outbox[2:]]
    # Tomorrow: carol's "Later" falls due; alice's action and bob's reminder are still open.
    assert sorted(recipients) == [
        "alice@consultancy.example",
        "bob@consultancy.example",
        "carol@consultancy.example",
    ]
    bob_tomorrow = next(m for m in mail.outbox[2:] if m.to == ["bob@consultancy.example"])
    assert cast["in_30"].reference not in bob_tomorrow.body  # the 30-day milestone was yesterday


def test_a_failed_send_is_not_recorded_so_the_retry_sends_it(cast, monkeypatch):
    from applicants.services import digest

    def broken(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(digest, "send_mail", broken)
    with time_machine.travel(MORNING, tick=False), pytest.raises(OSError, match="unreachable"):
        digest.send_daily_digests(today=TODAY)
    assert not DigestDelivery.objects.exists()

    monkeypatch.undo()
    with time_machine.travel(MORNING, tick=False):
        assert digest.send_daily_digests(today=TODAY) == 2


def test_a_consultant_working_in_chinese_gets_the_digest_in_chinese_and_a_colleague_in_english(cast):
    save_staff_profile(user=cast["bob"], display_name="Bob", language="zh-hans")

    with time_machine.travel(MORNING, tick=False):
        _run_beat_entry()

    bob, alice = _mail_to("bob@consultancy.example"), _mail_to("alice@consultancy.example")
    assert bob.subject.startswith("您 2026-11-24 的案件")
    assert "准证于 2026-12-24 到期" in bob.body
    assert "从今天起可以递交续签申请" in bob.body
    assert "pass expires on" not in bob.body
    assert alice.subject.startswith("Your cases on")
    assert "due today" in alice.body
