"""Fixtures shared by every test area."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation

from applicants.models import Pathway
from assessments.kept_rates import rates_in_force
from bookings.roles import grant_staff_permissions
from consultancy.celery import app as celery_app
from consultancy.celery import ensure_filesystem_broker_folders
from tests.workers import WorkerProcess

ROOT = Path(__file__).resolve().parent.parent
TEST_BROKER_DIR = ROOT / "var" / "test-broker"

# Tests never share the filesystem broker's folders with a `make run` worker on the same checkout
# (the test worker gets the same folder through CELERY_FILESYSTEM_DIR, see tests/workers.py).
if celery_app.conf.broker_url.startswith("filesystem://"):
    celery_app.conf.broker_transport_options = {
        "data_folder_in": str(TEST_BROKER_DIR / "queue"),
        "data_folder_out": str(TEST_BROKER_DIR / "queue"),
        "processed_folder": str(TEST_BROKER_DIR / "processed"),
        "control_folder": str(TEST_BROKER_DIR / "control"),
        "store_processed": False,
    }
    ensure_filesystem_broker_folders()


@contextmanager
def tasks_run_inline() -> Iterator[None]:
    """Celery runs each published task at once in this process (eager), for the body of the `with`."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = False
        celery_app.conf.task_eager_propagates = False


@pytest.fixture
def celery_eager() -> Iterator[None]:
    """Run tasks inline for unit tests of services; real-worker tests use `celery_worker` instead."""
    with tasks_run_inline():
        yield


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[WorkerProcess]:
    """A real `celery worker` process on CELERY_BROKER_URL, using the test database."""
    worker = WorkerProcess(broker_dir=TEST_BROKER_DIR)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a request to a /zh-hans/ page leaves Chinese active in
    the thread, and `reverse()` would then build Chinese URLs in the next test."""

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_content_type_cache() -> None:
    """Transactional tests flush the database, and Django re-creates content types under new ids; the
    process-wide ContentType cache would still hand the old ids to the audit log (an FK failure)."""

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _fresh_exchange_rates() -> None:
    """Transactional tests flush the database without a signal; the rates a process keeps
    (`assessments.kept_rates.rates_in_force`) would outlive the rows they were read from."""

    rates_in_force.forget()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counters start at zero in every test. With the database cache the test transaction
    already isolates them; a Redis cache (CI) outlives tests, so it is emptied."""

    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fault tests stop shared services (PostgreSQL, Redis): they run last, after everything else."""
    items.sort(key=lambda item: item.get_closest_marker("faults") is not None)


@pytest.fixture
def reference_rows(transactional_db: None) -> None:
    """Re-create what the data migrations seed (pathways, staff roles with their permissions, exchange
    rates), for transactional tests that run after another one flushed the database."""

    roles = importlib.import_module("applicants.migrations.0002_pathways_and_roles")
    rates = importlib.import_module("assessments.migrations.0003_seed_exchange_rates")
    for code in roles.PATHWAY_CODES:
        Pathway.objects.get_or_create(code=code)
    for name, grants in roles.ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
    # The letter permissions were granted by assessments 0006; their content type now belongs to letters.
    letters = importlib.import_module("assessments.migrations.0006_letter_permissions")
    for name, codenames in letters.GRANTS.items():
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(content_type__app_label="letters", codename__in=codenames)
        )
    grant_staff_permissions()  # the booking permissions, as after every migrate
    rates.seed(apps, None)
