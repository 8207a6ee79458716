"""Follow-up to step 4: the Singapore job offer (Employment Pass, COMPASS, ONE Pass prospective salary)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact
from ..fields import AmountField, CurrencyField, TriStateField, money

_PERCENT_ERRORS = {
    "invalid": _("Enter a whole number from 0 to 100."),
    "min_value": _("Enter a whole number from 0 to 100."),
    "max_value": _("Enter a whole number from 0 to 100."),
}


def _percent_field(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=100,
        error_messages=_PERCENT_ERRORS,
    )


class SingaporeOfferForm(IntakeForm):
    title = _("Your job offer in Singapore")
    intro = _(
        "The Employment Pass compares the offer with local salaries (COMPASS). Your employer knows the "
        "COMPASS details: leave them empty if you don't."
    )
    money_pairs = {"monthly_fixed_salary": "currency"}

    currency = CurrencyField()
    monthly_fixed_salary = AmountField(
        label=_("Fixed monthly salary offered"),
        help_text=_("Basic salary plus fixed allowances, as in the offer letter."),
    )
    sector = forms.ChoiceField(
        label=_("Is the employer in financial services?"),
        choices=[("financial_services", _("Yes, financial services")), ("other", _("No, another sector"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Banks, insurers and fund managers have a higher Employment Pass salary bar."),
    )
    employer_established = TriStateField(
        label=_("Is the employer an established company?"),
        help_text=_(
            "A market value of at least US$500 million or yearly revenue of at least US$200 million."
        ),
    )
    c1_salary_percentile = _percent_field(
        _("COMPASS: salary percentile among local peers"),
        _("Where the offered salary sits among local professionals in the same job (0 to 100)."),
    )
    qualification_tier = forms.ChoiceField(
        label=_("COMPASS: qualification"),
        required=False,
        choices=[
            ("", _("I don't know")),
            ("top_tier", _("Degree from a top-tier institution")),
            ("degree", _("Degree or equivalent")),
            ("none", _("No degree")),
        ],
    )
    nationality_share_of_pmets = _percent_field(
        _("COMPASS: share of the employer's professionals with your nationality (%)"),
        _("Your employer's HR can tell you this."),
    )
    local_pmet_share_percentile = _percent_field(
        _("COMPASS: local professionals' share at the employer, as a percentile of its industry"),
        _("Your employer's HR can tell you this."),
    )
    employer_pmet_count = forms.IntegerField(
        label=_("COMPASS: number of professionals the employer has in Singapore"),
        required=False,
        min_value=0,
        error_messages={
            "invalid": _("Enter a whole number, for example 40."),
            "min_value": _("The number cannot be negative."),
        },
    )
    shortage_occupation = TriStateField(label=_("COMPASS: is the job on the Shortage Occupation List?"))
    sep_firm = TriStateField(
        label=_("COMPASS: is the employer in a strategic economic priority programme?"),
    )

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        share = data["nationality_share_of_pmets"]
        compass = compact(
            {
                "c1_salary_percentile": data["c1_salary_percentile"],
                "qualification_tier": data["qualification_tier"] or None,
                # The contract takes a fraction; people think in percent.
                "nationality_share_of_pmets": None if share is None else str(Decimal(share) / 100),
                "local_pmet_share_percentile": data["local_pmet_share_percentile"],
                "employer_pmet_count": data["employer_pmet_count"],
                "shortage_occupation": data["shortage_occupation"],
                "sep_firm": data["sep_firm"],
            }
        )
        return {
            "singapore_job_offer": compact(
                {
                    "monthly_fixed_salary": money(data["monthly_fixed_salary"], data["currency"]),
                    "sector": data["sector"] or None,
                    "employer_established": data["employer_established"],
                    "compass": compass,
                }
            )
        }
