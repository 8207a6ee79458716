from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six-digit code from the authenticator app (spaces typed between the digits are ignored)."""

    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=12,
        error_messages={"required": _("Enter the code your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(str(self.cleaned_data["token"]).split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("The code is six digits, like 123456."))
        return token


class EnrolForm(TokenForm):
    """Enrolment is confirmed with the password again: a session on its own (a stolen cookie, a
    sign-in link) must not be enough to bind an authenticator app to the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to finish the set-up.")},
    )
