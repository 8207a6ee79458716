"""Assessments saved under an address that already belongs to an applicant wait for that address's
owner to confirm them (`link_services.confirm_submission`); nothing is added to the applicant before.

The saver sees the same page as anyone else (a reserved case reference, "we have e-mailed you"), so
the form does not tell strangers which addresses are applicants; the e-mail to the address says only
what the consultancy writes (no text typed by the saver).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments import evaluation
from outbox.services import enqueue_on_commit

from .models import Applicant, Case, PendingSubmission
from .models.cases import generate_reference
from .tasks import send_submission_confirmation_task


def _free_reference() -> str:
    while True:
        reference = generate_reference()
        if not (
            Case.objects.filter(reference=reference).exists()
            or PendingSubmission.objects.filter(reference=reference).exists()
        ):
            return reference


@transaction.atomic
def hold_for_confirmation(
    *, applicant: Applicant, full_name: str, preferred_language: str, profile: dict[str, Any]
) -> PendingSubmission:
    """Keep the assessment aside under a reserved reference and e-mail `applicant`'s address a link to
    confirm it. Raises `ProfileError` if the engine rejects the profile (as saving would).

    Unconfirmed assessments whose link has expired are deleted on the way.
    """
    evaluation.parse(profile)
    expired = timezone.now() - timedelta(days=settings.RESUME_LINK_MAX_AGE_DAYS)
    PendingSubmission.objects.filter(created_at__lt=expired).delete()
    pending = PendingSubmission.objects.create(
        reference=_free_reference(),
        email=applicant.email,
        full_name=full_name,
        preferred_language=preferred_language,
        profile=profile,
    )
    enqueue_on_commit(send_submission_confirmation_task, pending.pk)
    return pending
