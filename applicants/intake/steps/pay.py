"""Step 3: pay — the salary gates (Tech.Pass, ONE Pass, Employment Pass)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact
from ..fields import AmountField, CurrencyField, TriStateField, money


class PayForm(IntakeForm):
    title = _("Your pay")
    intro = _("Have your latest payslips at hand. Give monthly amounts before tax.")
    money_pairs = {
        "monthly_fixed_salary": "currency",
        "monthly_vested_equity": "currency",
        "monthly_total_compensation": "currency",
    }

    currency = CurrencyField(help_text=_("The currency you are paid in; we convert it for you."))
    monthly_fixed_salary = AmountField(
        label=_("Fixed monthly salary"),
        help_text=_(
            "Basic salary plus fixed allowances, as on your last payslip. No bonus, no shares. "
            "Leave it empty if you are not employed."
        ),
    )
    monthly_vested_equity = AmountField(
        label=_("Vested shares or share options, per month"),
        help_text=_(
            "The value of equity (e.g. ESOP) that vested over the last year, divided by 12. Not bonuses or "
            "allowances. Leave it empty if you don't know."
        ),
    )
    monthly_total_compensation = AmountField(
        label=_("Total monthly pay, including vested shares and other pay"),
        help_text=_("Your average month over the last year. Leave it empty if you don't know."),
    )
    salary_from_single_employer = TriStateField(
        label=_("Is your fixed salary paid by a single employer?"),
    )
    months_at_current_salary = forms.IntegerField(
        label=_("For how many months in a row have you earned at least this fixed salary?"),
        required=False,
        min_value=0,
        max_value=600,
        help_text=_("Leave it empty if you don't know."),
        error_messages={
            "invalid": _("Enter a whole number of months, for example 12."),
            "min_value": _("The number of months cannot be negative."),
            "max_value": _("Enter at most 600 months."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fixed: Decimal | None = data.get("monthly_fixed_salary")
        total: Decimal | None = data.get("monthly_total_compensation")
        if fixed is not None and total is not None and total < fixed:
            self.add_error(
                "monthly_total_compensation",
                _("Total pay includes your fixed salary, so it cannot be lower than it."),
            )
        return data

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return compact(
            {
                "monthly_fixed_salary": money(data["monthly_fixed_salary"], data["currency"]),
                "monthly_vested_equity": money(data["monthly_vested_equity"], data["currency"]),
                "monthly_total_compensation": money(data["monthly_total_compensation"], data["currency"]),
                "salary_from_single_employer": data["salary_from_single_employer"],
                "months_at_current_salary": data["months_at_current_salary"],
            }
        )
