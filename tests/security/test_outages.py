"""Broker and database outages, in-process: a task call survives an unreachable broker in the outbox
and is published once the broker answers (an advice letter too: rendered, then announced by e-mail);
a database error is a 503 page, not a 500.

(The same with the real services stopped and started is in test_faults.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from celery.exceptions import NotRegistered
from django.core import mail
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import timezone

from applicants.services.people import create_applicant
from applicants.tasks import send_magic_link_task
from consultancy.celery import app
from consultancy.errors import server_error
from letters.models import AdviceLetter
from letters.services import request_advice_letter
from outbox.models import OutboxMessage
from outbox.services import enqueue_on_commit, publish_pending
from tests.applicants.factories import make_user
from tests.conftest import tasks_run_inline
from tests.letters.factories import case_with_snapshot

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: a real connection failure


def _forget_connections() -> None:
    # Celery caches the connection pool and, apart from it, the producer pool built on it.
    app.close()
    app.amqp._producer_pool = None  # type: ignore[attr-defined]  # celery-types does not declare it


@contextmanager
def broker_unreachable() -> Iterator[None]:
    """Point the Celery app at a broker address where nothing listens, then restore it."""
    # The write URL: publishing uses it, and it wins over CELERY_BROKER_URL in the environment (CI).
    options = app.conf.broker_transport_options
    app.conf.update(broker_write_url=UNREACHABLE, broker_transport_options={})
    _forget_connections()
    try:
        yield
    finally:
        app.conf.update(broker_write_url=None, broker_transport_options=options)
        _forget_connections()


@pytest.fixture
def broker_down() -> Iterator[None]:
    with broker_unreachable():
        yield


def test_a_task_call_made_while_the_broker_is_down_is_kept_not_raised(
    broker_down, django_capture_on_commit_callbacks
) -> None:
    user = make_user("lena", is_staff=False)

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(send_magic_link_task, user.pk)

    message = OutboxMessage.objects.get()
    assert message.task_name == "applicants.send_magic_link"
    assert message.args == [user.pk]
    assert message.attempts == 1
    assert message.last_error


def test_kept_calls_are_published_once_the_broker_answers(celery_eager) -> None:
    user = make_user("lena", is_staff=False)
    create_applicant(full_name="Lena Fischer", email=user.email, user=user)
    OutboxMessage.objects.create(task_name="applicants.send_magic_link", args=[user.pk])
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    published = publish_pending()

    assert published == 1
    assert not OutboxMessage.objects.exists()
    assert len(mail.outbox) == 1  # the task ran (eagerly here; a real worker in test_faults.py)


def test_fresh_calls_are_left_to_the_request_that_wrote_them(celery_eager) -> None:
    OutboxMessage.objects.create(task_name="applicants.send_magic_link", args=[1])

    assert publish_pending() == 0
    assert OutboxMessage.objects.count() == 1


def test_publishing_stops_at_the_first_failure_and_keeps_the_rest(broker_down) -> None:
    for pk in (1, 2, 3):
        OutboxMessage.objects.create(task_name="applicants.send_magic_link", args=[pk])
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    assert publish_pending() == 0
    assert OutboxMessage.objects.count() == 3


def test_a_call_to_a_task_name_nobody_registered_is_refused_at_once() -> None:
    with pytest.raises(NotRegistered):
        enqueue_on_commit("letters.render_a_letter_that_does_not_exist", 1)

    assert not OutboxMessage.objects.exists()


def test_a_letter_requested_while_the_broker_is_down_is_rendered_and_announced_once_it_answers(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    case, snap, adviser = case_with_snapshot(language="en", email="jiahao@mail.example")

    with broker_unreachable(), django_capture_on_commit_callbacks(execute=True):
        letter = request_advice_letter(
            case=case, assessment=snap, language="en", note="Sent during an outage.", requested_by=adviser
        )

    # The request succeeded: the letter is saved, its render call kept in the outbox.
    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.QUEUED
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.args, message.attempts) == ("letters.render_letter", [letter.pk], 1)

    # The broker answers again; the beat job publishes (tasks run inline here, a real worker in
    # test_faults.py). The render commits the letter with its e-mail call in the outbox...
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    with tasks_run_inline(), django_capture_on_commit_callbacks() as after_render:
        assert publish_pending() == 1
    letter.refresh_from_db()
    assert letter.status == AdviceLetter.Status.READY
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("letters.send_letter_ready_emails", [letter.pk])
    ]
    assert mailoutbox == []

    # ...which is published once that transaction commits.
    with tasks_run_inline():
        for callback in after_render:
            callback()
    letter.refresh_from_db()
    assert letter.notified_at is not None
    assert not OutboxMessage.objects.exists()
    # The draft is announced to its consultant only: the applicant hears of it on release.
    assert [m.to for m in mailoutbox] == [[adviser.email]]


def test_the_beat_job_publishing_the_outbox_runs_every_minute(settings) -> None:
    assert settings.CELERY_BEAT_SCHEDULE["outbox-publish-pending"] == {
        "task": "outbox.publish_pending",
        "schedule": 60.0,
    }


def test_a_database_error_is_a_503_page_with_retry_after() -> None:
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()


def test_other_errors_stay_500() -> None:
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
