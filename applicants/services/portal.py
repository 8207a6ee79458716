"""Every write the applicant makes: saving an assessment for a consultant, the portal account and its
sign-in links, uploads, and asking for a copy of their data or its deletion (staff carry those out:
`privacy`).

Keyword-only, one transaction each; e-mails go out through the outbox (`enqueue_on_commit`) only
after the commit. With `messages`, the only services modules that enqueue tasks (see the package docstring).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.identity import applicant_accounts
from assessments import evaluation
from assessments.models import Assessment
from assessments.presentation import ResultView, present
from assessments.services import run_assessment
from outbox.services import enqueue_on_commit

from ..models import Applicant, Case, DataRequest, Document, IntakeDraft, Pathway, PendingSubmission
from ..tasks import (
    notify_data_request_task,
    notify_new_case_task,
    send_draft_link_task,
    send_magic_link_task,
    send_resume_link_task,
    send_submission_confirmation_task,
)
from .cases import open_case, unused_reference
from .documents import add_checklist_item, upload_document
from .people import create_applicant, normalise_email, record_consent

# Item names are limited by the Document model; longer engine texts are cut, never rejected.
_ITEM_NAME_MAX = 200


@dataclass(frozen=True)
class Submission:
    applicant: Applicant
    case: Case
    assessment: Assessment
    is_new_applicant: bool

    @property
    def reference(self) -> str:
        return self.case.reference


def _snapshot(*, applicant: Applicant, case: Case, profile: dict[str, Any]) -> tuple[Assessment, ResultView]:
    """Store the snapshot (inputs, rule versions, results) and return it with its English presentation.

    English because checklist item names are the engine's English texts, translated on display.
    """
    assessment = run_assessment(applicant=applicant, case=case, profile=profile, as_of=timezone.localdate())
    with translation.override("en"):
        view = present(assessment.results)
    return assessment, view


@transaction.atomic
def save_intake_draft(
    *,
    email: str,
    preferred_language: str,
    answers: dict[str, dict[str, list[str]]],
    consent_text_version: str,
) -> IntakeDraft:
    """Keep unfinished self-assessment answers to continue later, and e-mail a one-time link to them.

    Nothing else is recorded: no applicant, no case, no consultant is told. The draft expires after
    INTAKE_DRAFT_MAX_AGE_DAYS and the retention sweep deletes it then. Refuses (ValueError) an empty
    set of answers or a language the site does not speak.
    """
    if not answers:
        raise ValueError("nothing to save: no step was answered")
    if preferred_language not in Applicant.Language.values:
        raise ValueError(f"unknown language {preferred_language!r}")
    now = timezone.now()
    draft = IntakeDraft.objects.create(
        email=normalise_email(email),
        preferred_language=preferred_language,
        answers=answers,
        consent_text_version=consent_text_version,
        created_at=now,
        expires_at=now + timedelta(days=settings.INTAKE_DRAFT_MAX_AGE_DAYS),
    )
    enqueue_on_commit(send_draft_link_task, draft.pk)
    return draft


@transaction.atomic
def hold_for_confirmation(
    *, applicant: Applicant, full_name: str, preferred_language: str, profile: dict[str, Any]
) -> PendingSubmission:
    """Keep the assessment aside under a reserved reference and e-mail `applicant`'s address a link to
    confirm it (`links.confirm_submission`); nothing is added to the applicant before. Raises
    `ProfileError` if the engine rejects the profile (as saving would).

    The saver sees the same page as anyone else (a reserved case reference, "we have e-mailed you"), so
    the form does not tell strangers which addresses are applicants; the e-mail to the address says only
    what the consultancy writes (no text typed by the saver). Unconfirmed assessments whose link has
    expired are deleted on the way.
    """
    evaluation.parse(profile)
    expired = timezone.now() - timedelta(days=settings.RESUME_LINK_MAX_AGE_DAYS)
    PendingSubmission.objects.filter(created_at__lt=expired).delete()
    pending = PendingSubmission.objects.create(
        reference=unused_reference(),
        email=applicant.email,
        full_name=full_name,
        preferred_language=preferred_language,
        profile=profile,
    )
    enqueue_on_commit(send_submission_confirmation_task, pending.pk)
    return pending


@transaction.atomic
def submit_for_consultation(
    *,
    full_name: str,
    email: str,
    preferred_language: str,
    consent_text_version: str,
    for_cross_border_transfer: bool,
    profile: dict[str, Any],
) -> Submission | PendingSubmission:
    """Save a self-assessment for a consultant: a new applicant, consent, case, snapshot.

    An address that already belongs to an applicant (any capitalisation) proves nothing when typed:
    the assessment waits, and the address gets a link to confirm it (`hold_for_confirmation`);
    whoever confirms adds it to that applicant. Either way the caller gets a case reference to show.
    Raises `ProfileError` if the engine rejects the profile.
    """
    existing = Applicant.objects.filter(email__iexact=normalise_email(email)).first()
    if existing is not None:
        return hold_for_confirmation(
            applicant=existing, full_name=full_name, preferred_language=preferred_language, profile=profile
        )
    born = profile.get("date_of_birth")
    applicant = create_applicant(
        full_name=full_name,
        email=email,
        nationality=str(profile.get("nationality", "")),
        date_of_birth=date.fromisoformat(born) if born else None,
        preferred_language=preferred_language,
    )
    return add_assessed_case(
        applicant=applicant,
        consent_text_version=consent_text_version,
        for_cross_border_transfer=for_cross_border_transfer,
        profile=profile,
    )


@transaction.atomic
def add_assessed_case(
    *,
    applicant: Applicant,
    consent_text_version: str,
    for_cross_border_transfer: bool,
    profile: dict[str, Any],
    reference: str | None = None,
    is_new_applicant: bool = True,
) -> Submission:
    """Consent, a new case (under `reference` when one was reserved) and its snapshot for `applicant`.

    The case starts as "new" and targets the routes that fit (or the best route per country when none
    does), with their documents as its checklist. The applicant gets a resume link; the consultancy is
    notified. Raises `ProfileError` if the engine rejects the profile.
    """
    record_consent(
        applicant=applicant,
        text_version=consent_text_version,
        for_assessment=True,
        for_consultation=True,
        for_cross_border_transfer=for_cross_border_transfer,
    )
    case = open_case(applicant=applicant, pathways=[], reference=reference)
    assessment, view = _snapshot(applicant=applicant, case=case, profile=profile)
    case.pathways.set(Pathway.objects.filter(code__in=[p.code for p in view.relied_on]))
    seen: set[str] = set()
    for document in view.documents:
        name = document[:_ITEM_NAME_MAX]
        if name.lower() not in seen:
            seen.add(name.lower())
            add_checklist_item(case=case, name=name)
    enqueue_on_commit(send_resume_link_task, applicant.pk, case.pk)
    enqueue_on_commit(notify_new_case_task, case.pk)
    return Submission(applicant, case, assessment, is_new_applicant=is_new_applicant)


@transaction.atomic
def send_sign_in_link(*, email: str) -> None:
    """E-mail a one-time sign-in link to the portal account with this address, if there is one.

    Says nothing either way (the caller shows the same page), so the form cannot be used to find out
    who has an account. Staff accounts are never sent one (`accounts.identity`).
    """
    user = (
        applicant_accounts()
        .filter(email__iexact=email.strip(), applicant__isnull=False, applicant__erased_at__isnull=True)
        .first()
    )
    if user is not None:
        enqueue_on_commit(send_magic_link_task, user.pk)


@transaction.atomic
def activate_portal_account(*, applicant: Applicant, password: str) -> User:
    """Give an applicant their portal login (user name = their e-mail). Refuses a second account."""
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    if applicant.user_id is not None:
        raise ValidationError(_("This applicant already has a portal account."))
    username = applicant.email.lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("A login with this e-mail address already exists. Sign in instead."))
    user = User.objects.create_user(username=username, email=applicant.email, password=password)
    applicant.user = user
    applicant.save(update_fields=["user"])
    return user


UPLOADABLE = {
    Document.Review.REQUESTED,
    Document.Review.UPLOADED,
    Document.Review.REJECTED,
    Document.Review.REUPLOAD_REQUESTED,
}


@transaction.atomic
def upload_for_applicant(*, applicant: Applicant, document: Document, file: File[bytes]) -> Document:
    """Attach a validated file (see `uploads.validate_upload`) to one of the applicant's own checklist items."""
    if document.case.applicant_id != applicant.pk:
        raise ValidationError(_("This document belongs to another applicant."))
    if document.review_status not in UPLOADABLE:
        raise ValidationError(
            _("This document was accepted already; ask your consultant before replacing it.")
        )
    return upload_document(document=document, file=file)


@transaction.atomic
def request_data(*, applicant: Applicant, kind: str) -> DataRequest:
    """The applicant asks for a copy of their data or for deletion; staff are told (and carry it out:
    `privacy.approve_data_request`). Asking again while one is open returns the open request."""
    open_requests = DataRequest.objects.filter(applicant=applicant, kind=kind, completed_at__isnull=True)
    existing = open_requests.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = DataRequest.objects.create(applicant=applicant, kind=kind)
    except IntegrityError:  # a concurrent second click
        return open_requests.get()
    enqueue_on_commit(notify_data_request_task, request.pk)
    return request
