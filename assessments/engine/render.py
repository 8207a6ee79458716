"""Turn `Assessment.to_data()` into the contract JSON: every message rendered to plain text.

`translate` maps an English msgid to its translation (the Django side passes `gettext`); parameters
are formatted here: money as `S$22,500`, `US$500,000,000`, `CNY 450,000`; nested messages are
translated too; everything else is inserted as given (years are already one decimal, dates ISO).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

Translate = Callable[[str], str]

SYMBOLS = {"SGD": "S$", "USD": "US$"}
MESSAGE_FIELDS_OF_CRITERION = ("requirement", "actual", "explanation")


def format_money(amount: str, currency: str) -> str:
    value = Decimal(amount)
    whole = value == value.to_integral_value()
    number = f"{value:,.0f}" if whole else f"{value:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def _param(value: Any, translate: Translate) -> str:
    if isinstance(value, Mapping):
        if "id" in value and "params" in value:
            return render_message(value, translate)
        if "amount" in value and "currency" in value:
            return format_money(str(value["amount"]), str(value["currency"]))
    return str(value)


def render_message(message: Mapping[str, Any], translate: Translate = lambda s: s) -> str:
    """One message object as text; a translation whose placeholders do not match falls back to English."""
    params = {name: _param(value, translate) for name, value in message["params"].items()}
    msgid = str(message["id"])
    try:
        return translate(msgid).format_map(params)
    except (KeyError, IndexError, ValueError):
        return msgid.format_map(params)


def render_assessment(data: dict[str, Any], translate: Translate = lambda s: s) -> dict[str, Any]:
    """`to_data()` output -> the exact contract JSON (a new dict; `data` is not modified)."""
    out = copy.deepcopy(data)
    for result in out["results"]:
        result["summary"] = render_message(result["summary"], translate)
        for criterion in result["criteria"]:
            for name in MESSAGE_FIELDS_OF_CRITERION:
                criterion[name] = render_message(criterion[name], translate)
        result["what_if"] = [render_message(m, translate) for m in result["what_if"]]
        result["documents"] = [render_message(m, translate) for m in result["documents"]]
        points = result.get("points")
        if points is not None:
            for factor in points["breakdown"]:
                factor["factor"] = render_message(factor["factor"], translate)
    return out
