"""Follow-up to step 4: the Singapore company (EntrePass)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact, iso
from ..fields import AmountField, CurrencyField, TriStateField, money


class BusinessForm(IntakeForm):
    title = _("Your company in Singapore")
    intro = _("The EntrePass needs a young Singapore company and at least one sign of innovation.")
    money_pairs = {"largest_funding_round": "currency"}

    company_incorporated = TriStateField(
        required=False,
        label=_("Is the company incorporated yet?"),
        help_text=_("Answer no if you plan to register it after the application: that is a valid answer."),
    )
    company_incorporated_on = forms.DateField(
        label=_("When was the company incorporated?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        help_text=_("Leave it empty if it is not incorporated yet."),
        error_messages={"invalid": _("Enter a real date, for example 2026-03-01.")},
    )
    currency = CurrencyField()
    largest_funding_round = AmountField(
        label=_("Largest single funding round raised"),
        help_text=_("From a third-party investor. Leave it empty if none."),
    )
    recognised_incubator = TriStateField(
        label=_("Is the company supported by a recognised incubator or accelerator?"),
    )
    founded_and_sold_tech_business = TriStateField(
        label=_("Have you founded and sold a technology business before?"),
    )
    registered_ip = TriStateField(label=_("Does the company hold registered intellectual property?"))
    singapore_research_collaboration = TriStateField(
        label=_("Does the company work with a Singapore research institution?"),
    )

    def clean_company_incorporated_on(self) -> date | None:
        day: date | None = self.cleaned_data["company_incorporated_on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                _("The incorporation date cannot be in the future; leave it empty if it is only planned.")
            )
        return day

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "business": compact(
                {
                    "company_incorporated": True
                    if data["company_incorporated_on"] is not None
                    else data["company_incorporated"],
                    "company_incorporated_on": iso(data["company_incorporated_on"]),
                    "largest_funding_round": money(data["largest_funding_round"], data["currency"]),
                    "recognised_incubator": data["recognised_incubator"],
                    "founded_and_sold_tech_business": data["founded_and_sold_tech_business"],
                    "registered_ip": data["registered_ip"],
                    "singapore_research_collaboration": data["singapore_research_collaboration"],
                }
            )
        }
