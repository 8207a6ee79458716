"""Saving the self-assessment: for a consultant (who the applicant is and what they consent to), or only
to continue later (an e-mail address and the consent to keep the answers until the link expires)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..consent import PURPOSE_KEEP_DRAFT, ConsentForm
from ..models import Applicant
from ..names import validate_person_name


class SaveForm(ConsentForm):
    """Name, e-mail and consent to save an assessment and talk to a consultant."""

    field_order = ["full_name", "email", "preferred_language"]

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        help_text=_("As in your passport."),
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send your reference code and a link to your saved assessment here."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for our e-mails"), choices=Applicant.Language.choices, widget=forms.RadioSelect
    )

    def clean_full_name(self) -> str:
        name: str = self.cleaned_data["full_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError(_("Enter your full name."))
        validate_person_name(name)
        return name


class SaveForLaterForm(forms.Form):
    """Only what an e-mailed link to continue later needs: where to send it, and the consent to keep
    the answers until it expires. No name, no case, no consultant."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the link to continue here, and use the address for nothing else."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_keep_draft = forms.BooleanField(
        label=PURPOSE_KEEP_DRAFT,
        error_messages={"required": _("We can only keep your answers with this consent.")},
    )
