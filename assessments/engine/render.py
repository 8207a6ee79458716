"""Turn `Assessment.to_data()` into the contract JSON: every message rendered to plain text.

Texts are translated through a `Catalogue`: msgid -> template in one language, each msgid looked up in the
translations once (the Django side keeps one catalogue per language for the life of the process, and passes
it in; a plain `translate` callable also works). Parameters are formatted here: money as `S$22,500`,
`US$500,000,000`, `CNY 450,000`; nested messages are translated too; everything else is inserted as given
(years are already one decimal, dates ISO).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import Amount, Message, decimal_to_str, param_to_data
from assessments.engine.profile import Money
from assessments.engine.years import Years

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
    `plain[msgid]` the finished text of a message without parameters (most of an assessment's messages);
    `worded` the finished texts of messages with parameters met so far, by value (see `message_text`)."""

    __slots__ = ("plain", "templates", "worded")

    # Texts kept in `worded` at most (a few megabytes): a catalogue lives as long as its process, and
    # parameters such as salaries take endless values, so it starts afresh when full.
    WORDED_MAX = 50_000

    def __init__(self, translate: Translate = untranslated) -> None:
        self.templates = _Memo(translate)
        self.plain = _Memo(lambda msgid: _format(msgid, {}, self))
        self.worded: dict[Hashable, str] = {}

    def keep(self, key: Hashable, text: str) -> str:
        if len(self.worded) >= self.WORDED_MAX:
            self.worded.clear()
        self.worded[key] = text
        return text


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


# Parameter types whose equal values are always worded alike (not bool: True == 1, but reads "True").
_SAME_VALUE_SAME_WORDS = frozenset({str, int, Amount, Decimal, Years, date, Money})


def message_text(message: Message, catalogue: Catalogue) -> str:
    """A `Message` as text: what rendering its `to_data()` gives, without building that data first.

    Most messages of an assessment recur across profiles (a requirement built from a rule version's
    threshold, a summary naming the pathway), so the text of each is kept in the catalogue by its value."""
    if not message.params:
        return catalogue.plain[message.id]
    key = _value(message)
    if key is None:
        return _worded(message, catalogue)
    text = catalogue.worded.get(key)
    return catalogue.keep(key, _worded(message, catalogue)) if text is None else text


def _value(message: Message) -> Hashable | None:
    """The message's msgid and parameters as a dict key; None if a parameter could be worded unlike an equal one."""
    items = []
    for name, value in message.params.items():
        if value.__class__ is Message:
            value = _value(value)
            if value is None:
                return None
        elif value.__class__ not in _SAME_VALUE_SAME_WORDS:
            return None
        items.append((name, value))
    return message.id, tuple(items)


def _worded(message: Message, catalogue: Catalogue) -> str:
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
        changes = result.get("upcoming_changes")
        if changes is not None:
            rendered["upcoming_changes"] = [{**c, "summary": text(c["summary"])} for c in changes]
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
