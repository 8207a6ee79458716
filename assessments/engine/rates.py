"""Exchange rates: converting applicant money into the currency a rule is written in.

No authority says which rate or date it uses for "or equivalent" salaries, so every conversion
records the rates it used; the assessment lists them with their dates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.engine.codes import CURRENCY_CODES
from assessments.engine.messages import CENT, Amount, MoneyLike

# A converted amount within this share of a threshold cannot decide alone: the authority's rate may differ.
DEFAULT_TOLERANCE = Decimal("0.02")
PAIR = re.compile(r"^([A-Z]{3})/([A-Z]{3})$")
# Cross rates go through these currencies, in this order (the rules are written in SGD, USD and CNY).
PIVOTS = ("SGD", "USD")


@dataclass(frozen=True, slots=True)
class Conversion:
    """`amount` in the target currency (rounded to cents) and the pair keys of the rates used."""

    amount: Amount
    pairs: tuple[str, ...]


class ExchangeRates:
    """A table of rates: `"USD/SGD": Decimal("1.35")` means 1 USD = 1.35 SGD.

    Conversions use a direct rate, else the inverse of the opposite pair, else a cross rate through
    SGD or USD. `dates` optionally gives each pair its own date (default: `on`). `tolerance` is the band
    around a threshold (a share of it, default 2 %) within which a converted amount goes to review.
    `max_age_days`: a rate older than this many days before the assessment date is stale, and an amount
    converted with it names the rate's date (None: rates are never stale).
    """

    __slots__ = ("_factors", "dates", "max_age_days", "on", "rates", "tolerance")

    def __init__(
        self,
        on: date,
        rates: Mapping[str, Decimal],
        *,
        dates: Mapping[str, date] | None = None,
        tolerance: Decimal = DEFAULT_TOLERANCE,
        max_age_days: int | None = None,
    ) -> None:
        if not Decimal(0) <= tolerance < 1:
            raise ValueError(f"tolerance must be a share between 0 and 1, not {tolerance!r}")
        if max_age_days is not None and max_age_days < 0:
            raise ValueError(f"max_age_days must be 0 or more, not {max_age_days!r}")
        self.tolerance = tolerance
        self.max_age_days = max_age_days
        checked: dict[str, Decimal] = {}
        for pair, rate in rates.items():
            match = PAIR.match(pair)
            if match is None or match[1] == match[2]:
                raise ValueError(f"exchange rate key {pair!r} must look like 'USD/SGD' (two different codes)")
            if match[1] not in CURRENCY_CODES or match[2] not in CURRENCY_CODES:
                raise ValueError(f"exchange rate key {pair!r} uses a code that is not ISO 4217")
            value = Decimal(rate)
            if not value.is_finite() or value <= 0:
                raise ValueError(f"exchange rate {pair} must be a positive number, not {rate!r}")
            checked[pair] = value
        self.on = on
        self.rates: Mapping[str, Decimal] = checked
        self.dates: Mapping[str, date] = {pair: (dates or {}).get(pair, on) for pair in checked}
        self._factors: dict[tuple[str, str], tuple[Decimal, tuple[str, ...]] | None] = {}

    def __repr__(self) -> str:
        return f"ExchangeRates(on={self.on.isoformat()}, {len(self.rates)} pairs)"

    def stale(self, rate_date: date, as_of: date) -> bool:
        """A rate of `rate_date` is older than the maximum age on `as_of`."""
        return self.max_age_days is not None and (as_of - rate_date).days > self.max_age_days

    def _step(self, source: str, target: str) -> tuple[Decimal, str] | None:
        direct = self.rates.get(f"{source}/{target}")
        if direct is not None:
            return direct, f"{source}/{target}"
        inverse = self.rates.get(f"{target}/{source}")
        if inverse is not None:
            return 1 / inverse, f"{target}/{source}"
        return None

    def factor(self, source: str, target: str) -> tuple[Decimal, tuple[str, ...]] | None:
        """The multiplier from `source` to `target` and the pairs it rests on; None if no rate."""
        key = (source, target)
        try:
            return self._factors[key]
        except KeyError:  # the first look-up of this pair: work it out once
            pass
        found: tuple[Decimal, tuple[str, ...]] | None = None
        if source == target:
            found = (Decimal(1), ())
        else:
            step = self._step(source, target)
            if step is not None:
                found = (step[0], (step[1],))
            else:
                for pivot in PIVOTS:
                    if pivot in (source, target):
                        continue
                    first, second = self._step(source, pivot), self._step(pivot, target)
                    if first is not None and second is not None:
                        found = (first[0] * second[0], (first[1], second[1]))
                        break
        self._factors[key] = found
        return found

    def convert_amount(
        self, amount: Decimal, source: str, target: str
    ) -> tuple[Decimal, tuple[str, ...]] | None:
        """`amount` of `source` in `target` (rounded to cents unless no rate was needed) and the pairs used;
        None when no rate (direct, inverse or cross) is known."""
        found = self.factor(source, target)
        if found is None:
            return None
        factor, pairs = found
        return (amount * factor).quantize(CENT) if pairs else amount, pairs

    def convert(self, money: MoneyLike, target: str) -> Conversion | None:
        """`money` in `target`, or None when no rate (direct, inverse or cross) is known."""
        converted = self.convert_amount(money.amount, money.currency, target)
        if converted is None:
            return None
        return Conversion(Amount(converted[0], target), converted[1])


# Seed table for the Django side's exchange-rate model: rounded approximations of mid-market levels in
# early November 2025, written from general market knowledge, NOT copied from an official fixing (no
# network source was consulted). They make a fresh install usable; staff must replace them with dated
# rates from MAS or their bank before relying on a conversion near a threshold.
DEFAULT_RATES = ExchangeRates(
    on=date(2025, 11, 3),
    rates={
        "USD/SGD": Decimal("1.30"),
        "USD/CNY": Decimal("7.12"),
        "EUR/USD": Decimal("1.15"),
        "GBP/USD": Decimal("1.31"),
        "USD/JPY": Decimal("154.0"),
        "USD/HKD": Decimal("7.77"),
        "AUD/USD": Decimal("0.65"),
        "USD/CAD": Decimal("1.40"),
        "USD/INR": Decimal("88.7"),
        "USD/KRW": Decimal("1440"),
        "USD/TWD": Decimal("30.8"),
        "USD/MYR": Decimal("4.19"),
        "CHF/USD": Decimal("1.24"),
    },
)
