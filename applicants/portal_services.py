"""Every write the applicant journey makes: saving an assessment for a consultant, the portal account,
uploads by the applicant, and the applicant's data requests.

Keyword-only, one transaction each; e-mails go out through Celery only after the commit.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from assessments.engine import render_assessment
from assessments.models import Assessment
from assessments.services import run_assessment

from .models import Applicant, Case, DataRequest, Document, Pathway
from .results import present
from .services import (
    add_checklist_item,
    create_applicant,
    normalise_email,
    open_case,
    record_consent,
    upload_document,
)
from .tasks import notify_deletion_request_task, notify_new_case_task, send_resume_link_task

# Item names are limited by the Document model; longer engine texts are cut, never rejected.
_ITEM_NAME_MAX = 200


@dataclass(frozen=True)
class Submission:
    applicant: Applicant
    case: Case
    assessment: Assessment
    is_new_applicant: bool


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
) -> Submission:
    """Save a self-assessment for a consultant: applicant (matched by e-mail), consent, case, snapshot.

    An applicant who already exists under this e-mail (any capitalisation) gets the new case; their
    stored name is not overwritten by whatever was typed. The case starts as "new" and targets the
    routes that fit (or the best route per country when none does), with their documents as its
    checklist. The applicant gets a resume link; the consultancy is notified. Raises `ProfileError`
    if the engine rejects the profile.
    """
    existing = Applicant.objects.filter(email__iexact=normalise_email(email)).first()
    if existing is None:
        born = profile.get("date_of_birth")
        applicant = create_applicant(
            full_name=full_name,
            email=email,
            nationality=str(profile.get("nationality", "")),
            date_of_birth=date.fromisoformat(born) if born else None,
            preferred_language=preferred_language,
        )
    else:
        applicant = existing
    record_consent(
        applicant=applicant,
        text_version=consent_text_version,
        for_assessment=True,
        for_consultation=True,
        for_cross_border_transfer=for_cross_border_transfer,
    )
    case = open_case(applicant=applicant, pathways=[])
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
    send_resume_link_task.delay_on_commit(applicant.pk, case.pk)  # type: ignore[attr-defined]  # celery-types lacks DjangoTask
    notify_new_case_task.delay_on_commit(case.pk)  # type: ignore[attr-defined]  # celery-types lacks DjangoTask
    return Submission(applicant, case, assessment, is_new_applicant=existing is None)


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


def _applicant_data(applicant: Applicant) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "applicant": {
            "full_name": applicant.full_name,
            "email": applicant.email,
            "phone": applicant.phone,
            "nationality": applicant.nationality,
            "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else None,
            "preferred_language": applicant.preferred_language,
            "passport_last4": applicant.passport_last4,
            "created_at": applicant.created_at.isoformat(),
        },
        "consents": [
            {
                "text_version": c.text_version,
                "for_assessment": c.for_assessment,
                "for_consultation": c.for_consultation,
                "for_cross_border_transfer": c.for_cross_border_transfer,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in applicant.consents.all()
        ],
        "cases": [
            {
                "reference": case.reference,
                "status": case.status,
                "opened_at": case.created_at.isoformat(),
                "pathways": sorted(p.code for p in case.pathways.all()),
                "documents": [
                    {
                        "item": d.name,
                        "review_status": d.review_status,
                        "reason": d.reason_for_applicant,
                        "uploaded_at": d.uploaded_at.isoformat() if d.uploaded_at else None,
                        "file": f"documents/{case.reference}/{d.pk}-{d.file.name.rsplit('/', 1)[-1]}"
                        if d.file
                        else None,
                    }
                    for d in case.documents.all()
                ],
            }
            for case in applicant.cases.prefetch_related("pathways", "documents")
        ],
        "assessments": [
            {
                "as_of": a.as_of.isoformat(),
                "run_at": a.created_at.isoformat(),
                "inputs": a.inputs,
                "results": a.results,
            }
            for a in applicant.assessments.all()
        ],
    }


@transaction.atomic
def export_applicant_data(*, applicant: Applicant) -> bytes:
    """A zip of everything we hold about the applicant: data.json plus their uploaded documents."""
    data = _applicant_data(applicant)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for document in (
            Document.objects.filter(case__applicant=applicant).exclude(file="").select_related("case")
        ):
            with document.file.open("rb") as handle:
                name = f"documents/{document.case.reference}/{document.pk}-{document.file.name.rsplit('/', 1)[-1]}"
                archive.writestr(name, handle.read())
    DataRequest.objects.create(applicant=applicant, kind=DataRequest.Kind.EXPORT, completed_at=timezone.now())
    return buffer.getvalue()


@transaction.atomic
def request_account_deletion(*, applicant: Applicant) -> DataRequest:
    """Ask the consultancy to delete the account (staff check legal retention first). Asking twice is one request."""
    open_deletions = DataRequest.objects.filter(
        applicant=applicant, kind=DataRequest.Kind.DELETION, completed_at__isnull=True
    )
    open_request = open_deletions.first()
    if open_request is not None:
        return open_request
    try:
        with transaction.atomic():
            request = DataRequest.objects.create(applicant=applicant, kind=DataRequest.Kind.DELETION)
    except IntegrityError:  # a concurrent second click
        return open_deletions.get()
    notify_deletion_request_task.delay_on_commit(request.pk)  # type: ignore[attr-defined]  # celery-types lacks DjangoTask
    return request
