"""Turn `Assessment.to_data()` into the contract JSON: every message rendered to plain text.

Texts are translated through a `Catalogue`: msgid -> template in one language, each msgid looked up in the
translations once (the Django side keeps one catalogue per language for the life of the process, and passes
it in; a plain `translate` callable also works). Parameters are formatted here: money as `S$22,500`,
`US$500,000,000`, `CNY 450,000`; nested messages are translated too; everything else is inserted as given
(years are already one decimal, dates ISO).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from assessments.engine.messages import Amount, Message, decimal_to_str, param_to_data

Translate = Callable[[str], str]

SYMBOLS = {"SGD": "S$", "USD": "US$"}


def untranslated(msgid: str) -> str:
    return msgid


class _Memo(dict[str, str]):
    """A dict that fills itself: a missing key's value is `make(key)`, kept for later look-ups."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        value = self[key] = self.make(key)
        return value


class Catalogue:
    """One language's wording: `templates[msgid]` is the translation, asked of `translate` the first time;
    `plain[msgid]` the finished text of a message without parameters (most of an assessment's messages)."""

    __slots__ = ("plain", "templates")

    def __init__(self, translate: Translate = untranslated) -> None:
        self.templates = _Memo(translate)
        self.plain = _Memo(lambda msgid: _format(msgid, {}, self))


def catalogue_of(translate: Translate | Catalogue) -> Catalogue:
    return translate if isinstance(translate, Catalogue) else Catalogue(translate)


def format_money(amount: str, currency: str) -> str:
    if amount.isdecimal():  # a whole amount, as `to_data()` writes most of them
        number = f"{int(amount):,}"
    else:
        value = Decimal(amount)
        number = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def _param(value: Any, catalogue: Catalogue) -> str:
    """A parameter in `to_data()` form as text: a nested message, money, or anything else as given."""
    if isinstance(value, dict):
        if "id" in value and "params" in value:
            return _render(value, catalogue)
        if "amount" in value and "currency" in value:
            return format_money(str(value["amount"]), str(value["currency"]))
    return str(value)


def _render(message: Mapping[str, Any], catalogue: Catalogue) -> str:
    if not message["params"]:
        return catalogue.plain[message["id"]]
    params = {name: _param(value, catalogue) for name, value in message["params"].items()}
    return _format(message["id"], params, catalogue)


def _format(msgid: str, params: dict[str, str], catalogue: Catalogue) -> str:
    try:
        return catalogue.templates[msgid].format_map(params)
    except (KeyError, IndexError, ValueError):
        return msgid.format_map(params)


def message_text(message: Message, catalogue: Catalogue) -> str:
    """A `Message` as text: what rendering its `to_data()` gives, without building that data first."""
    if not message.params:
        return catalogue.plain[message.id]
    params = {name: _param_text(value, catalogue) for name, value in message.params.items()}
    return _format(message.id, params, catalogue)


def _param_text(value: Any, catalogue: Catalogue) -> str:
    """A raw parameter as text: what `_param` gives for its `to_data()` form."""
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, Message):
        return message_text(value, catalogue)
    if isinstance(value, Amount):
        return format_money(decimal_to_str(value.amount), value.currency)
    return _param(param_to_data(value), catalogue)


def render_message(message: Mapping[str, Any], translate: Translate | Catalogue = untranslated) -> str:
    """One message object as text; a translation whose placeholders do not match falls back to English."""
    return _render(message, catalogue_of(translate))


def render_assessment(
    data: dict[str, Any], translate: Translate | Catalogue = untranslated
) -> dict[str, Any]:
    """`to_data()` output -> the exact contract JSON (a new dict; `data` is not modified)."""
    catalogue = catalogue_of(translate)

    def text(message: Mapping[str, Any]) -> str:
        return _render(message, catalogue)

    results = []
    for result in data["results"]:
        rendered = {
            **result,
            "summary": text(result["summary"]),
            "criteria": [
                {
                    **c,
                    "requirement": text(c["requirement"]),
                    "actual": text(c["actual"]),
                    "explanation": text(c["explanation"]),
                }
                for c in result["criteria"]
            ],
            "what_if": [text(m) for m in result["what_if"]],
            "documents": [text(m) for m in result["documents"]],
        }
        points = result.get("points")
        if points is not None:
            rendered["points"] = {
                **points,
                "breakdown": [{**f, "factor": text(f["factor"])} for f in points["breakdown"]],
            }
        results.append(rendered)
    return {
        **data,
        "results": results,
        "exchange_rates": dict(data["exchange_rates"]),
        "exchange_rate_dates": dict(data.get("exchange_rate_dates", {})),
    }
