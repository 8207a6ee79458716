"""Step 1: about you — age and nationality come first, as the K visa's hard gate needs them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...countries import country_choices
from ..base import IntakeForm, compact, iso
from ..fields import DatePartsField, TriStateField


class AboutForm(IntakeForm):
    title = _("About you")
    intro = _("Your age and nationality decide some routes straight away, so we ask them first.")

    date_of_birth = DatePartsField(
        label=_("Date of birth"),
        autocomplete="bday",
        help_text=_(
            "As in your passport, for example 31 5 1990. Leave it empty if you prefer not to say: routes "
            "with an age limit will then show that they need it."
        ),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        help_text=_("The country of the passport you would apply with."),
    )
    application_type = forms.ChoiceField(
        label=_("Is this a new application or a renewal?"),
        choices=[("new", _("A new application")), ("renewal", _("Renewing a pass I hold"))],
        initial="new",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a new application or a renewal.")},
    )
    on_singapore_work_pass = TriStateField(
        label=_("Do you hold a Singapore work pass now?"),
        help_text=_("For example an Employment Pass, S Pass or ONE Pass. It changes the ONE Pass test."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # CLDR's country names in the active language, in that language's order.
        nationality = self.fields["nationality"]
        assert isinstance(nationality, forms.ChoiceField)
        nationality.choices = [("", _("Prefer not to say")), *country_choices()]

    def clean_date_of_birth(self) -> date | None:
        born: date | None = self.cleaned_data["date_of_birth"]
        if born is None:
            return None
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("Your date of birth must be in the past."))
        if today.year - born.year > 100:
            raise forms.ValidationError(_("Check the year: that makes you more than 100 years old."))
        if today.year - born.year < 16:
            raise forms.ValidationError(_("You must be at least 16 to use this assessment."))
        return born

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return compact(
            {
                "date_of_birth": iso(data["date_of_birth"]),
                "nationality": data["nationality"] or None,
                "application_type": data["application_type"],
                "on_singapore_work_pass": data["on_singapore_work_pass"],
            }
        )
