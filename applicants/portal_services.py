"""Every write the applicant journey makes: saving an assessment for a consultant, the portal account,
uploads by the applicant. (Their data requests are in `applicants.privacy.services`.)

Keyword-only, one transaction each; e-mails go out through Celery only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from assessments.engine import render_assessment
from assessments.models import Assessment
from assessments.services import run_assessment
from outbox.services import enqueue_on_commit

from .models import Applicant, Case, Document, Pathway, PendingSubmission
from .pending import hold_for_confirmation
from .results import present
from .services import (
    add_checklist_item,
    create_applicant,
    normalise_email,
    open_case,
    record_consent,
    upload_document,
)
from .tasks import notify_new_case_task, send_resume_link_task

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


def _snapshot(
    *, applicant: Applicant, case: Case, profile: dict[str, Any]
) -> tuple[Assessment, dict[str, Any]]:
    """Store the snapshot (inputs, rule versions, results) and return it with its English rendering.

    English because checklist item names are the engine's English texts, translated on display.
    """
    assessment = run_assessment(applicant=applicant, case=case, profile=profile, as_of=timezone.localdate())
    with translation.override("en"):
        rendered = render_assessment(assessment.results, translate=gettext)
    return assessment, rendered


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
    the assessment waits, and the address gets a link to confirm it (`pending.hold_for_confirmation`);
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
    assessment, results = _snapshot(applicant=applicant, case=case, profile=profile)
    view = present(results)
    fitting = [p for p in view.pathways if p.outcome in {"eligible", "likely_eligible", "needs_review"}]
    targets = fitting or [p for p in view.best.values() if p is not None]
    case.pathways.set(Pathway.objects.filter(code__in=[p.code for p in targets]))
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
