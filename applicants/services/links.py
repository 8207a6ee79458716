"""What the e-mailed links do when their page is confirmed (always a POST): sign in, create the portal
password, add a confirmed assessment, take back answers saved to continue later. Each uses its link up in the same transaction as its work
(`tokens.use_*`), so a link works exactly once, and not at all if the work is refused.

Each returns None when the link is no longer good (forged, expired, used meanwhile by another request).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from ..consent import CONSENT_TEXT_VERSION
from ..models import Applicant
from ..tokens import use_confirmation_token, use_draft_token, use_magic_token, use_resume_token
from .people import create_applicant
from .portal import Submission, activate_portal_account, add_assessed_case


@transaction.atomic
def sign_in_link_user(*, token: str) -> User | None:
    """The applicant account a sign-in link signs in, using the link up."""
    return use_magic_token(token)


@transaction.atomic
def resume_link_user(*, token: str) -> User | None:
    """The existing portal account a resume link signs in, using the link up."""
    applicant = use_resume_token(token)
    return applicant.user if applicant is not None else None


@transaction.atomic
def create_account_with_link(*, token: str, password: str) -> User | None:
    """Create the portal account a resume link is for; raises ValidationError if it is refused (and
    the link keeps working)."""
    applicant = use_resume_token(token)
    if applicant is None:
        return None
    return activate_portal_account(applicant=applicant, password=password)


@transaction.atomic
def confirm_submission(*, token: str, for_cross_border_transfer: bool) -> Submission | None:
    """The owner of the address confirmed an assessment saved under it: it becomes a case of theirs,
    under the reference reserved for it, with the consents they give now. The waiting copy is deleted.
    Raises `ProfileError` if the saved answers no longer fit the engine."""
    pending = use_confirmation_token(token)
    if pending is None:
        return None
    applicant = Applicant.objects.filter(email__iexact=pending.email, erased_at__isnull=True).first()
    is_new = applicant is None
    if applicant is None:  # erased, or their address changed, since: the confirmer is a new applicant
        applicant = create_applicant(
            full_name=pending.full_name, email=pending.email, preferred_language=pending.preferred_language
        )
    submission = add_assessed_case(
        applicant=applicant,
        consent_text_version=CONSENT_TEXT_VERSION,
        for_cross_border_transfer=for_cross_border_transfer,
        profile=pending.profile,
        reference=pending.reference,
        is_new_applicant=is_new,
    )
    pending.delete()
    return submission


@transaction.atomic
def take_back_draft(*, token: str) -> dict[str, dict[str, list[str]]] | None:
    """The answers a continue-later link restores, using the link up; the draft is deleted (the answers
    live in the browser's session again, and saving for later once more makes a new draft)."""
    draft = use_draft_token(token)
    if draft is None:
        return None
    answers: dict[str, dict[str, list[str]]] = draft.answers
    draft.delete()
    return answers
