"""Applicants and their consents: creating and correcting a person's record, keeping only what we may.

The applicant's sign-in identity is the e-mail address their links go to and their portal account.
Whoever controls an applicant's e-mail address can sign in as that applicant (sign-in and resume links
go there), so changing it is changing who the applicant is: only a case manager may do it
(`change_applicant_email`), and the portal login follows the record, so the record and the login never
name two different people. (Re-verifying the new address would not help: it proves control of the new
address, which is exactly what someone redirecting the account has.) The portal account itself is set
only by `portal.activate_portal_account`, from the applicant's own resume link; no form can set it, and
a staff account can never be it (`accounts.identity`).

Keyword-only, one transaction each; they raise Django's `ValidationError` (keyed by field where one is
at fault) with a message written for whoever typed the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import AnyUser, manages_all_cases
from ..errors import AccessDenied
from ..models import Applicant, ConsentRecord

_PASSPORT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")


def normalise_email(email: str) -> str:
    """The address as we store it: trimmed, its domain in lower case (the local part is left alone)."""
    local, _sep, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else email.strip()


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


def _check_email_free(email: str, *, applicant: Applicant | None = None) -> None:
    others = Applicant.objects.filter(email__iexact=email)
    if applicant is not None:
        others = others.exclude(pk=applicant.pk)
    if others.exists():
        raise ValidationError({"email": _("Another applicant already uses this e-mail address.")})


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
    _check_email_free(email)
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


@transaction.atomic
def update_applicant(
    *,
    applicant: Applicant,
    full_name: str,
    nationality: str,
    date_of_birth: date | None,
    preferred_language: str,
    phone: str,
    passport_number: str = "",
) -> Applicant:
    """Correct a person's details (and, given a full passport number, its last four characters).

    Not their e-mail address or portal account: those are who the applicant is
    (`change_applicant_email`, `portal.activate_portal_account`). The passport number is minimised.
    """
    locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
    locked.full_name = full_name.strip()
    locked.nationality = nationality.strip().upper()
    locked.date_of_birth = date_of_birth
    locked.preferred_language = preferred_language
    locked.phone = phone.strip()
    if passport_number:
        locked.passport_last4 = passport_last4(passport_number)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def change_applicant_email(*, applicant: Applicant, email: str, by: AnyUser) -> Applicant:
    """Give `applicant` a new e-mail address (case managers only); their portal login follows.

    Raises `AccessDenied` for anyone else and `ValidationError` for an address another applicant or
    login already has.
    """
    if not manages_all_cases(by):
        raise AccessDenied(_("Only a case manager can change an applicant's e-mail address."))
    locked = Applicant.objects.select_for_update(of=("self",)).select_related("user").get(pk=applicant.pk)
    email = normalise_email(email)
    _check_email_free(email, applicant=locked)
    user = locked.user
    if user is not None:
        if User.objects.filter(username__iexact=email).exclude(pk=user.pk).exists():
            raise ValidationError({"email": _("A login with this e-mail address already exists.")})
        user.username, user.email = email.lower(), email
        user.save(update_fields=["username", "email"])
    locked.email = email
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["email"])
    applicant.email = locked.email
    return locked


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
    """Record what the applicant agreed to, and to which version of the text. Refuses a consent
    without a purpose or without a text version."""
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
