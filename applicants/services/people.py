"""Applicants and their consents: creating and correcting a person's record, keeping only what we may.

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
    email: str,
    nationality: str,
    date_of_birth: date | None,
    preferred_language: str,
    phone: str,
    user: User | None,
    passport_number: str = "",
) -> Applicant:
    """Correct a person's contact details (and, given a full passport number, its last four characters).

    Same rules as `create_applicant`: the e-mail stays unique in any capitalisation, the passport
    number is minimised.
    """
    locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
    email = normalise_email(email)
    _check_email_free(email, applicant=locked)
    locked.full_name = full_name.strip()
    locked.email = email
    locked.nationality = nationality.strip().upper()
    locked.date_of_birth = date_of_birth
    locked.preferred_language = preferred_language
    locked.phone = phone.strip()
    locked.user = user
    if passport_number:
        locked.passport_last4 = passport_last4(passport_number)
    locked.full_clean()
    locked.save()
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
