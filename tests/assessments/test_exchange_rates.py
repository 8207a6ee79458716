"""The exchange-rate table: seeded on migration, newest rate in force per pair, constraints hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.test import override_settings

from assessments.engine import DEFAULT_RATES
from assessments.models import ExchangeRate

pytestmark = pytest.mark.django_db


def test_the_table_is_seeded_with_the_engine_defaults() -> None:
    rates = ExchangeRate.objects.rates_on(date(2026, 11, 24))

    assert rates.rates["USD/SGD"] == DEFAULT_RATES.rates["USD/SGD"]


def test_the_newest_rate_on_or_before_the_day_is_used() -> None:
    ExchangeRate.objects.create(base="USD", quote="SGD", rate=Decimal("1.40"), effective_on=date(2026, 6, 1))
    ExchangeRate.objects.create(base="USD", quote="SGD", rate=Decimal("1.50"), effective_on=date(2027, 1, 1))

    assert ExchangeRate.objects.rates_on(date(2026, 12, 31)).rates["USD/SGD"] == Decimal("1.40")
    assert ExchangeRate.objects.rates_on(date(2027, 1, 1)).rates["USD/SGD"] == Decimal("1.50")


def test_each_rate_reports_its_own_date() -> None:
    ExchangeRate.objects.create(base="USD", quote="SGD", rate=Decimal("1.40"), effective_on=date(2026, 6, 1))

    rates = ExchangeRate.objects.rates_on(date(2026, 11, 24))

    assert rates.dates["USD/SGD"] == date(2026, 6, 1)
    assert rates.dates["USD/CNY"] == DEFAULT_RATES.dates["USD/CNY"]


def test_a_rate_before_any_entry_is_not_invented() -> None:
    assert "USD/SGD" not in ExchangeRate.objects.rates_on(date(2021, 1, 1)).rates


def test_a_pair_has_one_rate_per_day() -> None:
    ExchangeRate.objects.create(base="EUR", quote="SGD", rate=Decimal("1.50"), effective_on=date(2026, 6, 1))

    with pytest.raises(IntegrityError):
        ExchangeRate.objects.create(
            base="EUR", quote="SGD", rate=Decimal("1.51"), effective_on=date(2026, 6, 1)
        )


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(IntegrityError):
        ExchangeRate.objects.create(base="EUR", quote="SGD", rate=Decimal("0"), effective_on=date(2026, 6, 2))


@override_settings(EXCHANGE_RATE_TOLERANCE=Decimal("0.05"))
def test_the_tolerance_band_setting_reaches_the_engine() -> None:
    assert ExchangeRate.objects.rates_on(date(2026, 11, 24)).tolerance == Decimal("0.05")


def test_a_day_before_the_earliest_stored_rate_gets_no_rates_not_a_fallback() -> None:
    earliest = ExchangeRate.objects.order_by("effective_on").values_list("effective_on", flat=True).first()
    assert earliest is not None
    rates = ExchangeRate.objects.rates_on(date.fromordinal(earliest.toordinal() - 1))
    assert dict(rates.rates) == {}
    assert rates.convert_amount(Decimal(100), "USD", "SGD") is None


@override_settings(EXCHANGE_RATE_MAX_AGE_DAYS=30)
def test_the_maximum_rate_age_setting_reaches_the_engine() -> None:
    assert ExchangeRate.objects.rates_on(date(2026, 11, 24)).max_age_days == 30


def test_stale_pairs_are_those_whose_newest_rate_is_older_than_the_maximum_age() -> None:
    ExchangeRate.objects.all().delete()
    today = date(2026, 12, 1)
    for pair, day in [("USD/SGD", date(2026, 10, 17)), ("EUR/USD", date(2026, 10, 16))]:
        base, quote = pair.split("/")
        ExchangeRate.objects.create(base=base, quote=quote, rate=Decimal("1.2"), effective_on=day)
    ExchangeRate.objects.create(base="GBP", quote="USD", rate=Decimal("1.3"), effective_on=date(2025, 1, 1))
    ExchangeRate.objects.create(base="GBP", quote="USD", rate=Decimal("1.3"), effective_on=date(2026, 11, 30))

    stale = ExchangeRate.objects.stale_pairs(today, 45)

    assert [(p.pair, p.newest) for p in stale] == [("EUR/USD", date(2026, 10, 16))]
