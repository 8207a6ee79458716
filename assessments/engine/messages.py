"""Translatable messages: an English msgid with `{placeholders}` plus raw parameter values.

The engine never translates. It marks msgids with `gettext_noop` (an identity function named so that
Django's `makemessages` extracts them) and keeps parameters raw until `to_data()` makes them JSON-able,
so a stored snapshot can be worded later in any language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from assessments.engine.years import Years


def gettext_noop(message: str) -> str:
    """Mark `message` for extraction; return it unchanged (translation happens at render time)."""
    return message


class MoneyLike(Protocol):
    @property
    def amount(self) -> Decimal: ...

    @property
    def currency(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Amount:
    """An engine-side amount of money (thresholds, converted figures)."""

    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Message:
    """A msgid and its raw parameters (str, int, Decimal, date, Years, money, or nested Message)."""

    id: str
    params: dict[str, Any]

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "params": {k: param_to_data(v) for k, v in self.params.items()}}


def msg(msgid: str, **params: Any) -> Message:
    return Message(id=msgid, params=params)


CENT = Decimal("0.01")


def decimal_to_str(value: Decimal) -> str:
    """A plain decimal string: whole numbers without decimals, otherwise two decimals."""
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(CENT))


def param_to_data(value: Any) -> Any:
    """A parameter as JSON: numbers, words and booleans as given, money as {"amount", "currency"} strings,
    years to one decimal, dates ISO, nested messages as their own data."""
    if isinstance(value, int | str):  # bool is an int: it stays a JSON boolean
        return value
    if isinstance(value, Message):
        return value.to_data()
    if isinstance(value, Amount) or (hasattr(value, "amount") and hasattr(value, "currency")):
        return {"amount": decimal_to_str(value.amount), "currency": value.currency}
    if isinstance(value, Years):
        return value.display()
    if isinstance(value, Decimal):
        return decimal_to_str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"message parameter of unsupported type {type(value).__name__}")
