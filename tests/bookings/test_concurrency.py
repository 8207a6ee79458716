"""No double booking under concurrent requests, on the real database (PostgreSQL, as in CI).

Two applicants ask for the same slot at the same moment, each on its own connection: exactly one gets
it, the other is told "That time was just taken — please choose another". The second test holds the
first booking's transaction open until the second one is waiting on it, so it is the database's
unique constraint (not the service's check for free slots) that refuses the second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction

from bookings.models import Appointment
from bookings.services import BookingError, book_appointment

from .helpers import NOW, TUESDAY, applicant_case, hours, make_consultant, utc

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = [
    pytest.mark.skipif(
        not POSTGRES,
        reason="concurrent bookings need PostgreSQL: set DATABASE_URL=postgres://… (CI runs on PostgreSQL); "
        "SQLite serialises all writers, so it cannot show the race",
    ),
    # serialized_rollback: the flush after these tests then re-creates no content types that a later
    # serialized-rollback test (letters' migration tests) would collide with.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_rows"),
]
TAKEN = "That time was just taken — please choose another."


def _booking(case, consultant) -> Callable[[], Any]:
    def book() -> Appointment | BookingError:
        try:
            return book_appointment(
                case=case,
                consultant_id=consultant.pk,
                starts_at=utc(TUESDAY, "09:00"),
                applicant_time_zone="Asia/Shanghai",
                now=NOW,
            )
        except BookingError as refusal:
            return refusal

    return book


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; each thread closes its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_simultaneous_bookings_of_one_slot_give_it_to_exactly_one() -> None:
    for round_ in range(5):
        consultant = make_consultant(name=f"Consultant {'abcde'[round_]}")
        hours(consultant, weekday=1, start="09:00", end="09:30")
        cases = [applicant_case(), applicant_case()]

        results = _race([_booking(case, consultant) for case in cases])

        booked = [r for r in results if isinstance(r, Appointment)]
        refused = [r for r in results if isinstance(r, BookingError)]
        assert (len(booked), len(refused)) == (1, 1), results
        assert str(refused[0]) == TAKEN
        assert Appointment.objects.booked().filter(consultant=consultant).count() == 1


def _waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])


def test_the_database_constraint_refuses_the_second_of_two_overlapping_bookings() -> None:
    consultant = make_consultant()
    hours(consultant, weekday=1, start="09:00", end="09:30")
    first_case, second_case = applicant_case(), applicant_case()
    first_booked, let_first_commit = threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def first() -> None:
        try:
            with transaction.atomic():  # keeps the booking uncommitted until the second one waits
                results["first"] = _booking(first_case, consultant)()
                first_booked.set()
                let_first_commit.wait(timeout=30)
        finally:
            connection.close()

    def second() -> None:
        try:
            first_booked.wait(timeout=30)
            # The slot still looks free (the first booking is not committed): the INSERT must wait.
            results["second"] = _booking(second_case, consultant)()
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while _waiting_on_a_lock() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _waiting_on_a_lock() == 1, "the second booking never waited on the first one's row"
    let_first_commit.set()
    for thread in threads:
        thread.join(timeout=60)

    assert isinstance(results["first"], Appointment)
    assert isinstance(results["second"], BookingError)
    assert str(results["second"]) == TAKEN
    assert list(Appointment.objects.values_list("case_id", flat=True)) == [first_case.pk]
