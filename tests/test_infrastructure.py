"""The running system uses the services it was configured with: database, broker, worker."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from consultancy.celery import HEARTBEAT_CACHE_KEY, heartbeat
from tests.workers import WorkerProcess, wait_until

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_database_vendor_follows_database_url() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_broker_follows_celery_broker_url() -> None:
    from consultancy.celery import app

    url = os.environ.get("CELERY_BROKER_URL", "filesystem://")
    assert app.conf.broker_url.split("://")[0] == url.split("://")[0]


@pytest.mark.worker
def test_a_task_round_trips_through_the_real_broker_and_worker(celery_worker: WorkerProcess) -> None:
    token = uuid.uuid4().hex

    heartbeat.delay(token)

    def processed() -> bool:
        beat = cache.get(HEARTBEAT_CACHE_KEY)
        return bool(beat and beat["token"] == token)

    assert wait_until(processed, timeout=60), celery_worker.log_path.read_text()[-3000:]


def test_env_example_lists_every_variable_the_settings_read() -> None:
    settings_source = (ROOT / "consultancy" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read, "no env reads found: the pattern is out of date"
    assert read - listed == set()


def _run_check_deploy(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _run_check_deploy(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "a-production-like-secret-" + "x" * 40 + uuid.uuid4().hex,
            "DJANGO_ALLOWED_HOSTS": "consultancy.example.com",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_without_a_secret_key_fail_clearly() -> None:
    result = _run_check_deploy({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_process_that_is_not_a_letter_worker_starts_without_weasyprint_or_pypinyin() -> None:
    # manage.py assess, the web processes and beat import every app's tasks; rendering and pinyin ordering
    # are imported where used, so they cost the others nothing (together about a second at start-up).
    script = (
        "import sys, django; django.setup(); "
        "import letters.tasks, applicants.tasks, bookings.tasks, consultancy.urls; "
        "print(sorted(m for m in ('weasyprint', 'pypinyin') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "consultancy.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
