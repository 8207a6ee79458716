"""Signed, expiring, one-time links e-mailed to applicants: the resume link, the sign-in link, the
link that confirms an assessment saved under an existing applicant's address, and the link that
restores a self-assessment saved to continue later.

A token is signed (it cannot be forged) and carries its issue time (it expires). It is used once:
using it inserts a `UsedLink` row keyed by the token's digest, and the unique constraint lets only one
of two simultaneous requests succeed, so one link never makes two sessions. `read_*` only look at a
token (to show a page); `use_*` use it up, inside the caller's transaction, so a use whose work then
fails (a refused password, say) is rolled back with it and the link still works.

Links are for applicants only: one whose account is staff (accounts.identity) or whose data was
erased is refused, whenever it was issued.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.identity import is_staff_identity

from .models import Applicant, IntakeDraft, PendingSubmission, UsedLink

RESUME_SALT = "applicants.resume-link"
MAGIC_SALT = "applicants.magic-link"
CONFIRM_SALT = "applicants.confirm-submission"
DRAFT_SALT = "applicants.intake-draft"


def _user_state(user: User) -> str:
    """Changes when the password or the account's status changes: links issued before stop working."""
    return salted_hmac(MAGIC_SALT, f"{user.pk}|{user.password}|{user.is_active}").hexdigest()[:20]


def _applicant_state(applicant: Applicant) -> str:
    return "new" if applicant.user is None else _user_state(applicant.user)


def _longest_link_life() -> timedelta:
    return max(
        timedelta(days=settings.RESUME_LINK_MAX_AGE_DAYS),
        timedelta(minutes=settings.MAGIC_LINK_MAX_AGE_MINUTES),
        timedelta(days=settings.INTAKE_DRAFT_MAX_AGE_DAYS),
    )


def use_once(token: str) -> bool:
    """Record `token` as used; False if it was used before (by this or a simultaneous request).

    Call it inside the transaction of the work the link does. Rows older than any link's lifetime are
    deleted on the way: a token that old is expired anyway.
    """
    digest = hashlib.sha256(token.encode()).hexdigest()
    UsedLink.objects.filter(used_at__lt=timezone.now() - _longest_link_life()).delete()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives a refusal
            UsedLink.objects.create(digest=digest)
    except IntegrityError:
        return False
    return True


def was_used(token: str) -> bool:
    return UsedLink.objects.filter(digest=hashlib.sha256(token.encode()).hexdigest()).exists()


# --- Resume link: create the portal password, or sign in to an existing account --------------------------


def make_resume_token(applicant: Applicant) -> str:
    return signing.dumps(
        {"a": applicant.pk, "s": _applicant_state(applicant)}, salt=RESUME_SALT, compress=True
    )


def read_resume_token(token: str) -> Applicant | None:
    """The applicant a resume link is for, or None when it is forged, expired, used or no longer fits
    (the account changed, the person was erased, the account is staff)."""
    max_age = settings.RESUME_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=RESUME_SALT, max_age=max_age)
        applicant = Applicant.objects.select_related("user").get(pk=payload["a"], erased_at__isnull=True)
    except (signing.BadSignature, Applicant.DoesNotExist, KeyError, TypeError):
        return None
    if payload.get("s") != _applicant_state(applicant) or is_staff_identity(applicant.user):
        return None
    return None if was_used(token) else applicant


def use_resume_token(token: str) -> Applicant | None:
    """Like `read_resume_token`, and uses the link up (None if another request used it first)."""
    applicant = read_resume_token(token)
    return applicant if applicant is not None and use_once(token) else None


# --- Sign-in link ---------------------------------------------------------------------------------------


def make_magic_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _user_state(user)}, salt=MAGIC_SALT, compress=True)


def read_magic_token(token: str) -> User | None:
    """The applicant account a sign-in link is for, or None when it is forged, expired, used, or for
    an account that is not an applicant's (staff never sign in through the portal)."""
    max_age = settings.MAGIC_LINK_MAX_AGE_MINUTES * 60
    try:
        payload = signing.loads(token, salt=MAGIC_SALT, max_age=max_age)
        user = User.objects.get(
            pk=payload["u"], is_active=True, applicant__isnull=False, applicant__erased_at__isnull=True
        )
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        return None
    if payload.get("s") != _user_state(user) or is_staff_identity(user):
        return None
    return None if was_used(token) else user


def use_magic_token(token: str) -> User | None:
    user = read_magic_token(token)
    return user if user is not None and use_once(token) else None


# --- Confirming an assessment saved under an existing applicant's address -----------------------------------


def make_confirmation_token(pending: PendingSubmission) -> str:
    return signing.dumps({"p": pending.pk, "r": pending.reference}, salt=CONFIRM_SALT, compress=True)


def read_confirmation_token(token: str) -> PendingSubmission | None:
    max_age = settings.RESUME_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        pending = PendingSubmission.objects.get(pk=payload["p"], reference=payload["r"])
    except (signing.BadSignature, PendingSubmission.DoesNotExist, KeyError, TypeError):
        return None
    return None if was_used(token) else pending


def use_confirmation_token(token: str) -> PendingSubmission | None:
    pending = read_confirmation_token(token)
    return pending if pending is not None and use_once(token) else None


# --- Continuing a self-assessment saved for later ------------------------------------------------------------


def make_draft_token(draft: IntakeDraft) -> str:
    return signing.dumps({"d": draft.pk, "e": draft.expires_at.isoformat()}, salt=DRAFT_SALT, compress=True)


def read_draft_token(token: str) -> IntakeDraft | None:
    """The saved answers a continue-later link restores, or None when it is forged, expired (the draft's
    own expiry, as well as the link's age), used, or its draft was deleted."""
    max_age = settings.INTAKE_DRAFT_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=DRAFT_SALT, max_age=max_age)
        draft = IntakeDraft.objects.get(pk=payload["d"], expires_at__gte=timezone.now())
    except (signing.BadSignature, IntakeDraft.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if payload.get("e") != draft.expires_at.isoformat():
        return None
    return None if was_used(token) else draft


def use_draft_token(token: str) -> IntakeDraft | None:
    draft = read_draft_token(token)
    return draft if draft is not None and use_once(token) else None
