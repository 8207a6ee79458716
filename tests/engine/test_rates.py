"""Exchange rates: direct, inverse and cross conversion, with every rate used reported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assessments.engine import DEFAULT_RATES, ExchangeRates
from assessments.engine.messages import Amount

from .helpers import english, result, run, usd

RATES = ExchangeRates(
    on=date(2026, 11, 1),
    rates={"USD/SGD": Decimal("1.35"), "USD/CNY": Decimal("7.20"), "EUR/USD": Decimal("1.10")},
    dates={"EUR/USD": date(2026, 10, 31)},
)


def test_direct_rate_multiplies() -> None:
    converted = RATES.convert(Amount(Decimal(100), "USD"), "SGD")
    assert converted is not None
    assert converted.amount == Amount(Decimal("135.00"), "SGD")
    assert converted.pairs == ("USD/SGD",)


def test_inverse_rate_divides() -> None:
    converted = RATES.convert(Amount(Decimal(135), "SGD"), "USD")
    assert converted is not None
    assert converted.amount.amount == Decimal("100.00")
    assert converted.pairs == ("USD/SGD",)


def test_cross_rate_goes_through_usd() -> None:
    converted = RATES.convert(Amount(Decimal(100), "EUR"), "SGD")
    assert converted is not None
    assert converted.amount.amount == Decimal("148.50")
    assert converted.pairs == ("EUR/USD", "USD/SGD")


def test_cross_rate_between_sgd_and_cny_uses_both_usd_rates() -> None:
    converted = RATES.convert(Amount(Decimal(135), "SGD"), "CNY")
    assert converted is not None
    assert converted.amount.amount == Decimal("720.00")


def test_same_currency_needs_no_rate() -> None:
    converted = RATES.convert(Amount(Decimal(5), "SGD"), "SGD")
    assert converted is not None
    assert converted.pairs == ()


def test_currency_without_rate_converts_to_none() -> None:
    assert RATES.convert(Amount(Decimal(5), "JPY"), "SGD") is None


@pytest.mark.parametrize(
    "rates",
    [
        {"USDSGD": Decimal(1)},
        {"USD/USD": Decimal(1)},
        {"USD/XYZ": Decimal(1)},
        {"USD/SGD": Decimal(0)},
        {"USD/SGD": Decimal(-1)},
    ],
)
def test_bad_rate_tables_are_refused(rates: dict[str, Decimal]) -> None:
    with pytest.raises(ValueError, match="exchange rate"):
        ExchangeRates(on=date(2026, 1, 1), rates=rates)


def test_assessment_lists_every_rate_used_with_its_date() -> None:
    assessment = run({"monthly_fixed_salary": {"amount": "20000", "currency": "EUR"}}, rates=RATES)
    data = assessment.to_data()
    assert data["exchange_rates"] == {"EUR/USD": "1.10", "USD/SGD": "1.35"}
    assert data["exchange_rate_dates"] == {"EUR/USD": "2026-10-31", "USD/SGD": "2026-11-01"}


def test_assessment_in_rule_currencies_uses_no_rate() -> None:
    assert (
        run({"monthly_fixed_salary": {"amount": "20000", "currency": "SGD"}}, rates=RATES).to_data()[
            "exchange_rates"
        ]
        == {}
    )


def test_amount_without_rate_makes_the_criterion_unknown_with_an_explanation() -> None:
    res = result(
        {"monthly_fixed_salary": {"amount": "3000000", "currency": "JPY"}}, "sg_tech_pass", rates=RATES
    )
    salary = res.criteria[0]
    assert salary.status.value == "unknown"
    assert english(salary.explanation).startswith("No exchange rate from JPY to SGD is available")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # S$22,500 with a 2 % band: S$22,050 to S$22,950 converted cannot decide alone.
        (16667, "review"),  # S$22,500.45
        (16666, "review"),  # S$22,499.10
        (17000, "review"),  # S$22,950.00, the band's upper edge
        (17001, "met"),  # S$22,951.35
        (16334, "review"),  # S$22,050.90
        (16333, "not_met"),  # S$22,049.55
    ],
)
def test_a_converted_salary_near_the_threshold_goes_to_review(amount: int, expected: str) -> None:
    res = result({"monthly_fixed_salary": usd(amount)}, "sg_tech_pass", rates=RATES)
    assert res.criteria[0].status.value == expected


def test_the_review_names_the_rate_and_its_date() -> None:
    res = result({"monthly_fixed_salary": usd(16667)}, "sg_tech_pass", rates=RATES)
    explanation = english(res.criteria[0].explanation)
    assert "USD/SGD rate of 2026-11-01" in explanation
    assert "within 2% of S$22,500" in explanation


@pytest.mark.parametrize(("tolerance", "expected"), [(Decimal("0"), "met"), (Decimal("0.05"), "review")])
def test_the_tolerance_band_is_configurable(tolerance: Decimal, expected: str) -> None:
    rates = ExchangeRates(on=RATES.on, rates=RATES.rates, tolerance=tolerance)
    res = result({"monthly_fixed_salary": usd(17001)}, "sg_tech_pass", rates=rates)
    assert res.criteria[0].status.value == expected


def test_an_amount_in_the_rule_currency_is_never_in_the_band() -> None:
    res = result(
        {"monthly_fixed_salary": {"amount": "22500", "currency": "SGD"}}, "sg_tech_pass", rates=RATES
    )
    assert res.criteria[0].status.value == "met"


def test_before_the_earliest_rate_a_conversion_says_so_without_falling_back() -> None:
    empty = ExchangeRates(on=date(2020, 1, 1), rates={})
    res = result({"monthly_fixed_salary": usd(50000)}, "sg_tech_pass", rates=empty)
    assert res.criteria[0].status.value == "unknown"
    assert "No exchange rate from USD to SGD" in english(res.criteria[0].explanation)


def test_default_rates_are_dated_and_cover_the_rule_currencies() -> None:
    assert DEFAULT_RATES.on == date(2025, 11, 3)
    for currency in ("USD", "CNY", "EUR", "GBP", "JPY", "INR"):
        assert DEFAULT_RATES.convert(Amount(Decimal(1), currency), "SGD") is not None


@pytest.mark.parametrize(
    ("max_age_days", "named"),
    # The USD/SGD rate of 1 Nov 2026 is 23 days old on 24 Nov 2026.
    [(None, False), (23, False), (22, True), (0, True)],
)
def test_an_amount_converted_at_a_stale_rate_names_the_rate_date(
    max_age_days: int | None, named: bool
) -> None:
    rates = ExchangeRates(on=RATES.on, rates=RATES.rates, max_age_days=max_age_days)
    res = result({"monthly_fixed_salary": usd(20000)}, "sg_tech_pass", rates=rates)
    actual = english(res.criteria[0].actual)
    assert actual.startswith("US$20,000 (about S$27,000")
    assert ("at the rate of 2026-11-01" in actual) is named


@pytest.mark.parametrize(("max_age_days", "named"), [(24, False), (23, True)])
def test_a_cross_rate_is_as_old_as_its_oldest_pair(max_age_days: int, named: bool) -> None:
    # EUR -> USD -> SGD rests on EUR/USD of 31 Oct 2026 (24 days old) and USD/SGD of 1 Nov 2026.
    rates = ExchangeRates(on=RATES.on, rates=RATES.rates, dates=RATES.dates, max_age_days=max_age_days)
    res = result(
        {"monthly_fixed_salary": {"amount": "20000", "currency": "EUR"}}, "sg_tech_pass", rates=rates
    )
    assert ("at the rate of 2026-10-31" in english(res.criteria[0].actual)) is named


def test_an_amount_in_the_rule_currency_names_no_rate_however_old_the_rates() -> None:
    rates = ExchangeRates(on=RATES.on, rates=RATES.rates, max_age_days=0)
    res = result(
        {"monthly_fixed_salary": {"amount": "22500", "currency": "SGD"}}, "sg_tech_pass", rates=rates
    )
    assert english(res.criteria[0].actual) == "S$22,500"


def test_a_negative_maximum_age_is_refused() -> None:
    with pytest.raises(ValueError, match="max_age_days"):
        ExchangeRates(on=RATES.on, rates=RATES.rates, max_age_days=-1)
