"""Cases: opening one, its own fields, who works on it, its notes and reminders, deleting it.

Status changes are in `transitions`, the document checklist in `documents`. All functions are
keyword-only, run in one transaction, and raise `CaseRuleError` (`AccessDenied` when the acting user
does not work on the case) or Django's `ValidationError` for malformed input, with a message written
for staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.engine import PATHWAY_CODES
from assessments.presentation import Override
from staff.profiles import profile_for

from ..access import CONSULTANT_GROUP, can_work_on_applicant, manages_all_cases, require_case_access
from ..errors import AccessDenied, CaseRuleError
from ..models import (
    Applicant,
    Case,
    Document,
    Message,
    Note,
    Pathway,
    PendingSubmission,
    RecommendationOverride,
    Reminder,
)
from ..models.cases import generate_reference
from .files import delete_files_on_commit


def _pathways(codes: Iterable[str]) -> list[Pathway]:
    codes = sorted(set(codes))
    unknown = sorted(set(codes) - set(Pathway.CODES))
    if unknown:
        raise ValidationError({"pathways": _("Unknown pathway code(s): %s.") % ", ".join(unknown)})
    return list(Pathway.objects.filter(code__in=codes))


def unused_reference() -> str:
    """A fresh case reference: not a case's, nor one reserved for an assessment awaiting confirmation."""
    while True:
        reference = generate_reference()
        if not (
            Case.objects.filter(reference=reference).exists()
            or PendingSubmission.objects.filter(reference=reference).exists()
        ):
            return reference


@transaction.atomic
def open_case(
    *,
    applicant: Applicant,
    pathways: Iterable[str],
    priority: int = Case.Priority.NORMAL,
    next_action: str = "",
    next_action_on: date | None = None,
    assigned_to: User | None = None,
    pass_expires_on: date | None = None,
    renewal_window_opens_on: date | None = None,
    reference: str | None = None,
    by: User | None = None,
) -> Case:
    """Open a new case (status "new") with a fresh unique reference (or the one reserved for it).
    Refuses unknown pathway codes (and the database a renewal window after the pass's expiry: the
    admin's form checks that first).

    `by` is the staff member opening it, who must have the applicant in their scope (`AccessDenied`
    otherwise); None for the applicant's own submission.
    """
    if by is not None and not can_work_on_applicant(by, applicant):
        raise AccessDenied(_("You do not work with this applicant."))
    targets = _pathways(pathways)
    if reference is None or Case.objects.filter(reference=reference).exists():
        reference = unused_reference()
    case = Case.objects.create(
        reference=reference,
        applicant=applicant,
        priority=priority,
        next_action=next_action,
        next_action_on=next_action_on,
        assigned_to=assigned_to,
        pass_expires_on=pass_expires_on,
        renewal_window_opens_on=renewal_window_opens_on,
    )
    case.pathways.set(targets)
    return case


