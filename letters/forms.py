"""The form of "E-mail me this result": an address and the consent to use it for that one e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ResultEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("Use my e-mail address to send me this result once, then delete it."),
        error_messages={"required": _("Tick the box so that we may use your address for this one e-mail.")},
    )
