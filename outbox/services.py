"""`enqueue_on_commit` replaces Celery's `delay_on_commit` wherever losing the task would lose work.

`delay_on_commit` publishes after the commit and, if the broker is down then, raises into the request
(a 500 after the data was saved) and the task is gone. Here the call is first stored in the same
transaction as the data; after the commit it is published and its row deleted. If publishing fails,
the row stays and `publish_pending` (a beat job every minute) publishes it once the broker is back.
Tasks are idempotent (house style), so the rare double publish after a crash is harmless.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from celery import Task
from celery.exceptions import NotRegistered
from django.db import transaction
from django.utils import timezone

from consultancy.celery import app

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A row younger than this is still being published by the request that wrote it.
PUBLISH_GRACE = timedelta(seconds=30)


def enqueue_on_commit(task: Task[Any, Any] | str, *args: int | str) -> OutboxMessage:
    """Run `task(*args)` on a worker once the current transaction commits; never lost to an outage.

    `task` is the task or its registered name: a service whose task calls back into the same service
    module names it, so that the module need not import its own tasks. An unknown name raises
    `celery.exceptions.NotRegistered` here, not later in the beat job.
    """
    name = task if isinstance(task, str) else task.name
    if name not in app.tasks:
        raise NotRegistered(name)
    message = OutboxMessage.objects.create(task_name=name, args=list(args))
    transaction.on_commit(partial(_publish_after_commit, message.pk), robust=True)
    return message


def waiting_calls(task: Task[Any, Any] | str) -> list[list[Any]]:
    """The arguments of every call of `task` still waiting here for the broker (not yet published)."""
    name = task if isinstance(task, str) else task.name
    return list(OutboxMessage.objects.filter(task_name=name).values_list("args", flat=True))


def _publish(message: OutboxMessage) -> bool:
    try:
        # The registered task (not send_task): routes apply, and so does eager mode in unit tests.
        app.tasks[message.task_name].apply_async(args=message.args)
    except Exception as exc:  # kombu/redis raise several unrelated connection errors
        logger.warning(
            "outbox: task %s not published (broker unreachable?): %s", message.task_name, type(exc).__name__
        )
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=message.attempts + 1, last_error=type(exc).__name__[:200]
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).delete()
    return True


def _publish_after_commit(pk: int) -> None:
    message = OutboxMessage.objects.filter(pk=pk).first()
    if message is not None:
        _publish(message)


def publish_pending(*, older_than: timedelta = PUBLISH_GRACE, limit: int = 500) -> int:
    """Publish stored calls older than `older_than` (oldest first); returns how many were published."""
    published = 0
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        # Rows locked by another flusher are skipped, so two beat runs never publish one row twice.
        pending = list(
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(created_at__lte=cutoff)[:limit]
        )
        for message in pending:
            if not _publish(message):
                break  # the broker is still down: the rest would fail the same way
            published += 1
    if published:
        logger.info("outbox: published %d stored task call(s)", published)
    return published
