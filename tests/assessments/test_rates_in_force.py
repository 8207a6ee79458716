"""The rates in force, kept per process: read once while the table is unchanged, read again as soon as a
rate is saved or deleted through the services in any process (a new generation in the shared cache), never
kept inside a transaction."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.kept_rates import GENERATION_KEY as RATES_GENERATION_KEY
from assessments.kept_rates import rates_in_force
from assessments.models import ExchangeRate
from assessments.services import delete_exchange_rates, save_exchange_rate
from tests.applicants.factories import make_user, staff_login

# Real transactions: the rates are kept only outside one. serialized_rollback, as in the other
# transactional tests: the flush at the end would otherwise leave the data migrations' rows (content
# types among them) re-created under new ids for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _eur_rate() -> Iterator[None]:
    ExchangeRate.objects.filter(base="EUR", quote="SGD").delete()
    ExchangeRate.objects.create(base="EUR", quote="SGD", rate=Decimal("1.50"), effective_on=date(2026, 6, 1))
    yield
    cache.delete(RATES_GENERATION_KEY)


def eur_sgd(day: date = DAY) -> Decimal | None:
    return rates_in_force.on(day).rates.get("EUR/SGD")


def rate_table_reads(queries: CaptureQueriesContext) -> int:
    return sum('"assessments_exchangerate"' in query["sql"] for query in queries.captured_queries)


def test_an_unchanged_table_is_read_once_per_day() -> None:
    assert eur_sgd() == Decimal("1.50")
    with CaptureQueriesContext(connection) as queries:
        assert eur_sgd() == Decimal("1.50")
    assert rate_table_reads(queries) == 0


def test_each_day_has_its_own_rates() -> None:
    ExchangeRate.objects.create(base="EUR", quote="SGD", rate=Decimal("1.60"), effective_on=date(2027, 1, 1))
    assert eur_sgd(date(2026, 12, 31)) == Decimal("1.50")
    assert eur_sgd(date(2027, 1, 1)) == Decimal("1.60")


def test_a_saved_rate_is_used_at_once() -> None:
    assert eur_sgd() == Decimal("1.50")
    rate = ExchangeRate.objects.get(base="EUR", quote="SGD")
    rate.rate = Decimal("1.55")
    save_exchange_rate(rate=rate, by=None)
    assert eur_sgd() == Decimal("1.55")


def new_rate(amount: str, effective_on: date) -> ExchangeRate:
    return ExchangeRate(base="EUR", quote="SGD", rate=Decimal(amount), effective_on=effective_on)


def test_a_new_rate_is_used_at_once() -> None:
    assert eur_sgd() == Decimal("1.50")
    save_exchange_rate(rate=new_rate("1.52", date(2026, 12, 1)), by=None)
    assert eur_sgd() == Decimal("1.52")


def test_a_deleted_rate_is_no_longer_used_at_once() -> None:
    save_exchange_rate(rate=new_rate("1.52", date(2026, 12, 1)), by=None)
    assert eur_sgd() == Decimal("1.52")
    delete_exchange_rates(rates=ExchangeRate.objects.filter(effective_on=date(2026, 12, 1)))
    assert eur_sgd() == Decimal("1.50")


def test_a_write_around_the_services_is_seen_within_the_maximum_age(monkeypatch: pytest.MonkeyPatch) -> None:
    assert eur_sgd() == Decimal("1.50")
    ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.51"))
    assert eur_sgd() == Decimal("1.50")
    later = time.monotonic() + rates_in_force.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert eur_sgd() == Decimal("1.51")


def test_a_rate_changed_by_another_process_is_used_once_it_announces_a_new_generation() -> None:
    assert eur_sgd() == Decimal("1.50")
    # Another process's write: this process sees no signal, only the table and the shared cache.
    ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.57"))
    assert eur_sgd() == Decimal("1.50")
    cache.set(RATES_GENERATION_KEY, "another process's commit", timeout=None)
    assert eur_sgd() == Decimal("1.57")


def test_a_lost_generation_makes_every_process_read_the_table_again() -> None:
    assert eur_sgd() == Decimal("1.50")
    ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.58"))
    cache.delete(RATES_GENERATION_KEY)  # evicted, or a cache restarted empty
    assert eur_sgd() == Decimal("1.58")


def test_without_a_shared_cache_the_kept_rates_expire(monkeypatch: pytest.MonkeyPatch) -> None:
    assert eur_sgd() == Decimal("1.50")
    ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.59"))
    later = time.monotonic() + rates_in_force.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert eur_sgd() == Decimal("1.59")


def test_a_transaction_reads_its_own_changes_and_a_rollback_leaves_nothing_kept() -> None:
    assert eur_sgd() == Decimal("1.50")
    with transaction.atomic():
        ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.99"))
        assert eur_sgd() == Decimal("1.99")
        transaction.set_rollback(True)
    assert eur_sgd() == Decimal("1.50")


def test_a_save_announces_its_generation_only_once_committed() -> None:
    assert eur_sgd() == Decimal("1.50")
    before = cache.get(RATES_GENERATION_KEY)
    with transaction.atomic():
        save_exchange_rate(rate=new_rate("1.53", date(2026, 12, 2)), by=None)
        assert cache.get(RATES_GENERATION_KEY) == before
    assert cache.get(RATES_GENERATION_KEY) != before
    assert eur_sgd() == Decimal("1.53")


def test_a_rate_staff_add_and_delete_in_the_admin_is_used_and_dropped_at_once() -> None:
    assert eur_sgd() == Decimal("1.50")
    user = make_user(is_superuser=True)
    client = staff_login(Client(), user)

    response = client.post(
        reverse("admin:assessments_exchangerate_add"),
        {"base": "EUR", "quote": "SGD", "rate": "1.54", "effective_on": "2026-12-03", "source": "MAS"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert eur_sgd() == Decimal("1.54")
    added = ExchangeRate.objects.get(effective_on=date(2026, 12, 3))
    assert added.updated_by == user

    response = client.post(
        reverse("admin:assessments_exchangerate_changelist"),
        {"action": "delete_selected", "_selected_action": [added.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert eur_sgd() == Decimal("1.50")


NO_CACHE_TABLE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cache_table_never_created",
    }
}


@override_settings(CACHES=NO_CACHE_TABLE)
def test_without_a_reachable_cache_every_assessment_reads_the_table_and_saves_still_work() -> None:
    assert eur_sgd() == Decimal("1.50")
    ExchangeRate.objects.filter(base="EUR", quote="SGD").update(rate=Decimal("1.56"))
    assert eur_sgd() == Decimal("1.56")

    save_exchange_rate(rate=new_rate("1.61", date(2026, 12, 4)), by=None)

    assert eur_sgd() == Decimal("1.61")
