"""Form fields the intake steps share: yes / no / I don't know, and money (amount + currency)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

YES = "yes"
NO = "no"
DONT_KNOW = "unknown"

# The currencies a salary may be given in. The engine converts them with the exchange rates it holds;
# a currency it has no rate for would make the salary unknown, so we offer only these.
CURRENCIES = [
    ("SGD", _("SGD — Singapore dollar")),
    ("CNY", _("CNY — Chinese yuan")),
    ("USD", _("USD — US dollar")),
    ("EUR", _("EUR — euro")),
    ("GBP", _("GBP — pound sterling")),
    ("HKD", _("HKD — Hong Kong dollar")),
]


def _to_tristate(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


class TriStateField(forms.TypedChoiceField):
    """A yes / no question with an honest "I don't know": cleans to True, False or None.

    None means "unknown" in the profile contract, which the engine reports as missing information,
    never as a silent no.
    """

    def __init__(self, *, allow_unknown: bool = True, **kwargs: Any) -> None:
        choices = [(YES, _("Yes")), (NO, _("No"))]
        if allow_unknown:
            choices.append((DONT_KNOW, _("I don't know")))
        kwargs.setdefault("widget", forms.RadioSelect)
        kwargs.setdefault("error_messages", {"required": _("Choose yes, no or “I don't know”.")})
        super().__init__(choices=choices, coerce=_to_tristate, empty_value=None, **kwargs)


# What people type between thousands: "2,000,000", "2 000 000", "2'000'000", and the same with a
# full-width comma, a no-break space or a typographic apostrophe.
_GROUPING = str.maketrans("", "", ",\uff0c \u00a0\u202f\u2019'_")


class YearField(forms.IntegerField):
    """A calendar year: shown back as typed ("2008"), never with a thousands separator."""


class AmountField(forms.DecimalField):
    """A positive money amount, typed as a Decimal; empty means unknown or not applicable.

    Thousands separators are welcome ("2,000,000,000"): nobody should have to count nine zeros. The
    input is a text box with a decimal keypad, since a number input refuses the separators.
    """

    # Set by `UsdAmountField`: the amount is in US dollars and is read back as "US$ 2,000 million".
    usd = False

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # stubs: DecimalField < IntegerField
        if isinstance(value, str):
            value = value.translate(_GROUPING)
        result: Decimal | None = super().to_python(value)
        return result

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Enter an amount in figures, for example 22,500 or 22500.50."),
                "min_value": _("The amount cannot be negative."),
                "max_digits": _("That amount is too large; check the number of digits."),
                "max_decimal_places": _("Use at most 2 decimal places."),
            },
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)


class UsdAmountField(AmountField):
    """An amount in US dollars (valuations, funding, revenue): large, so read back in millions."""

    usd = True


class CurrencyField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Currency"))
        kwargs.setdefault("initial", "SGD")
        super().__init__(choices=CURRENCIES, **kwargs)


def money(amount: Decimal | None, currency: str) -> dict[str, str] | None:
    """The contract's Money object, or None (unknown) when no amount was given."""
    if amount is None:
        return None
    return {"amount": str(amount), "currency": currency}


def whole_usd(amount: Decimal | None) -> str | None:
    """A USD figure for the contract (a number as a decimal string), or None when unknown."""
    return None if amount is None else str(amount)


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year as three labelled boxes, as GOV.UK asks for a date people know by heart."""

    template_name = "applicants/widgets/date_parts.html"

    def __init__(self, *, autocomplete: str = "") -> None:
        def box(size: str, max_length: int, hint: str) -> forms.TextInput:
            attrs = {"inputmode": "numeric", "class": f"form-control {size}", "maxlength": str(max_length)}
            if autocomplete:
                attrs["autocomplete"] = f"{autocomplete}-{hint}"
            return forms.TextInput(attrs=attrs)

        super().__init__(
            {
                "day": box("date-part-2", 2, "day"),
                "month": box("date-part-2", 2, "month"),
                "year": box("date-part-4", 4, "year"),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        # The error summary's link and a Change link land on the day box.
        return f"{id_}_0" if id_ else ""


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year: cleans to a `date`, or None when all three are empty."""

    widget: DatePartsWidget

    def __init__(self, *, autocomplete: str = "", **kwargs: Any) -> None:
        part = {"required": False, "error_messages": {"invalid": _("Enter the date in numbers.")}}
        fields = (
            forms.IntegerField(min_value=1, max_value=31, **part),  # type: ignore[arg-type]
            forms.IntegerField(min_value=1, max_value=12, **part),  # type: ignore[arg-type]
            forms.IntegerField(min_value=1000, max_value=9999, **part),  # type: ignore[arg-type]
        )
        kwargs.setdefault("required", False)
        super().__init__(
            fields, require_all_fields=False, widget=DatePartsWidget(autocomplete=autocomplete), **kwargs
        )

    def compress(self, data_list: list[int | None]) -> date | None:
        if not data_list or all(value is None for value in data_list):
            return None
        day, month, year = [*data_list, None, None, None][:3]
        if day is None:
            raise forms.ValidationError(_("The date must include a day."), code="incomplete")
        if month is None:
            raise forms.ValidationError(_("The date must include a month."), code="incomplete")
        if year is None:
            raise forms.ValidationError(_("The date must include a year."), code="incomplete")
        try:
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a real date, for example 31 5 1990."), code="invalid"
            ) from None
