"""What every intake step is: a form (or formset) that turns answers into part of a profile.

A step's `to_profile()` returns a fragment of the assessment contract's profile (JSON-ready values,
unknowns left out), and `summary()` the rows the check-your-answers page shows for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django import forms
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .fields import AmountField, TriStateField, YearField

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str
    field_id: str  # the input the Change link focuses on


class StepForm(Protocol):
    """The part of a form or formset the intake flow relies on."""

    prefix: str | None

    def is_valid(self) -> bool: ...
    def to_profile(self) -> dict[str, Any]: ...
    def summary(self) -> list[SummaryRow]: ...


def anchor_for(bound: forms.BoundField) -> str:
    """The id a link should jump to: the input, or a radio group's first option (groups have no label)."""
    return bound.id_for_label or f"{bound.auto_id}_0"


def describe(field: forms.Field, value: Any) -> str:
    """An answer as the applicant would read it back, in the active language."""
    if value is None or value == "":
        return _("Not given")
    if isinstance(field, TriStateField):
        return _("Yes") if value else _("No")
    if isinstance(field, YearField):
        return str(value)
    if isinstance(field, AmountField) and field.usd:
        return usd_words(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}  # type: ignore[union-attr,misc]
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value) or _("None")
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal | int):
        return grouped(value)
    return str(value)


def grouped(value: Decimal | int) -> str:
    """A number with the active language's thousands separators: 2,000,000."""
    return formats.number_format(value, decimal_pos=None, use_l10n=True, force_grouping=True)


def usd_words(amount: Decimal) -> str:
    """A US dollar amount as people say it: "US$ 750,000", "US$ 2,000 million" (中文: 20 亿美元)."""
    if get_language() == "zh-hans" and amount >= 10_000:
        if amount >= 100_000_000:
            return _("%(amount)s hundred million US dollars") % {
                "amount": grouped((amount / 100_000_000).normalize())
            }
        return _("%(amount)s ten thousand US dollars") % {"amount": grouped((amount / 10_000).normalize())}
    if amount >= MILLION:
        return _("US$ %(amount)s million") % {"amount": grouped((amount / MILLION).normalize())}
    return _("US$ %(amount)s") % {"amount": grouped(amount.normalize())}


# A question's closing mark ("?", ":" and their full-width 中文 forms): dropped before "question: answer".
_CLOSING_MARKS = "?:\uff1f\uff1a"


def labelled(question: str, text: str) -> str:
    """ "Is it well known: Yes": a question and its answer or error, punctuated as the language does."""
    return _("%(question)s: %(text)s") % {"question": question.rstrip(_CLOSING_MARKS), "text": text}


def describe_unknown(field: forms.Field) -> str:
    return _("I don't know") if isinstance(field, TriStateField) else _("Not given")


class IntakeForm(forms.Form):
    """A single-form step: fields map to profile facts; subclasses say how in `to_profile`."""

    # Money amounts are shown together with the currency field named here, e.g. "22,500 SGD".
    money_pairs: dict[str, str] = {}

    def to_profile(self) -> dict[str, Any]:
        raise NotImplementedError

    def summary(self) -> list[SummaryRow]:
        rows = []
        currency_fields = set(self.money_pairs.values())
        for name, field in self.fields.items():
            if name in currency_fields:
                continue
            value = self.cleaned_data.get(name)
            if value is None and isinstance(field, TriStateField) and self.data.get(self.add_prefix(name)):
                text = describe_unknown(field)
            else:
                text = describe(field, value)
            if name in self.money_pairs and value is not None:
                text = f"{text} {self.cleaned_data[self.money_pairs[name]]}"
            bound = self[name]
            rows.append(SummaryRow(label=str(field.label), value=text, field_id=anchor_for(bound)))
        return rows


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave unknowns out (contract: absent means unknown), and empty nested objects with them."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = compact(value)
            if not value:
                continue
        if value is None:
            continue
        out[key] = value
    return out


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def text(value: str | Promise) -> str:
    return str(value)


@dataclass(frozen=True)
class ErrorLink:
    message: str
    anchor: str  # the id of the input the message is about, for the error summary's link


def error_links(form: Any) -> list[ErrorLink]:
    """Every error on a form or formset, each linked to its field, for the page's error summary."""
    forms_ = list(form.forms) if hasattr(form, "forms") else [form]
    links: list[ErrorLink] = []
    if hasattr(form, "non_form_errors"):
        links += [ErrorLink(str(message), "") for message in form.non_form_errors()]
    for sub in forms_:
        if not sub.is_bound:
            continue
        for name, messages in sub.errors.items():
            if name == "__all__":
                links += [ErrorLink(str(message), "") for message in messages]
                continue
            bound = sub[name]
            label = str(sub.fields[name].label)
            links += [
                ErrorLink(
                    labelled(label, str(message)),
                    anchor_for(bound),
                )
                for message in messages
            ]
    return links
