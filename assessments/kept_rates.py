"""The exchange rates in force, kept per process.

Every assessment reads the rates in force on its day (the result page twice a submission), and they change
only when staff save or delete a rate. Each process keeps what it read for as long as the generation in the
shared cache is the one it read them under. The services that write rates (`services.save_exchange_rate`,
`services.delete_exchange_rates`) put a new generation there once their transaction commits, so every
process reads the table again at its next assessment. A write that does not go through them (a data
migration, the shell, a queryset `update()`) is seen within `MAX_AGE_SECONDS`; so is any write when the
cache is per process (`locmemcache://`), except by the process that made it. When the shared cache cannot
be reached (or, with the database cache, its table was never created), nothing is kept: every assessment
reads the table, as it would without this module.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import date

from django.core.cache import cache
from django.db import connection, transaction

from .engine import ExchangeRates
from .models import ExchangeRate

GENERATION_KEY = "assessments:exchange-rates:generation"

logger = logging.getLogger(__name__)


class RatesInForce:
    MAX_AGE_SECONDS = 60.0
    MAX_DAYS = 32  # a process assesses few distinct days; an API caller could ask for any

    def __init__(self) -> None:
        self._generation: str | None = None
        self._read_at = 0.0
        # Keyed by the generation they were read under too: a thread that read the table just before
        # another thread saw a new generation cannot file its older rates under the new one.
        self._kept: dict[tuple[str, date], ExchangeRates] = {}

    def on(self, day: date) -> ExchangeRates:
        """`ExchangeRate.objects.rates_on(day)`, read from the table only when it may have changed."""
        if connection.in_atomic_block:
            # Inside a transaction the table may hold this transaction's own uncommitted changes (which
            # no generation announces, and which a rollback would take back): read it.
            return ExchangeRate.objects.rates_on(day)
        generation = _generation()
        if generation is None:
            return ExchangeRate.objects.rates_on(day)
        now = time.monotonic()
        if (
            generation != self._generation
            or now - self._read_at > self.MAX_AGE_SECONDS
            or len(self._kept) >= self.MAX_DAYS
        ):
            self._kept = {}
            self._generation = generation
            self._read_at = now
        rates = self._kept.get((generation, day))
        if rates is None:
            rates = self._kept[generation, day] = ExchangeRate.objects.rates_on(day)
        return rates

    def forget(self) -> None:
        """Read the table again next time (tests: a flushed database announces nothing)."""
        self._generation = None
        self._kept = {}


rates_in_force = RatesInForce()


def announce_new_rates() -> None:
    """Once the current transaction commits, a new generation: every process reads the table again. (On
    commit: a process reading the new generation before the commit could keep the old rates under it.)"""
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as exc:  # the cache backends' connection errors have no common base class
        # The rate is saved; processes that kept the old rates drop them within MAX_AGE_SECONDS.
        logger.warning("new exchange rates not announced, cache unreachable: %s", type(exc).__name__)


def _generation() -> str | None:
    """The generation in the shared cache; None when the cache cannot be reached."""
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            # Never set, or evicted: a new one, which matches no process's kept rates.
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            generation = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    except Exception as exc:  # the cache backends' connection errors have no common base class
        logger.warning("exchange rates read without keeping them, cache unreachable: %s", type(exc).__name__)
        return None
    return str(generation)
