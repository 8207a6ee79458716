"""Signed, expiring links e-mailed to applicants: the resume link and the one-time sign-in link.

A token carries the applicant (or user) id and a fingerprint of the account's state. Signing in
changes `last_login`, and creating the account changes the state from "new", so a used link stops
working; the timestamp makes it expire.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.utils.crypto import salted_hmac

from .models import Applicant

RESUME_SALT = "applicants.resume-link"
MAGIC_SALT = "applicants.magic-link"


def _user_state(user: User) -> str:
    login = "" if user.last_login is None else user.last_login.isoformat()
    return salted_hmac(MAGIC_SALT, f"{user.pk}|{user.password}|{login}|{user.is_active}").hexdigest()[:20]


def _applicant_state(applicant: Applicant) -> str:
    return "new" if applicant.user is None else _user_state(applicant.user)


def make_resume_token(applicant: Applicant) -> str:
    return signing.dumps(
        {"a": applicant.pk, "s": _applicant_state(applicant)}, salt=RESUME_SALT, compress=True
    )


def read_resume_token(token: str) -> Applicant | None:
    """The applicant a resume link is for, or None when it is forged, expired or already used."""
    max_age = settings.RESUME_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=RESUME_SALT, max_age=max_age)
        applicant = Applicant.objects.select_related("user").get(pk=payload["a"])
    except (signing.BadSignature, Applicant.DoesNotExist, KeyError, TypeError):
        return None
    return applicant if payload.get("s") == _applicant_state(applicant) else None


def make_magic_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _user_state(user)}, salt=MAGIC_SALT, compress=True)


def read_magic_token(token: str) -> User | None:
    """The user a sign-in link is for, or None when it is forged, expired or already used."""
    max_age = settings.MAGIC_LINK_MAX_AGE_MINUTES * 60
    try:
        payload = signing.loads(token, salt=MAGIC_SALT, max_age=max_age)
        user = User.objects.get(pk=payload["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        return None
    return user if payload.get("s") == _user_state(user) else None
