"""Step 1: about you — age, citizenship and residence come first: the K visa's hard gate needs them, and
nobody is assessed for the passes of a country they are a citizen or permanent resident of."""

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
    intro = _("Your age, citizenship and residence decide some routes straight away, so we ask them first.")

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
    other_citizenship = forms.ChoiceField(
        label=_("Another citizenship, if you have one"),
        required=False,
        help_text=_("A citizen of Singapore or China needs no visa or pass to work there."),
    )
    permanent_residence = forms.MultipleChoiceField(
        label=_("Are you a permanent resident of either country?"),
        required=False,
        choices=[("SG", _("Singapore")), ("CN", _("China"))],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none if you are not. A permanent resident needs no visa or pass to work there."),
    )
    application_type = forms.ChoiceField(
        label=_("Is this a new application or a renewal?"),
        choices=[("new", _("A new application")), ("renewal", _("Renewing a pass I hold"))],
        initial="new",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a new application or a renewal.")},
    )
    pass_expiry_date = forms.DateField(
        label=_("Renewals: when does the pass you are renewing expire?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_(
            "The rules in force on that day apply to a renewal. Leave it empty for a new application."
        ),
        error_messages={"invalid": _("Enter a real date, for example 2027-03-31.")},
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
        other = self.fields["other_citizenship"]
        assert isinstance(other, forms.ChoiceField)
        other.choices = [("", _("None")), *country_choices()]

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
                "other_citizenships": [data["other_citizenship"]] if data["other_citizenship"] else [],
                "permanent_residence": list(data["permanent_residence"]),
                "application_type": data["application_type"],
                "pass_expiry_date": iso(data["pass_expiry_date"])
                if data["application_type"] == "renewal"
                else None,
                "on_singapore_work_pass": data["on_singapore_work_pass"],
            }
        )
