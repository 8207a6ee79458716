"""Copies of a self-assessment result, asked for from the result page without opening a case: a one-page
PDF to download, or e-mailed once. The only writers of `ResultCopy`.

The request stores the engine's output and enqueues the render through the outbox; the worker renders
the PDF with the letters' renderer (`render_result_pdf`), then keeps it for download until it expires
(the engine's output is dropped) or attaches it to one e-mail and deletes the row (address and all).
Tasks may run twice: the row is claimed under a lock, so a second run finds it done or gone.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from outbox.services import enqueue_on_commit

from .models import LetterLanguage, ResultCopy

RENDER_RESULT_COPY_TASK = "letters.render_result_copy"
PURGE_RESULT_COPIES_TASK = "letters.purge_expired_result_copies"
LANGUAGES = (LetterLanguage.ENGLISH.value, LetterLanguage.CHINESE.value)


def _language(language: str) -> str:
    return language if language in LANGUAGES else LetterLanguage.ENGLISH.value


def _create(*, kind: str, snapshot: dict[str, Any], language: str, email: str, now: datetime) -> ResultCopy:
    purge_expired_result_copies(now=now)
    copy = ResultCopy.objects.create(
        token=secrets.token_urlsafe(32),
        kind=kind,
        language=_language(language),
        snapshot=snapshot,
        email=email,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.RESULT_COPY_TTL_MINUTES),
    )
    enqueue_on_commit(RENDER_RESULT_COPY_TASK, copy.pk)
    return copy


@transaction.atomic
def request_result_pdf(*, snapshot: dict[str, Any], language: str) -> ResultCopy:
    """Queue a one-page PDF of `snapshot` (the engine's `to_data()`) to download until it expires."""
    return _create(
        kind=ResultCopy.Kind.DOWNLOAD, snapshot=snapshot, language=language, email="", now=timezone.now()
    )


@transaction.atomic
def request_result_email(*, snapshot: dict[str, Any], language: str, email: str) -> ResultCopy:
    """Queue one e-mail to `email` with the PDF attached; the row (and the address) is deleted once sent."""
    if not email:
        raise ValueError("an e-mail copy needs an address")
    return _create(
        kind=ResultCopy.Kind.EMAIL, snapshot=snapshot, language=language, email=email, now=timezone.now()
    )


@transaction.atomic
def render_result_copy(*, copy_id: int) -> ResultCopy | None:
    """The worker's step: render the PDF, then keep it (download) or send it once and delete the row.

    Returns the copy kept for download, else None (sent, expired, already done or gone).
    """
    copy = ResultCopy.objects.select_for_update().filter(pk=copy_id).first()
    if copy is None or copy.status != ResultCopy.Status.QUEUED or copy.snapshot is None:
        return None
    if copy.expires_at <= timezone.now():
        copy.delete()
        return None
    # Imported here: only letter workers render, and WeasyPrint costs every other process about a second
    # and 40 MB at start-up (manage.py assess and the web processes import this module through the tasks).
    from .render import render_result_pdf

    rendered = render_result_pdf(copy.snapshot, copy.language, consultancy=settings.CONSULTANCY_NAME)
    if copy.kind == ResultCopy.Kind.EMAIL:
        _send(copy, rendered.pdf)
        copy.delete()  # nothing is kept once the e-mail is out
        return None
    copy.pdf = rendered.pdf
    copy.snapshot = None
    copy.status = ResultCopy.Status.READY
    copy.save(update_fields=["pdf", "snapshot", "status"])
    return copy


def _send(copy: ResultCopy, pdf: bytes) -> None:
    with translation.override(copy.language):
        context = {"consultancy": settings.CONSULTANCY_NAME, "site": settings.SITE_URL.rstrip("/")}
        subject = render_to_string("letters/email/result_copy_subject.txt", context).strip()
        body = render_to_string("letters/email/result_copy_body.txt", context)
        filename = "result.pdf" if copy.language == "en" else "result-zh.pdf"
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[copy.email])
    message.attach(filename, pdf, "application/pdf")
    get_connection().send_messages([message])


def purge_expired_result_copies(*, now: datetime) -> int:
    """Delete every copy past its expiry (downloads not fetched in time, e-mails never sent)."""
    deleted, _ = ResultCopy.objects.expired(now=now).delete()
    return deleted
