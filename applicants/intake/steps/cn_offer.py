"""Follow-up to step 4: the China job offer (work permit points)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact
from ..fields import AmountField, CurrencyField, TriStateField, money


class ChinaOfferForm(IntakeForm):
    title = _("Your job offer in China")
    intro = _("China's work permit gives points for the salary and the time you will spend in China.")
    money_pairs = {"annual_salary": "currency", "local_average_annual_wage": "currency"}

    currency = CurrencyField(initial="CNY")
    annual_salary = AmountField(
        label=_("Annual salary offered"),
        help_text=_("Before tax, as in the offer letter. Leave it empty if it is not settled yet."),
    )
    months_per_year_in_china = forms.IntegerField(
        label=_("How many months a year will you work in China?"),
        required=False,
        min_value=0,
        max_value=12,
        error_messages={
            "invalid": _("Enter a whole number of months, for example 9."),
            "min_value": _("The number of months cannot be negative."),
            "max_value": _("A year has 12 months: enter 12 or fewer."),
        },
    )
    local_average_annual_wage = AmountField(
        label=_("The city's average annual wage of last year"),
        help_text=_(
            "Published by the city each year; your employer will know it. A salary of 6 times it is category A, "
            "4 times category B. Leave it empty and a consultant checks it."
        ),
    )
    in_encouraged_region = TriStateField(
        label=_("Is the job in a region China encourages foreign talent to work in?"),
        help_text=_("For example the central and western regions or the northeast. Your employer will know."),
    )

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "china_job_offer": compact(
                {
                    "annual_salary": money(data["annual_salary"], data["currency"]),
                    "months_per_year_in_china": data["months_per_year_in_china"],
                    "in_encouraged_region": data["in_encouraged_region"],
                    "local_average_annual_wage": money(data["local_average_annual_wage"], data["currency"]),
                }
            )
        }
