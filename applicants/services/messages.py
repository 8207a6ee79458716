"""Secure messages on a case: the applicant writes from the portal, the consultancy's staff from the
admin; each side reads what the other wrote and that marks it read.

The rule for a message is written once, in `check_message`: not empty, at most `Message.MAX_LENGTH`
characters. An attachment goes through the documents' upload check (`uploads.validate_upload`: type by
content, size, no active content in a PDF) and is stored under a random name. The other side is told by
e-mail through the outbox, without the message's words: the e-mail says only that there is a message on
the case and where to sign in to read it. Keyword-only, one transaction each; refusals are
`ValidationError`s keyed by field ("body", "attachment"), `AccessDenied` for staff who do not work on
the case. Sending and reading are recorded in the audit log (the model is registered with auditlog).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outbox.services import enqueue_on_commit

from ..access import require_case_access
from ..errors import AccessDenied
from ..models import Applicant, Case, Message
from ..tasks import notify_new_message_task
from ..uploads import validate_upload

Side = Message.Side


def check_message(*, body: str) -> str:
    """THE message rule: the text, trimmed; refuses an empty one and one over `Message.MAX_LENGTH`."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError(_("Write your message."), code="empty")})
    if len(body) > Message.MAX_LENGTH:
        too_long = _("Your message has %(count)d characters; the limit is %(limit)d. Shorten it.") % {
            "count": len(body),
            "limit": Message.MAX_LENGTH,
        }
        raise ValidationError({"body": ValidationError(too_long, code="too_long")})
    return body


def _checked_attachment(attachment: File[bytes] | None) -> File[bytes] | None:
    if attachment is None:
        return None
    try:
        return validate_upload(attachment)
    except ValidationError as error:
        raise ValidationError({"attachment": error.error_list}) from error


def _create(
    *, case: Case, side: str, sender: User | None, body: str, attachment: File[bytes] | None
) -> Message:
    text = check_message(body=body)
    checked = _checked_attachment(attachment)
    message = Message(case=case, side=side, sender=sender, body=text)
    if checked is not None:
        message.attachment.save(checked.name or "attachment", checked, save=False)
    message.save()
    enqueue_on_commit(notify_new_message_task, message.pk)
    return message


@transaction.atomic
def send_message_as_applicant(
    *, applicant: Applicant, case: Case, body: str, attachment: File[bytes] | None = None
) -> Message:
    """The applicant writes to the consultancy on one of their own cases (see `check_message`); the
    case's consultant (the consultancy's address while nobody is assigned) is e-mailed a notice."""
    if case.applicant_id != applicant.pk or applicant.erased_at is not None:
        raise AccessDenied(_("This case belongs to another applicant."))
    return _create(case=case, side=Side.APPLICANT, sender=applicant.user, body=body, attachment=attachment)


@transaction.atomic
def send_message_as_staff(
    *, case: Case, by: User, body: str, attachment: File[bytes] | None = None
) -> Message:
    """A member of staff who works on `case` writes to its applicant (see `check_message`); the
    applicant is e-mailed a notice in their language. Refuses a case whose applicant was erased."""
    require_case_access(by, case)
    if not by.is_staff:
        raise AccessDenied(_("Only staff write to applicants from the admin."))
    if Applicant.objects.filter(pk=case.applicant_id, erased_at__isnull=False).exists():
        raise ValidationError({"body": _("This applicant's data was erased; nobody can read a message.")})
    return _create(case=case, side=Side.CONSULTANCY, sender=by, body=body, attachment=attachment)


def _mark_read(messages: list[Message]) -> int:
    now = timezone.now()
    for message in messages:
        # One save per message (not `update()`): each reading is an entry in the audit log.
        message.read_at = now
        message.save(update_fields=["read_at"])
    return len(messages)


@transaction.atomic
def mark_read_by_applicant(*, applicant: Applicant, case: Case) -> int:
    """The applicant opened the conversation: the consultancy's unread messages on it are read.
    Returns how many were marked."""
    if case.applicant_id != applicant.pk:
        raise AccessDenied(_("This case belongs to another applicant."))
    return _mark_read(list(case.messages.unread_by_applicant().select_for_update()))


@transaction.atomic
def mark_read_by_staff(*, case: Case, by: User) -> int:
    """Staff who work on `case` opened the conversation: the applicant's unread messages are read."""
    require_case_access(by, case)
    return _mark_read(list(case.messages.unread_by_consultancy().select_for_update()))


def unread_count_for_applicant(*, applicant: Applicant, case: Case | None = None) -> int:
    """Messages from the consultancy the applicant has not read (on `case`, or on all their cases)."""
    messages = Message.objects.filter(case__applicant=applicant).unread_by_applicant()
    return (messages.filter(case=case) if case is not None else messages).count()


def unread_count_for_staff(*, case: Case) -> int:
    """Messages from the applicant on `case` that nobody at the consultancy has read yet."""
    return case.messages.unread_by_consultancy().count()
