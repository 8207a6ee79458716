"""A case's document checklist: its items, the files uploaded for them, and the staff review.

The review rule is written once, in `check_review`: rejecting or asking for a new upload needs a
reason the applicant will read; accepting needs a file. The services enforce it and the case page's
form calls it before anything is saved, so its error shows beside the field at fault. Keyword-only,
one transaction each; refusals are `ValidationError`s keyed by field (`AccessDenied` for a user who
does not work on the case).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import require_case_access
from ..errors import AccessDenied
from ..models import Case, Document
from ..uploads import validate_upload
from .files import delete_files_on_commit

Review = Document.Review
DECISIONS = (Review.ACCEPTED, Review.REJECTED, Review.REUPLOAD_REQUESTED)


def check_item_name(*, case: Case, name: str, document: Document | None = None) -> str:
    """The item's name, trimmed. Refuses an empty name, or one the case lists already in any
    capitalisation (other than `document` itself when renaming it)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the document.")})
    others = Document.objects.filter(case=case, name__iexact=name)
    if document is not None and document.pk is not None:
        others = others.exclude(pk=document.pk)
    if others.exists():
        raise ValidationError({"name": _("This case already lists “%s”.") % name})
    return name


@transaction.atomic
def add_checklist_item(
    *, case: Case, name: str, is_required: bool = True, by: User | None = None
) -> Document:
    """Ask the applicant for one more document (see `check_item_name`); `by` (staff) must work on the
    case, None for the system."""
    if by is not None:
        require_case_access(by, case)
    name = check_item_name(case=case, name=name)
    return Document.objects.create(case=case, name=name, is_required=is_required)


@transaction.atomic
def update_checklist_item(*, document: Document, by: User, name: str, is_required: bool) -> Document:
    """Rename an item or change whether it is required; its file and review stay as they are."""
    require_case_access(by, document.case)
    document.name = check_item_name(case=document.case, name=name, document=document)
    document.is_required = is_required
    document.save(update_fields=["name", "is_required"])
    return document


@transaction.atomic
def remove_checklist_item(*, document: Document, by: User) -> None:
    """Take an item off the checklist (the `delete_document` permission: case managers); its file is
    deleted from storage once that is committed."""
    require_case_access(by, document.case)
    if not by.has_perm("applicants.delete_document"):
        raise AccessDenied(_("Only a case manager may delete this."))
    stored = Document.objects.filter(pk=document.pk).values_list("file", flat=True).first()
    document.delete()
    delete_files_on_commit(Document.file.field.storage, [stored or ""])


@transaction.atomic
def upload_document(*, document: Document, file: File[bytes]) -> Document:
    """Attach a (new) file to a checklist item; it then waits for review again.

    The file is checked by content and stored under a random name (`uploads.validate_upload`) whoever
    uploads it; the file it replaces is deleted from storage once the change is committed.
    Raises ValidationError for a file we do not accept.
    """
    checked = validate_upload(file)
    # The name stored now, not whatever a form may have put on `document` before calling us.
    previous = Document.objects.select_for_update().values_list("file", flat=True).get(pk=document.pk)
    document.file.save(checked.name or "document", checked, save=False)
    delete_files_on_commit(document.file.storage, [previous])
    document.uploaded_at = timezone.now()
    document.review_status = Review.UPLOADED
    document.reason_for_applicant = ""
    document.reviewed_by = None
    document.reviewed_at = None
    document.save(
        update_fields=[
            "file",
            "uploaded_at",
            "review_status",
            "reason_for_applicant",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    return document


def check_review(*, decision: str, reason: str, has_file: bool) -> None:
    """THE review rule. Refuses an unknown decision, a rejection or re-upload request without a
    reason for the applicant, and an acceptance with no file. Errors are keyed "decision" or "reason"."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose to accept, reject or ask for a new upload.")})
    if decision != Review.ACCEPTED and not reason.strip():
        raise ValidationError({"reason": _("Tell the applicant why, in words they will understand.")})
    if decision == Review.ACCEPTED and not has_file:
        raise ValidationError({"decision": _("There is no file to accept yet.")})


def _review(document: Document, *, by: User, decision: str, reason: str) -> Document:
    require_case_access(by, document.case)
    check_review(decision=decision, reason=reason, has_file=bool(document.file))
    document.review_status = decision
    document.reason_for_applicant = reason.strip() if decision != Review.ACCEPTED else ""
    document.reviewed_by = by
    document.reviewed_at = timezone.now()
    document.save(update_fields=["review_status", "reason_for_applicant", "reviewed_by", "reviewed_at"])
    return document


@transaction.atomic
def accept_document(*, document: Document, by: User) -> Document:
    """Accept the uploaded file (see `check_review`)."""
    return _review(document, by=by, decision=Review.ACCEPTED, reason="")


@transaction.atomic
def reject_document(*, document: Document, by: User, reason: str) -> Document:
    """Reject the file, telling the applicant why (see `check_review`)."""
    return _review(document, by=by, decision=Review.REJECTED, reason=reason)


@transaction.atomic
def request_reupload(*, document: Document, by: User, reason: str) -> Document:
    """Ask the applicant to upload the file again, saying why (see `check_review`)."""
    return _review(document, by=by, decision=Review.REUPLOAD_REQUESTED, reason=reason)


@transaction.atomic
def review_document(*, document: Document, by: User, decision: str, reason: str = "") -> Document:
    """Record `decision`, one of `DECISIONS`, as the service of that name would (see `check_review`)."""
    return _review(document, by=by, decision=decision, reason=reason)
