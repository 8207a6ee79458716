"""Small builders shared by the engine tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from assessments.engine import Assessment, ExchangeRates, PathwayResult, assess, parse_profile
from assessments.engine.messages import Message
from assessments.engine.render import render_message
from assessments.engine.result import Criterion

AS_OF = date(2026, 11, 24)
RATES = ExchangeRates(
    on=date(2026, 11, 1),
    rates={"USD/SGD": Decimal("1.35"), "USD/CNY": Decimal("7.20"), "EUR/USD": Decimal("1.10")},
)


def sgd(amount: int | str) -> dict[str, str]:
    return {"amount": str(amount), "currency": "SGD"}


def usd(amount: int | str) -> dict[str, str]:
    return {"amount": str(amount), "currency": "USD"}


def cny(amount: int | str) -> dict[str, str]:
    return {"amount": str(amount), "currency": "CNY"}


def days_before(as_of: date, days: int) -> str:
    return (as_of - timedelta(days=days)).isoformat()


def born_aged(age: int, as_of: date = AS_OF) -> str:
    """A date of birth that makes the person exactly `age` on `as_of`."""
    return as_of.replace(year=as_of.year - age).isoformat()


def run(data: dict[str, Any], *, as_of: date = AS_OF, rates: ExchangeRates = RATES) -> Assessment:
    return assess(parse_profile(data, default_as_of=as_of), rates=rates)


def result(
    data: dict[str, Any], pathway: str, *, as_of: date = AS_OF, rates: ExchangeRates = RATES
) -> PathwayResult:
    return run(data, as_of=as_of, rates=rates).result(pathway)


def criterion(res: PathwayResult, code: str) -> Criterion:
    for item in res.criteria:
        if item.code == code:
            return item
    raise AssertionError(f"{res.pathway} has no criterion {code!r}: {[c.code for c in res.criteria]}")


def status(data: dict[str, Any], pathway: str, code: str, *, as_of: date = AS_OF) -> str:
    return criterion(result(data, pathway, as_of=as_of), code).status.value


def english(message: Message) -> str:
    return render_message(message.to_data())
