"""Every write to applicants, cases, documents, notes and reminders. Status changes are in transitions.py.

All functions are keyword-only, run in one transaction, and raise `CaseRuleError` (or Django's
`ValidationError` for malformed input) with a message written for staff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import CONSULTANT_GROUP, can_work_on, can_work_on_applicant, manages_all_cases
from .errors import AccessDenied, CaseRuleError
from .models import Applicant, Case, ConsentRecord, Document, Note, Pathway, Reminder
from .models.cases import generate_reference
from .uploads import validate_upload

_PASSPORT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")


def normalise_email(email: str) -> str:
    local, _sep, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else email.strip()


@transaction.atomic
def create_applicant(
    *,
    full_name: str,
    email: str,
    nationality: str = "",
    date_of_birth: date | None = None,
    preferred_language: str = Applicant.Language.ENGLISH,
    phone: str = "",
    passport_number: str = "",
    user: User | None = None,
) -> Applicant:
    """Create an applicant; the e-mail must not belong to another applicant, in any capitalisation."""
    email = normalise_email(email)
    if Applicant.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Another applicant already uses this e-mail address.")})
    applicant = Applicant(
        full_name=full_name.strip(),
        email=email,
        nationality=nationality.strip().upper(),
        date_of_birth=date_of_birth,
        preferred_language=preferred_language,
        phone=phone.strip(),
        user=user,
    )
    if passport_number:
        applicant.passport_last4 = passport_last4(passport_number)
    applicant.full_clean()
    applicant.save()
    return applicant


def passport_last4(passport_number: str) -> str:
    """The only part of a passport number we keep. Rejects values that cannot be a passport number."""
    cleaned = re.sub(r"[\s-]", "", passport_number).upper()
    if not _PASSPORT_PATTERN.match(cleaned):
        raise ValidationError(
            {
                "passport_number": _(
                    "A passport number has 5 to 20 letters and digits (spaces and dashes are ignored)."
                )
            }
        )
    return cleaned[-4:]


@transaction.atomic
def record_passport_number(*, applicant: Applicant, passport_number: str) -> Applicant:
    """Keep the last four characters of `passport_number`; the rest is dropped, never stored."""
    applicant.passport_last4 = passport_last4(passport_number)
    applicant.save(update_fields=["passport_last4"])
    return applicant


@transaction.atomic
def record_consent(
    *,
    applicant: Applicant,
    text_version: str,
    for_assessment: bool = False,
    for_consultation: bool = False,
    for_cross_border_transfer: bool = False,
    given_at: datetime | None = None,
) -> ConsentRecord:
    if not (for_assessment or for_consultation or for_cross_border_transfer):
        raise ValidationError(_("A consent must cover at least one purpose."))
    if not text_version.strip():
        raise ValidationError({"text_version": _("Say which version of the consent text was agreed to.")})
    return ConsentRecord.objects.create(
        applicant=applicant,
        text_version=text_version.strip(),
        for_assessment=for_assessment,
        for_consultation=for_consultation,
        for_cross_border_transfer=for_cross_border_transfer,
        given_at=given_at or timezone.now(),
    )


@transaction.atomic
def withdraw_consent(*, consent: ConsentRecord, at: datetime | None = None) -> ConsentRecord:
    """Mark a consent withdrawn (idempotent: a second withdrawal keeps the first time)."""
    consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = max(at or timezone.now(), consent.given_at)
        consent.save(update_fields=["withdrawn_at"])
    return consent


@transaction.atomic
def open_case(
    *,
    applicant: Applicant,
    pathways: Iterable[str],
    priority: int = Case.Priority.NORMAL,
    next_action: str = "",
    next_action_on: date | None = None,
    assigned_to: User | None = None,
    reference: str | None = None,
    by: User | None = None,
) -> Case:
    """Open a new case (status "new") with a fresh unique reference (or the one reserved for it).

    `by` is the staff member opening it, who must have the applicant in their scope (`AccessDenied`
    otherwise); None for the applicant's own submission.
    """
    if by is not None and not can_work_on_applicant(by, applicant):
        raise AccessDenied(_("You do not work with this applicant."))
    codes = sorted(set(pathways))
    unknown = sorted(set(codes) - set(Pathway.Code.values))
    if unknown:
        raise ValidationError({"pathways": _("Unknown pathway code(s): %s.") % ", ".join(unknown)})
    while reference is None or Case.objects.filter(reference=reference).exists():
        reference = generate_reference()
    case = Case.objects.create(
        reference=reference,
        applicant=applicant,
        priority=priority,
        next_action=next_action,
        next_action_on=next_action_on,
        assigned_to=assigned_to,
    )
    case.pathways.set(Pathway.objects.filter(code__in=codes))
    return case


def is_consultant(user: User) -> bool:
    return bool(
        user.is_active
        and (
            getattr(user, "is_superuser", False)
            or Group.objects.filter(name=CONSULTANT_GROUP, user=user.pk).exists()
            or manages_all_cases(user)
        )
    )


@transaction.atomic
def assign_case(*, case: Case, consultant: User | None, by: User) -> Case:
    """Give `case` to `consultant` (None puts it back in the unassigned queue).

    A case manager assigns anything to anyone; a consultant may only take an unassigned case for
    themselves or hand their own case back to the queue.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if consultant is not None and not is_consultant(consultant):
        raise CaseRuleError(_("%(user)s is not a consultant.") % {"user": consultant})
    if not manages_all_cases(by):
        taking_from_queue = (
            consultant is not None and consultant.pk == by.pk and locked.assigned_to_id is None
        )
        giving_back_own = consultant is None and locked.assigned_to_id == by.pk
        already_theirs = consultant is not None and consultant.pk == by.pk == locked.assigned_to_id
        if not (taking_from_queue or giving_back_own or already_theirs):
            raise AccessDenied(
                _("Only a case manager can assign %(case)s to someone else or take it from a colleague.")
                % {"case": locked.reference}
            )
    locked.assigned_to_id = consultant.pk if consultant is not None else None
    locked.save(update_fields=["assigned_to"])
    case.assigned_to_id = locked.assigned_to_id
    return case


