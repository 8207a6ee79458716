"""The admin index lists the exchange-rate pairs whose newest rate is older than the maximum age."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import ExchangeRate
from tests.applicants.factories import consultant, make_user, staff_login

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
RATES = reverse("admin:assessments_exchangerate_changelist")


def _rate(pair: str, days_old: int) -> None:
    base, quote = pair.split("/")
    ExchangeRate.objects.create(
        base=base,
        quote=quote,
        rate=Decimal("1.5"),
        effective_on=timezone.localdate() - timedelta(days=days_old),
    )


def _page(user_is_superuser: bool = True) -> str:
    user = make_user(is_superuser=user_is_superuser)
    response = staff_login(Client(), user).get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rates() -> None:
    ExchangeRate.objects.all().delete()  # the seeded rates of Nov 2025; rolled back after the test
    _rate("USD/SGD", 45)
    _rate("EUR/USD", 46)
    _rate("GBP/USD", 400)
    _rate("GBP/USD", 10)


@override_settings(EXCHANGE_RATE_MAX_AGE_DAYS=45)
def test_pairs_older_than_the_maximum_age_are_listed_with_a_link_to_the_rates(rates: None) -> None:
    page = _page()
    panel = page[page.index('id="stale-exchange-rates"') :]
    assert f'{RATES}?base__exact=EUR&amp;quote__exact=USD">EUR/USD</a>' in panel
    newest = (timezone.localdate() - timedelta(days=46)).isoformat()
    assert f"newest rate {newest}" in panel
    assert "USD/SGD" not in panel  # 45 days old: not yet stale
    assert "GBP/USD" not in panel  # an old rate, but a newer one is in force
    assert f'href="{RATES}"' in panel


@override_settings(EXCHANGE_RATE_MAX_AGE_DAYS=44)
def test_the_maximum_age_is_the_setting(rates: None) -> None:
    page = _page()
    assert ">USD/SGD</a>" in page[page.index('id="stale-exchange-rates"') :]


@override_settings(EXCHANGE_RATE_MAX_AGE_DAYS=500)
def test_with_every_pair_fresh_the_panel_says_so(rates: None) -> None:
    assert "Every exchange rate pair is up to date." in _page()


def test_staff_who_cannot_see_the_rates_get_no_panel(rates: None) -> None:
    page = staff_login(Client(), consultant()).get(INDEX).content.decode()
    assert 'id="my-open-cases"' in page
    assert 'id="stale-exchange-rates"' not in page


def test_staff_who_may_view_rates_but_not_cases_still_see_the_panel(rates: None) -> None:
    user = make_user()
    user.user_permissions.add(Permission.objects.get(codename="view_exchangerate"))
    page = staff_login(Client(), user).get(INDEX).content.decode()
    assert 'id="stale-exchange-rates"' in page
    assert 'id="my-open-cases"' not in page


def _index_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(INDEX).status_code == 200
    return len(ctx.captured_queries)


def test_the_panel_costs_the_same_queries_for_one_stale_pair_as_for_thirty_one() -> None:
    ExchangeRate.objects.all().delete()
    client = staff_login(Client(), make_user(is_superuser=True))
    old = date(2020, 1, 1)
    ExchangeRate.objects.create(base="USD", quote="SGD", rate=Decimal("1.3"), effective_on=old)
    one = _index_queries(client)
    codes = [
        "AUD",
        "CAD",
        "CHF",
        "CNY",
        "DKK",
        "EUR",
        "GBP",
        "HKD",
        "INR",
        "JPY",
        "KRW",
        "MYR",
        "NOK",
        "NZD",
        "SEK",
    ]
    for code in codes:
        for day in range(2):
            ExchangeRate.objects.create(
                base=code, quote="SGD", rate=Decimal("1.1"), effective_on=old + timedelta(days=day)
            )
            ExchangeRate.objects.create(
                base=code, quote="USD", rate=Decimal("1.1"), effective_on=old + timedelta(days=day)
            )
    many = _index_queries(client)
    assert len(ExchangeRate.objects.stale_pairs(timezone.localdate(), 45)) == 31
    assert one == many
