"""Golden results: thousands of seeded profiles must assess exactly as they did when the digests were taken.

The digest is the SHA-256 of the canonical JSON of every profile's `to_data()` and rendered contract, in
order. Speed work on the engine must leave it unchanged; a deliberate change of logic or rule data bumps
`ENGINE_VERSION` (which is part of every result, so the digests change too) and records the new digests
here in the same commit.

Two populations: the benchmark's own profiles with the default rates, and a widened one (every rule
window, renewals, fields the benchmark never sets, currencies without a rate) with a sparse rate table.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from assessments.engine import DEFAULT_RATES, ExchangeRates, assess, parse_profile, render_assessment
from bench.bench_engine import SEED, random_profile

DEFAULT_AS_OF = date(2026, 11, 24)
COUNT = 2_000

BENCH_DIGEST = "95825d60f76b514386afbfbd4af6cb8f714a70a35660c1df4ed545a90986843e"
WIDENED_DIGEST = "07106ee93e27eacb589f8111b1a0670637b96e467c95c5810154a6731307b75f"

# USD/SGD and EUR/USD only: CNY, GBP, JPY and XOF amounts have no rate to SGD or CNY, EUR goes through USD.
SPARSE_RATES = ExchangeRates(
    on=date(2026, 10, 30),
    rates={"USD/SGD": Decimal("1.3421"), "EUR/USD": Decimal("1.0873")},
    dates={"EUR/USD": date(2026, 10, 29)},
)
# Each rule version's first day and the day before it, from the coverage start on.
AS_OFS = tuple(
    sorted(
        {date(2021, 1, 1), date(2029, 2, 28)}
        | {
            day
            for start in (
                date(2021, 1, 19),
                date(2022, 9, 1),
                date(2023, 1, 1),
                date(2023, 9, 1),
                date(2024, 9, 1),
                date(2025, 1, 1),
                date(2025, 10, 1),
                date(2026, 1, 1),
                date(2027, 1, 1),
                date(2028, 1, 1),
            )
            for day in (start - timedelta(days=1), start)
        }
    )
)
DATE_FIELDS = ("as_of", "date_of_birth")


def _shift(value: str | None, days: int) -> str | None:
    return None if value is None else (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def _widen(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A benchmark profile moved to another rule window, with facts the benchmark never varies."""
    days = (rng.choice(AS_OFS) - date.fromisoformat(data["as_of"])).days
    for name in DATE_FIELDS:
        data[name] = _shift(data[name], days)
    if data["business"] is not None:
        data["business"]["company_incorporated_on"] = _shift(
            data["business"]["company_incorporated_on"], days
        )
    for role in data["roles"] or ():
        role["start"] = None if rng.random() < 0.05 else _shift(role["start"], days)
        role["end"] = _shift(role["end"], days)
        role["relevant_to_china_job"] = rng.choice((None, True, False))
        if rng.random() < 0.2:
            role["organisation_type"] = "research_institute"
    for education in data["education"] or ():
        if rng.random() < 0.2:
            education["level"] = "secondary"
    for money in (data["monthly_fixed_salary"], data["monthly_total_compensation"]):
        if money is not None and rng.random() < 0.2:
            money["currency"] = rng.choice(("JPY", "XOF", "CHF"))
    data["application_type"] = "renewal" if rng.random() < 0.3 else "new"
    return data


def _digest(profiles: list[dict[str, Any]], rates: ExchangeRates) -> str:
    digest = hashlib.sha256()
    for data in profiles:
        snapshot = assess(parse_profile(data, default_as_of=DEFAULT_AS_OF), rates=rates).to_data()
        for document in (snapshot, render_assessment(snapshot)):
            digest.update(
                json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
            )
            digest.update(b"\n")
    return digest.hexdigest()


def bench_profiles() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    return [random_profile(rng) for _ in range(COUNT)]


def widened_profiles() -> list[dict[str, Any]]:
    rng = random.Random(SEED + 1)
    return [_widen(random_profile(rng), rng) for _ in range(COUNT)]


def test_benchmark_profiles_assess_exactly_as_recorded() -> None:
    digest = _digest(bench_profiles(), DEFAULT_RATES)
    assert digest == BENCH_DIGEST, f"results changed: digest is now {digest}"


def test_widened_profiles_with_sparse_rates_assess_exactly_as_recorded() -> None:
    digest = _digest(widened_profiles(), SPARSE_RATES)
    assert digest == WIDENED_DIGEST, f"results changed: digest is now {digest}"