def _require_access(by: User, case: Case) -> None:
    if not can_work_on(by, case):
        raise AccessDenied(_("You do not work on case %(case)s.") % {"case": case.reference})


@transaction.atomic
def add_note(*, case: Case, author: User, body: str) -> Note:
    _require_access(author, case)
    if not body.strip():
        raise ValidationError({"body": _("A note cannot be empty.")})
    return Note.objects.create(case=case, author=author, body=body.strip())


@transaction.atomic
def add_reminder(*, case: Case, title: str, due_on: date, by: User) -> Reminder:
    _require_access(by, case)
    if not title.strip():
        raise ValidationError({"title": _("Say what has to be done.")})
    return Reminder.objects.create(case=case, title=title.strip(), due_on=due_on)


@transaction.atomic
def complete_reminder(*, reminder: Reminder, by: User) -> Reminder:
    """Mark a reminder done (idempotent)."""
    _require_access(by, reminder.case)
    locked = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if not locked.is_done:
        locked.is_done, locked.done_at, locked.done_by_id = True, timezone.now(), by.pk
        locked.save(update_fields=["is_done", "done_at", "done_by"])
    return locked


@transaction.atomic
def add_checklist_item(
    *, case: Case, name: str, is_required: bool = True, by: User | None = None
) -> Document:
    """A new item on `case`'s checklist; `by` (staff) must work on the case, None for the system."""
    if by is not None:
        _require_access(by, case)
    if not name.strip():
        raise ValidationError({"name": _("Name the document.")})
    if case.documents.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("This case already lists “%s”.") % name.strip()})
    return Document.objects.create(case=case, name=name.strip(), is_required=is_required)


@transaction.atomic
def upload_document(*, document: Document, file: File[bytes]) -> Document:
    """Attach a (new) file to a checklist item; it then waits for review again.

    The file is checked by content and stored under a random name (`uploads.validate_upload`) whoever
    uploads it; a replaced file is deleted from storage once the change is committed.
    Raises ValidationError for a file we do not accept.
    """
    checked = validate_upload(file)
    previous = document.file.name if document.file else ""
    document.file.save(checked.name or "document", checked, save=False)
    if previous:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    document.uploaded_at = timezone.now()
    document.review_status = Document.Review.UPLOADED
    document.reason_for_applicant = ""
    document.reviewed_by = None
    document.reviewed_at = None
    document.save()
    return document


def _review(document: Document, *, by: User, status: str, reason: str) -> Document:
    _require_access(by, document.case)
    if status != Document.Review.ACCEPTED and not reason.strip():
        raise ValidationError({"reason": _("Tell the applicant why, in words they will understand.")})
    if status == Document.Review.ACCEPTED and not document.file:
        raise CaseRuleError(_("“%s” has no file to accept.") % document.name)
    document.review_status = status
    document.reason_for_applicant = reason.strip()
    document.reviewed_by = by
    document.reviewed_at = timezone.now()
    document.save(update_fields=["review_status", "reason_for_applicant", "reviewed_by", "reviewed_at"])
    return document


@transaction.atomic
def accept_document(*, document: Document, by: User) -> Document:
    return _review(document, by=by, status=Document.Review.ACCEPTED, reason="")


@transaction.atomic
def reject_document(*, document: Document, by: User, reason: str) -> Document:
    return _review(document, by=by, status=Document.Review.REJECTED, reason=reason)


@transaction.atomic
def request_reupload(*, document: Document, by: User, reason: str) -> Document:
    return _review(document, by=by, status=Document.Review.REUPLOAD_REQUESTED, reason=reason)
