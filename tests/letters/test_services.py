"""Advice letters from request to ready: versions, the claim that makes delivery twice harmless,
retries with the error kept for staff, permanent failures, the sweeper, and the ready e-mails; every
task call through the outbox."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from letters import services
from letters.models import AdviceLetter
from outbox.models import OutboxMessage
from staff.services import save_staff_profile
from tests.applicants.factories import make_case, snapshot
from tests.letters.factories import case_with_snapshot, requested_letter
from tests.letters.helpers import full_text, squash

pytestmark = pytest.mark.django_db


def test_each_request_makes_the_next_version_and_keeps_the_earlier_ones():
    case, snap, adviser = case_with_snapshot()

    first = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )
    second = services.request_advice_letter(
        case=case, assessment=snap, language="bilingual", note=" Call me. ", requested_by=adviser
    )

    assert (first.version, second.version) == (1, 2)
    assert second.reference == f"{case.reference}-L2"
    assert second.consultant_note == "Call me."
    assert second.status == AdviceLetter.Status.QUEUED
    assert list(case.advice_letters.order_by("version").values_list("language", flat=True)) == [
        "en",
        "bilingual",
    ]


def test_a_snapshot_of_another_case_is_refused():
    case, _, adviser = case_with_snapshot()
    _, other_snapshot, _ = case_with_snapshot()

    with pytest.raises(ValidationError, match="another case"):
        services.request_advice_letter(
            case=case, assessment=other_snapshot, language="en", note="", requested_by=adviser
        )
    assert not AdviceLetter.objects.exists()


def test_an_unknown_language_is_refused():
    case, snap, adviser = case_with_snapshot()

    with pytest.raises(ValidationError, match="English, Simplified Chinese or both"):
        services.request_advice_letter(
            case=case, assessment=snap, language="fr", note="", requested_by=adviser
        )


def test_an_overlong_note_is_refused_with_its_length():
    case, snap, adviser = case_with_snapshot()

    with pytest.raises(ValidationError, match="4001 characters"):
        services.request_advice_letter(
            case=case, assessment=snap, language="en", note="x" * 4001, requested_by=adviser
        )


def test_a_request_is_sent_to_the_workers_only_after_commit_and_ends_ready(
    celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    case, snap, adviser = case_with_snapshot(language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.request_advice_letter(
            case=case, assessment=snap, language="bilingual", note="请尽快提交。", requested_by=adviser
        )
        assert letter.status == AdviceLetter.Status.QUEUED  # nothing ran before the commit
        # The render call is stored with the letter, in the same transaction.
        assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
            ("letters.render_letter", [letter.pk])
        ]

    letter.refresh_from_db()
    assert not OutboxMessage.objects.exists()  # published after the commit (render and ready e-mails)
    assert letter.status == AdviceLetter.Status.READY
    assert letter.attempts == 1
    pdf = letter.file.read()
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256
    assert letter.page_count is not None
    assert letter.page_count >= 3
    assert letter.file.name == f"{case.reference}/{letter.reference}.pdf"
    text = squash(full_text(pdf))
    assert squash("陈嘉豪 Chen Jiahao") in text
    assert "请尽快提交。" in text
    assert squash("Priya Raman") in text


def test_a_rendered_letter_is_a_draft_only_its_consultant_hears_of(
    celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    case, snap, adviser = case_with_snapshot(language="zh-hans", email="jiahao@mail.example")

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.request_advice_letter(
            case=case, assessment=snap, language="en", note="", requested_by=adviser
        )
    # The e-mail task is queued on the commit of the render's own transaction.
    with django_capture_on_commit_callbacks(execute=True):
        services.render_letter(letter_id=letter.pk)

    letter.refresh_from_db()
    assert letter.notified_at is not None
    assert letter.released_at is None
    (consultant_mail,) = mailoutbox
    assert consultant_mail.to == [adviser.email]
    assert consultant_mail.subject == f"Advice letter {letter.reference} for 陈嘉豪 Chen Jiahao is ready"
    assert f"/admin/applicants/case/{case.pk}/letters/{letter.pk}/review/" in consultant_mail.body


def test_release_e_mails_the_applicant_in_their_language_once_signed_by_the_consultant(
    celery_eager, django_capture_on_commit_callbacks, mailoutbox
):
    case, snap, adviser = case_with_snapshot(language="zh-hans", email="jiahao@mail.example")
    save_staff_profile(user=adviser, display_name="Priya Raman", title="Senior immigration consultant")
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )
    services.render_letter(letter_id=letter.pk)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.release_letter(letter=letter, by=adviser)

    letter.refresh_from_db()
    assert letter.applicant_notified_at is not None
    (applicant_mail,) = mailoutbox
    assert applicant_mail.to == ["jiahao@mail.example"]
    assert applicant_mail.subject == f"您的建议函 {letter.reference} 已生成"
    assert f"/portal/letters/{letter.pk}/download" in applicant_mail.body
    assert "Priya Raman\nSenior immigration consultant" in applicant_mail.body
    assert not applicant_mail.attachments  # the PDF is downloaded after signing in, never mailed
    assert services.send_letter_released_email(letter_id=letter.pk) is False
    assert len(mailoutbox) == 1


def test_ready_e_mails_are_sent_once(mailoutbox):
    letter = requested_letter()
    services.render_letter(letter_id=letter.pk)

    assert services.send_letter_ready_emails(letter_id=letter.pk) is True
    assert services.send_letter_ready_emails(letter_id=letter.pk) is False
    assert len(mailoutbox) == 1


def test_a_second_delivery_of_a_ready_letter_does_nothing():
    letter = requested_letter()
    services.render_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    sha, ready_at = letter.sha256, letter.ready_at

    assert services.render_letter(letter_id=letter.pk) is None

    letter.refresh_from_db()
    assert (letter.attempts, letter.sha256, letter.ready_at) == (1, sha, ready_at)


def test_a_letter_a_live_worker_is_rendering_is_not_taken_twice():
    letter = requested_letter()
    now = timezone.now()

    assert services.claim_letter(letter_id=letter.pk, now=now) is not None
    assert services.claim_letter(letter_id=letter.pk, now=now + timedelta(seconds=30)) is None

    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == (AdviceLetter.Status.RENDERING, 1)


@override_settings(LETTER_RENDERING_DEADLINE=180)
def test_a_letter_whose_worker_died_is_taken_again_and_only_the_new_attempt_stores():
    letter = requested_letter()
    now = timezone.now()
    services.claim_letter(letter_id=letter.pk, now=now - timedelta(seconds=181))

    retaken = services.claim_letter(letter_id=letter.pk, now=now)
    late = services.store_rendered_letter(letter_id=letter.pk, attempt=1, pdf=b"%PDF-late", page_count=1)

    assert retaken is not None
    assert retaken.attempts == 2
    assert late is None
    letter.refresh_from_db()
    assert (letter.status, letter.sha256) == (AdviceLetter.Status.RENDERING, "")


@override_settings(LETTER_MAX_ATTEMPTS=2, LETTER_RENDERING_DEADLINE=180)
def test_a_letter_that_used_all_its_attempts_fails_saying_why():
    letter = requested_letter()
    long_ago = timezone.now() - timedelta(hours=1)
    services.claim_letter(letter_id=letter.pk, now=long_ago)
    AdviceLetter.objects.filter(pk=letter.pk).update(attempts=2)

    assert services.claim_letter(letter_id=letter.pk, now=timezone.now()) is None

    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.FAILED
    assert "stopped 2 times" in letter.last_error
    assert letter.failed_at is not None


def _block_the_pdf_path(letter: AdviceLetter) -> Path:
    """A directory where the PDF must go: saving the file fails with a real OSError."""
    path = Path(letter.file.storage.path(f"{letter.case.reference}/{letter.reference}.pdf"))
    path.mkdir(parents=True)
    return path


def test_a_failed_attempt_queues_the_letter_again_with_the_error_for_staff():
    letter = requested_letter()
    blocker = _block_the_pdf_path(letter)

    with pytest.raises(services.LetterRetry):
        services.render_letter(letter_id=letter.pk)

    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.QUEUED
    assert letter.attempts == 1
    assert letter.last_error.startswith("IsADirectoryError")
    blocker.rmdir()
    assert services.render_letter(letter_id=letter.pk) is not None
    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == (AdviceLetter.Status.READY, 2)


@override_settings(LETTER_MAX_ATTEMPTS=1)
def test_a_failure_on_the_last_attempt_fails_the_letter_with_the_error():
    letter = requested_letter()
    blocker = _block_the_pdf_path(letter)

    assert services.render_letter(letter_id=letter.pk) is None

    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.FAILED
    assert letter.last_error.startswith("IsADirectoryError")
    blocker.rmdir()


def test_a_snapshot_the_letter_cannot_print_fails_at_once_naming_the_problem():
    case = make_case()
    broken = snapshot(case)  # results without the engine's texts
    letter = services.request_advice_letter(
        case=case, assessment=broken, language="en", note="", requested_by=None
    )

    assert services.render_letter(letter_id=letter.pk) is None

    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.FAILED
    assert letter.attempts == 1
    assert "not in the engine's output shape" in letter.last_error


def test_the_sweeper_queues_again_letters_whose_worker_died(celery_eager, django_capture_on_commit_callbacks):
    now = timezone.now()
    worker_died = requested_letter()
    fresh = requested_letter()
    services.claim_letter(letter_id=worker_died.pk, now=now - timedelta(minutes=4))

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.sweep_stalled_renders(
            now=now, rendering_for=timedelta(minutes=3), queued_for=timedelta(minutes=8)
        )
        # The render call goes through the outbox, in the sweeper's own transaction.
        assert ("letters.render_letter", [worker_died.pk]) in OutboxMessage.objects.values_list(
            "task_name", "args"
        )

    assert sent == 1
    worker_died.refresh_from_db()
    assert worker_died.status == AdviceLetter.Status.READY
    assert worker_died.attempts == 2
    fresh.refresh_from_db()
    assert fresh.status == AdviceLetter.Status.QUEUED


def test_the_sweeper_leaves_letters_that_are_moving_alone_and_queued_ones_to_the_outbox():
    now = timezone.now()
    queued = requested_letter()
    long_queued = requested_letter()
    rendering = requested_letter()
    AdviceLetter.objects.filter(pk=long_queued.pk).update(enqueued_at=now - timedelta(hours=1))
    services.claim_letter(letter_id=rendering.pk, now=now - timedelta(minutes=1))

    assert (
        services.sweep_stalled_renders(
            now=now, rendering_for=timedelta(minutes=3), queued_for=timedelta(minutes=8)
        )
        == 0
    )
    for letter in (queued, long_queued):
        letter.refresh_from_db()
        assert letter.status == AdviceLetter.Status.QUEUED
    rendering.refresh_from_db()
    assert (rendering.status, rendering.attempts) == (AdviceLetter.Status.RENDERING, 1)


def test_a_letter_the_broker_could_not_take_waits_in_the_outbox(
    monkeypatch, django_capture_on_commit_callbacks
):
    from letters import tasks

    def broker_down(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError("broker down")

    # The real broker outage is tested in tests/security (test_outages.py in-process, test_faults.py
    # with Redis stopped); this checks what the request does when publishing fails, without waiting
    # for a connection timeout.
    monkeypatch.setattr(tasks.render_letter_task, "apply_async", broker_down)
    case, snap, adviser = case_with_snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.request_advice_letter(
            case=case, assessment=snap, language="en", note="", requested_by=adviser
        )

    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.QUEUED
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.args, message.attempts) == ("letters.render_letter", [letter.pk], 1)
    assert message.last_error == "ConnectionRefusedError"


def test_a_ready_letter_sends_its_e_mails_through_the_outbox():
    letter = requested_letter()

    services.render_letter(letter_id=letter.pk)

    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("letters.render_letter", [letter.pk]),
        ("letters.send_letter_ready_emails", [letter.pk]),
    ]


def test_the_sweeper_sends_again_a_retry_that_died_with_its_worker_and_leaves_a_recent_one_waiting():
    now = timezone.now()
    lost_retry = requested_letter()
    recent_retry = requested_letter()
    for letter, failed_at in (
        (lost_retry, now - timedelta(minutes=9)),
        (recent_retry, now - timedelta(minutes=2)),
    ):
        services.claim_letter(letter_id=letter.pk, now=failed_at)
        assert services.requeue_letter(letter_id=letter.pk, attempt=1, error="OSError: disk full")
        AdviceLetter.objects.filter(pk=letter.pk).update(enqueued_at=failed_at)
    OutboxMessage.objects.all().delete()  # the requests' own render calls, not what this test is about

    sent = services.sweep_stalled_renders(
        now=now, rendering_for=timedelta(minutes=3), queued_for=timedelta(minutes=8)
    )

    assert sent == 1
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("letters.render_letter", [lost_retry.pk])
    ]
    recent_retry.refresh_from_db()
    assert (recent_retry.status, recent_retry.attempts) == (AdviceLetter.Status.QUEUED, 1)


def test_the_sweeper_sends_again_a_letter_a_killed_worker_had_taken_but_not_started():
    # A worker killed whole loses the messages it had reserved; the letter never left "queued".
    now = timezone.now()
    reserved_by_dead_worker = requested_letter()
    just_published = requested_letter()
    OutboxMessage.objects.all().delete()  # both render calls reached the broker
    AdviceLetter.objects.filter(pk=reserved_by_dead_worker.pk).update(enqueued_at=now - timedelta(minutes=9))
    AdviceLetter.objects.filter(pk=just_published.pk).update(enqueued_at=now - timedelta(minutes=1))

    sent = services.sweep_stalled_renders(
        now=now, rendering_for=timedelta(minutes=3), queued_for=timedelta(minutes=8)
    )

    assert sent == 1
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("letters.render_letter", [reserved_by_dead_worker.pk])
    ]
    reserved_by_dead_worker.refresh_from_db()
    assert (reserved_by_dead_worker.status, reserved_by_dead_worker.attempts) == (
        AdviceLetter.Status.QUEUED,
        0,
    )
    assert reserved_by_dead_worker.enqueued_at == now


def test_the_sweeper_adds_no_copy_of_a_render_call_still_waiting_for_the_broker_in_the_outbox():
    now = timezone.now()
    waiting = requested_letter()  # its render call is in the outbox: the broker never took it
    AdviceLetter.objects.filter(pk=waiting.pk).update(enqueued_at=now - timedelta(hours=2))

    assert (
        services.sweep_stalled_renders(
            now=now, rendering_for=timedelta(minutes=3), queued_for=timedelta(minutes=8)
        )
        == 0
    )
    assert OutboxMessage.objects.filter(task_name="letters.render_letter", args=[waiting.pk]).count() == 1
