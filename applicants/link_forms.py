"""Forms of the pages the e-mailed links open, and the portal's password-reset form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from accounts.identity import applicant_accounts

from .consent import PURPOSE_ASSESSMENT, PURPOSE_CONSULTATION, PURPOSE_TRANSFER


class LinkSignInForm(forms.Form):
    """No fields: a link signs in only when its page is submitted (a POST with the CSRF token), so a
    link opened by a mail scanner or planted by someone else signs nobody in."""


class ConfirmSubmissionForm(forms.Form):
    """The consents, given by the person confirming (who may not be who typed the address)."""

    consent_assessment = forms.BooleanField(
        label=PURPOSE_ASSESSMENT,
        error_messages={"required": _("We can only save your assessment with this consent.")},
    )
    consent_consultation = forms.BooleanField(
        label=PURPOSE_CONSULTATION,
        error_messages={"required": _("A consultant can only advise you with this consent.")},
    )
    consent_transfer = forms.BooleanField(
        label=PURPOSE_TRANSFER,
        required=False,
        help_text=_("Optional. Without it we advise you only on routes handled from the same country."),
    )


class PortalPasswordResetForm(PasswordResetForm):
    """Resets only applicants' passwords: a staff account's is never reset the portal's way."""

    def get_users(self, email: str) -> Iterator[Any]:
        candidates: list[User] = list(super().get_users(email))
        allowed = set(
            applicant_accounts()
            .filter(pk__in=[user.pk for user in candidates], applicant__erased_at__isnull=True)
            .exclude(applicant=None)
            .values_list("pk", flat=True)
        )
        return iter([user for user in candidates if user.pk in allowed])