@transaction.atomic
def update_case(
    *,
    case: Case,
    by: User,
    pathways: Iterable[str],
    priority: int,
    next_action: str,
    next_action_on: date | None,
    pass_expires_on: date | None,
    renewal_window_opens_on: date | None,
) -> Case:
    """Change the case's own fields: its target pathways, priority and key dates.

    Whose case it is never changes: moving a case would hand its documents, letters and snapshots to
    someone else's portal (a case opened for the wrong person is closed instead). Status and consultant
    have services of their own (`transitions`, `assign_case`). Refuses a user who does not work on the
    case, unknown pathways and a renewal window after the pass's expiry.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_case_access(by, locked)
    targets = _pathways(pathways)
    locked.priority = priority
    locked.next_action = next_action.strip()
    locked.next_action_on = next_action_on
    locked.pass_expires_on = pass_expires_on
    locked.renewal_window_opens_on = renewal_window_opens_on
    locked.full_clean()
    locked.save(
        update_fields=[
            "priority",
            "next_action",
            "next_action_on",
            "pass_expires_on",
            "renewal_window_opens_on",
        ]
    )
    if {p.code for p in locked.pathways.all()} != {p.code for p in targets}:
        locked.pathways.set(targets)
    return locked


def is_consultant(user: User) -> bool:
    """Whether `user` may be given cases: an active consultant, case manager or superuser."""
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


MAX_OVERRIDE_REASON = 2000


@transaction.atomic
def override_recommendation(
    *, case: Case, pathways: Sequence[str], reason: str, by: User
) -> RecommendationOverride:
    """Recommend `pathways` (codes) for `case` instead of the engine's recommendation, saying why.

    Stored with who and when (and in the audit log); the newest override is the one the applicant
    and the letter see, while the engine's recommendation stays in the assessment snapshot. Only staff
    who work on the case may do it; at least one route and a reason are required.
    """
    require_case_access(by, case)
    chosen = _pathways(pathways)
    if not chosen:
        raise ValidationError({"pathways": _("Choose at least one route to recommend.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you recommend these routes instead.")})
    if len(reason) > MAX_OVERRIDE_REASON:
        raise ValidationError(
            {"reason": _("Keep the reason under %(limit)d characters.") % {"limit": MAX_OVERRIDE_REASON}}
        )
    override = RecommendationOverride.objects.create(case=case, reason=reason, by=by, at=timezone.now())
    override.pathways.set(chosen)
    return override


def current_override(case: Case) -> RecommendationOverride | None:
    """The override in force for `case` (the newest), or None: the engine's recommendation stands."""
    return case.recommendation_overrides.prefetch_related("pathways").select_related("by").first()


def presented_override(case: Case) -> Override | None:
    """The override in force for `case` as `present(..., override=...)` takes it: the first of the chosen
    routes in the contract's order (none chosen: no route), the reason and the consultant's name as their
    staff profile gives it. The one place an override becomes what the page, the portal and the letter show."""
    override = current_override(case)
    if override is None:
        return None
    chosen = set(override.pathway_codes)
    return Override(
        pathway=next((code for code in PATHWAY_CODES if code in chosen), None),
        reason=override.reason,
        consultant=profile_for(override.by).display_name,
    )


def _require_permission(by: User, permission: str, case: Case) -> None:
    require_case_access(by, case)
    if not by.has_perm(permission):
        raise AccessDenied(_("Only a case manager may delete this."))


@transaction.atomic
def delete_case(*, case: Case, by: User) -> None:
    """Delete a case with its checklist, messages, notes, reminders and history; its uploaded files
    (documents, message attachments) are deleted from storage once that is committed. Case managers only (the `delete_case` permission).

    Its assessment snapshots stay with the applicant; a case with advice letters cannot be deleted
    (the database refuses: letters are kept).
    """
    _require_permission(by, "applicants.delete_case", case)
    files = list(Document.objects.filter(case=case).exclude(file="").values_list("file", flat=True))
    attached = list(
        Message.objects.filter(case=case).exclude(attachment="").values_list("attachment", flat=True)
    )
    case.delete()
    delete_files_on_commit(Document.file.field.storage, files)
    delete_files_on_commit(Message.attachment.field.storage, attached)


@transaction.atomic
def add_note(*, case: Case, author: User, body: str) -> Note:
    """An internal note signed by its author. Refuses an empty note."""
    require_case_access(author, case)
    if not body.strip():
        raise ValidationError({"body": _("A note cannot be empty.")})
    return Note.objects.create(case=case, author=author, body=body.strip())


@transaction.atomic
def delete_note(*, note: Note, by: User) -> None:
    """Remove a note (the `delete_note` permission: case managers). Notes are otherwise never edited."""
    _require_permission(by, "applicants.delete_note", note.case)
    note.delete()


def _reminder_title(title: str) -> str:
    if not title.strip():
        raise ValidationError({"title": _("Say what has to be done.")})
    return title.strip()


@transaction.atomic
def add_reminder(*, case: Case, title: str, due_on: date, by: User) -> Reminder:
    """A task on the case, due on `due_on`. Refuses an empty title."""
    require_case_access(by, case)
    return Reminder.objects.create(case=case, title=_reminder_title(title), due_on=due_on)


