"""Writes for advice letters, from request to ready (or failed), including what the letter workers and
the sweeper change, then review and release.

request → (outbox → worker) claim → render → store | requeue for a retry | fail. A rendered letter is a
draft only staff see (the consultant is told it is ready to read); `release_letter` is the one path to the
applicant: it makes the letter visible in the portal and e-mails them, through the outbox. With
LETTERS_REQUIRE_SECOND_REVIEWER on, someone other than the requester must `review_letter` first.
Released letters never change; a new version (a new request) supersedes them. Every task call goes through `outbox.services.enqueue_on_commit` in the
transaction of the change it follows, so a broker outage delays a letter but never loses it; the
sweeper is left with renders whose worker died. Every step re-reads the row under a lock, so a second
delivery of the same message, a retry and a re-queued letter can never both store a PDF: `attempts`
fences them.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Case
from assessments.models import Assessment
from outbox.services import enqueue_on_commit, waiting_calls

from .content import LetterContentError, letter_content
from .emails import send_draft_ready_email, send_released_email
from .models import AdviceLetter, LetterLanguage

logger = logging.getLogger(__name__)

MAX_NOTE_LENGTH = 4000
# The letter tasks by name (letters/tasks.py registers them under these): the tasks call this module,
# so it names them rather than importing them.
RENDER_LETTER_TASK = "letters.render_letter"
SEND_READY_EMAILS_TASK = "letters.send_letter_ready_emails"
SEND_RELEASED_EMAIL_TASK = "letters.send_letter_released_email"
SWEEP_STALLED_RENDERS_TASK = "letters.sweep_stalled_renders"


class LetterRetry(Exception):
    """The attempt failed in a way another attempt may not (I/O, database, time limit): retry it."""


@transaction.atomic
def request_advice_letter(
    *,
    case: Case,
    assessment: Assessment,
    language: str,
    note: str,
    requested_by: User | None,
) -> AdviceLetter:
    """Create the next version of `case`'s advice letter and send it to the letter workers (through the
    outbox, once the request commits).

    The letter is rendered from `assessment`, which must be one of the case's snapshots; `note` is
    printed as the consultant's own words. Earlier versions are kept. Raises `ValidationError` for a
    snapshot of another case, an unknown language or an overlong note.
    """
    if assessment.case_id != case.pk:
        raise ValidationError(_("That assessment belongs to another case."))
    if language not in LetterLanguage.values:
        raise ValidationError(_("Choose English, Simplified Chinese or both."))
    note = note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("The note is %(length)d characters long; keep it under %(limit)d.")
            % {"length": len(note), "limit": MAX_NOTE_LENGTH}
        )
    # Lock the case so two requests at once cannot take the same version number.
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    last = case.advice_letters.aggregate(last=Max("version"))["last"] or 0
    letter = AdviceLetter.objects.create(
        case=case,
        assessment=assessment,
        version=last + 1,
        language=language,
        consultant_note=note,
        requested_by=requested_by,
    )
    enqueue_on_commit(RENDER_LETTER_TASK, letter.pk)
    return letter


@transaction.atomic
def claim_letter(*, letter_id: int, now: datetime) -> AdviceLetter | None:
    """Take the letter for rendering (status rendering, one more attempt), or None if there is nothing
    to do: it is gone, ready, failed, or being rendered by a live worker (a second delivery).

    A letter still "rendering" past `LETTER_RENDERING_DEADLINE` lost its worker and is taken again;
    one that has used all its attempts fails instead, saying so.
    """
    letter = AdviceLetter.objects.select_for_update().filter(pk=letter_id).first()
    if letter is None or letter.status in (AdviceLetter.Status.READY, AdviceLetter.Status.FAILED):
        return None
    deadline = now - timedelta(seconds=settings.LETTER_RENDERING_DEADLINE)
    started = letter.rendering_started_at
    if letter.status == AdviceLetter.Status.RENDERING and started is not None and started >= deadline:
        return None
    if letter.attempts >= settings.LETTER_MAX_ATTEMPTS:
        _mark_failed(
            letter,
            now=now,
            error=_("Rendering stopped %(count)d times without finishing (worker stopped or time limit).")
            % {"count": letter.attempts},
        )
        return None
    letter.status = AdviceLetter.Status.RENDERING
    letter.attempts += 1
    letter.rendering_started_at = now
    letter.save(update_fields=["status", "attempts", "rendering_started_at"])
    return letter


def render_letter(*, letter_id: int) -> AdviceLetter | None:
    """The letter worker's job: claim the letter, render it, store the PDF and mark it ready.

    Returns the ready letter, or None when there was nothing to do or the letter failed for good
    (content the letter cannot print). Raises `LetterRetry` when this attempt failed but another may
    succeed; the letter is then queued again with the error, or failed if it was the last attempt.
    Runs outside a transaction: each step commits on its own.
    """
    # Imported here: only letter workers render, and WeasyPrint costs web processes a second and ~40 MB.
    from .render import LetterRenderError, render_advice_letter_pdf

    letter = claim_letter(letter_id=letter_id, now=timezone.now())
    if letter is None:
        return None
    attempt = letter.attempts
    try:
        rendered = render_advice_letter_pdf(letter_content(letter))
        return store_rendered_letter(
            letter_id=letter_id, attempt=attempt, pdf=rendered.pdf, page_count=rendered.page_count
        )
    except (LetterContentError, LetterRenderError) as error:
        fail_letter(letter_id=letter_id, attempt=attempt, error=str(error))
        return None
    except Exception as error:
        # Anything else (disk, database, the soft time limit, a bug) gets the remaining attempts.
        if requeue_letter(letter_id=letter_id, attempt=attempt, error=f"{type(error).__name__}: {error}"):
            raise LetterRetry(str(error)) from error
        return None


@transaction.atomic
def store_rendered_letter(
    *, letter_id: int, attempt: int, pdf: bytes, page_count: int
) -> AdviceLetter | None:
    """Save the PDF (at the letter's one file name), its SHA-256 and page count; mark it ready.

    Does nothing (None) if `attempt` is no longer the letter's current attempt: a worker presumed
    dead finished after all, and the newer attempt's result stands.
    """
    letter = _current_attempt(letter_id, attempt)
    if letter is None:
        return None
    letter.file.save(f"{letter.reference}.pdf", ContentFile(pdf), save=False)
    letter.sha256 = hashlib.sha256(pdf).hexdigest()
    letter.page_count = page_count
    letter.status = AdviceLetter.Status.READY
    letter.ready_at = timezone.now()
    letter.save(update_fields=["file", "sha256", "page_count", "status", "ready_at"])
    enqueue_on_commit(SEND_READY_EMAILS_TASK, letter.pk)
    return letter


@transaction.atomic
def requeue_letter(*, letter_id: int, attempt: int, error: str) -> bool:
    """After a failed attempt: queue the letter again with `error` shown to staff (True: retry it),
    or fail it if that was its last attempt (False)."""
    letter = _current_attempt(letter_id, attempt)
    if letter is None:
        return False
    if letter.attempts >= settings.LETTER_MAX_ATTEMPTS:
        _mark_failed(letter, now=timezone.now(), error=error)
        return False
    letter.status = AdviceLetter.Status.QUEUED
    letter.last_error = error[:2000]
    letter.enqueued_at = timezone.now()
    letter.save(update_fields=["status", "last_error", "enqueued_at"])
    return True


@transaction.atomic
def fail_letter(*, letter_id: int, attempt: int, error: str) -> None:
    """Give up on the letter now (retrying cannot help), with `error` shown to staff."""
    letter = _current_attempt(letter_id, attempt)
    if letter is not None:
        _mark_failed(letter, now=timezone.now(), error=error)


def _current_attempt(letter_id: int, attempt: int) -> AdviceLetter | None:
    letter = AdviceLetter.objects.select_for_update().filter(pk=letter_id).first()
    if letter is None or letter.status != AdviceLetter.Status.RENDERING or letter.attempts != attempt:
        return None
    return letter


def _mark_failed(letter: AdviceLetter, *, now: datetime, error: str) -> None:
    letter.status = AdviceLetter.Status.FAILED
    letter.last_error = error[:2000] or "?"
    letter.failed_at = now
    letter.save(update_fields=["status", "last_error", "failed_at"])


def sweep_stalled_renders(*, now: datetime, rendering_for: timedelta, queued_for: timedelta) -> int:
    """Queue again every letter whose render died with its worker: started more than `rendering_for` ago and
    never finished, or handed to the broker more than `queued_for` ago and never taken (a retry held by a
    worker that died, or a message a killed worker had reserved; see `AdviceLetterQuerySet.stalled`).
    Returns how many.

    A queued letter whose render call still waits in the outbox (the broker is down) is left to the outbox,
    so an outage does not pile up copies of its call. Each letter is re-checked under its lock and sent through
    the outbox in the same transaction, so a letter a worker took meanwhile is left alone; a second
    delivery of a letter that is moving is harmless (`claim_letter` takes a letter once).
    """
    waiting = {args[0] for args in waiting_calls(RENDER_LETTER_TASK) if args}
    sent = []
    for letter_id in (
        AdviceLetter.objects.stalled(now=now, rendering_for=rendering_for, queued_for=queued_for)
        .exclude(status=AdviceLetter.Status.QUEUED, pk__in=waiting)
        .values_list("pk", flat=True)[:500]
    ):
        with transaction.atomic():
            letter = (
                AdviceLetter.objects.select_for_update()
                .stalled(now=now, rendering_for=rendering_for, queued_for=queued_for)
                .filter(pk=letter_id)
                .first()
            )
            if letter is None:
                continue
            letter.status = AdviceLetter.Status.QUEUED
            letter.enqueued_at = now
            letter.save(update_fields=["status", "enqueued_at"])
            enqueue_on_commit(RENDER_LETTER_TASK, letter.pk)
            sent.append(letter_id)
    if sent:
        logger.info("sweeper queued %d letter(s) whose worker died again: %s", len(sent), sent)
    return len(sent)


@transaction.atomic
def send_letter_ready_emails(*, letter_id: int) -> bool:
    """Tell the consultant (the requester, else the case's) that the draft is ready to read; once.
    The applicant hears nothing until the letter is released.

    Returns False if there was nothing to send (not ready, or already sent).
    """
    letter = (
        # Lock the letter row only: PostgreSQL refuses FOR UPDATE on the outer-joined (nullable)
        # consultant and requester.
        AdviceLetter.objects.select_for_update(of=("self",))
        .select_related("case__applicant", "case__assigned_to", "requested_by")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.status != AdviceLetter.Status.READY or letter.notified_at is not None:
        return False
    send_draft_ready_email(letter)
    letter.notified_at = timezone.now()
    letter.save(update_fields=["notified_at"])
    return True


def _draft(letter: AdviceLetter) -> AdviceLetter:
    """The letter, locked, if it is a rendered draft; ValidationError otherwise."""
    locked = AdviceLetter.objects.select_for_update(of=("self",)).select_related("case").get(pk=letter.pk)
    if locked.released_at is not None:
        raise ValidationError(_("This letter was released and can no longer change; request a new version."))
    if locked.status != AdviceLetter.Status.READY:
        raise ValidationError(_("Only a rendered letter can be reviewed or released."))
    return locked


@transaction.atomic
def review_letter(*, letter: AdviceLetter, by: User) -> AdviceLetter:
    """Record `by` as the second reviewer of a draft: someone other than the consultant who requested it."""
    letter = _draft(letter)
    if letter.requested_by_id is not None and letter.requested_by_id == by.pk:
        raise ValidationError(
            _("A second reviewer is someone other than the consultant who requested the letter.")
        )
    letter.reviewed_by = by
    letter.reviewed_at = timezone.now()
    letter.save(update_fields=["reviewed_by", "reviewed_at"])
    return letter


@transaction.atomic
def release_letter(*, letter: AdviceLetter, by: User) -> AdviceLetter:
    """Release a draft to the applicant: the portal lists it from now on, and they are e-mailed (through
    the outbox, once this commits). The only path by which a letter reaches the applicant.

    Refused (ValidationError) for a letter not rendered, already released, or, when
    LETTERS_REQUIRE_SECOND_REVIEWER is on, not yet reviewed by a second person.
    """
    letter = _draft(letter)
    if settings.LETTERS_REQUIRE_SECOND_REVIEWER and letter.reviewed_by_id is None:
        raise ValidationError(_("A second reviewer must read this letter before it is released."))
    letter.released_by = by
    letter.released_at = timezone.now()
    letter.save(update_fields=["released_by", "released_at"])
    enqueue_on_commit(SEND_RELEASED_EMAIL_TASK, letter.pk)
    return letter


@transaction.atomic
def send_letter_released_email(*, letter_id: int) -> bool:
    """Tell the applicant, in their language, that a released letter is in their portal; once."""
    letter = (
        AdviceLetter.objects.select_for_update(of=("self",))
        .select_related("case__applicant", "case__assigned_to", "requested_by", "released_by")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.released_at is None or letter.applicant_notified_at is not None:
        return False
    send_released_email(letter)
    letter.applicant_notified_at = timezone.now()
    letter.save(update_fields=["applicant_notified_at"])
    return True


@transaction.atomic
def record_applicant_download(*, letter: AdviceLetter) -> None:
    """The applicant downloaded a released letter: the portal stops marking it as new. Only the first
    download is kept (the audit log has every one)."""
    AdviceLetter.objects.filter(
        pk=letter.pk, released_at__isnull=False, applicant_downloaded_at__isnull=True
    ).update(applicant_downloaded_at=timezone.now())