@transaction.atomic
def update_reminder(*, reminder: Reminder, title: str, due_on: date, by: User) -> Reminder:
    """Reword or reschedule a reminder (done or not). Refuses an empty title."""
    require_case_access(by, reminder.case)
    locked = Reminder.objects.select_for_update().get(pk=reminder.pk)
    locked.title, locked.due_on = _reminder_title(title), due_on
    locked.save(update_fields=["title", "due_on"])
    return locked


@transaction.atomic
def complete_reminder(*, reminder: Reminder, by: User) -> Reminder:
    """Mark a reminder done, recording who and when (idempotent: a second call keeps the first)."""
    require_case_access(by, reminder.case)
    locked = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if not locked.is_done:
        locked.is_done, locked.done_at, locked.done_by_id = True, timezone.now(), by.pk
        locked.save(update_fields=["is_done", "done_at", "done_by"])
    return locked


@transaction.atomic
def reopen_reminder(*, reminder: Reminder, by: User) -> Reminder:
    """Mark a done reminder as still to do (idempotent)."""
    require_case_access(by, reminder.case)
    locked = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if locked.is_done:
        locked.is_done, locked.done_at, locked.done_by = False, None, None
        locked.save(update_fields=["is_done", "done_at", "done_by"])
    return locked


@transaction.atomic
def delete_reminder(*, reminder: Reminder, by: User) -> None:
    """Remove a reminder (the `delete_reminder` permission: case managers)."""
    _require_permission(by, "applicants.delete_reminder", reminder.case)
    reminder.delete()


@dataclass(frozen=True)
class ImportedCase:
    """A case as it stands elsewhere (another system, or generated load-test data), with its applicant."""

    full_name: str
    email: str
    nationality: str
    date_of_birth: date | None
    preferred_language: str
    passport_last4: str
    status: str
    status_changed_at: datetime
    assigned_to: User | None
    priority: int
    pathways: tuple[str, ...]
    next_action: str = ""
    next_action_on: date | None = None
    pass_expires_on: date | None = None
    renewal_window_opens_on: date | None = None


def _unused_references(count: int) -> list[str]:
    references: set[str] = set()
    while len(references) < count:
        candidates = {generate_reference() for _missing in range(count - len(references))} - references
        taken = set(Case.objects.filter(reference__in=candidates).values_list("reference", flat=True))
        references |= candidates - taken
    return sorted(references)


@transaction.atomic
def import_cases(*, rows: Sequence[ImportedCase]) -> list[Case]:
    """Insert applicants and their cases as they stand, in bulk (a few queries for any number of rows).

    For data that already went through its pipeline elsewhere: statuses are taken as given, so there
    is no status history and, being bulk inserts, no audit-log entries. Each row gets a new applicant
    and a fresh unique reference. Refuses unknown pathway codes; an e-mail already in use is refused
    by the database (the whole batch is rolled back).
    """
    known = set(Pathway.CODES)
    unknown = sorted({code for row in rows for code in row.pathways} - known)
    if unknown:
        raise ValidationError({"pathways": _("Unknown pathway code(s): %s.") % ", ".join(unknown)})
    applicants = Applicant.objects.bulk_create(
        Applicant(
            full_name=row.full_name,
            email=row.email,
            nationality=row.nationality,
            date_of_birth=row.date_of_birth,
            preferred_language=row.preferred_language,
            passport_last4=row.passport_last4,
        )
        for row in rows
    )
    cases = Case.objects.bulk_create(
        Case(
            reference=reference,
            applicant=applicant,
            status=row.status,
            status_changed_at=row.status_changed_at,
            assigned_to=row.assigned_to,
            priority=row.priority,
            next_action=row.next_action,
            next_action_on=row.next_action_on,
            pass_expires_on=row.pass_expires_on,
            renewal_window_opens_on=row.renewal_window_opens_on,
        )
        for row, applicant, reference in zip(rows, applicants, _unused_references(len(rows)), strict=True)
    )
    through = Case.pathways.through
    through.objects.bulk_create(
        through(case_id=case.pk, pathway_id=code)
        for row, case in zip(rows, cases, strict=True)
        for code in row.pathways
    )
    return cases
