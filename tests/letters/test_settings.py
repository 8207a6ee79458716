"""The Celery and letter settings keep their promises: nothing lost when a worker dies, no letter
handed to two workers by Redis, a sweeper that runs, and checks that catch a bad letterhead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from consultancy.celery import app
from letters.checks import check_letter_settings
from letters.tasks import render_letter_task, sweep_stalled_renders_task

ROOT = Path(__file__).resolve().parents[2]


def test_tasks_are_acknowledged_late_and_requeued_when_their_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert render_letter_task.acks_late is True
    assert render_letter_task.reject_on_worker_lost is True


def test_each_worker_process_takes_one_letter_at_a_time_from_its_own_queue():
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_routes["letters.render_letter"] == {"queue": "letters"}
    assert "--queues=celery,letters" in (ROOT / "Procfile.dev").read_text()


def test_letter_renders_have_a_soft_and_a_hard_time_limit_and_workers_a_memory_cap():
    soft, hard = render_letter_task.soft_time_limit, render_letter_task.time_limit
    assert soft is not None
    assert hard is not None
    assert 0 < soft < hard < settings.LETTER_RENDERING_DEADLINE
    assert 0 < app.conf.worker_max_memory_per_child <= 300_000  # KiB


def test_redis_never_hands_a_running_letter_to_a_second_worker():
    """With Redis, an unacknowledged message goes back on the queue after the visibility timeout:
    it must be far longer than a render may ever run (the hard time limit)."""
    env = {
        **os.environ,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_SETTINGS_MODULE": "consultancy.settings",
    }
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; "
            "print(json.dumps([settings.CELERY_BROKER_TRANSPORT_OPTIONS, settings.LETTER_TIME_LIMIT]))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    options, hard_limit = json.loads(printed)

    assert options["visibility_timeout"] >= 10 * hard_limit


def test_the_sweeper_runs_every_minute_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-stalled-letter-renders"]

    assert entry["task"] == sweep_stalled_renders_task.name
    assert float(entry["schedule"]) <= 60  # type: ignore[arg-type]


def test_the_default_settings_pass_the_letter_checks():
    assert check_letter_settings() == []


@pytest.mark.parametrize("logo", ["missing.svg", "../../consultancy/settings.py"])
def test_a_logo_outside_static_letters_fails_the_checks(logo: str):
    with override_settings(CONSULTANCY_LOGO=logo):
        assert [e.id for e in check_letter_settings()] == ["letters.E001"]


def test_a_rendering_deadline_inside_the_hard_limit_fails_the_checks():
    with override_settings(LETTER_RENDERING_DEADLINE=60, LETTER_TIME_LIMIT=90):
        assert "letters.E002" in [e.id for e in check_letter_settings()]


def test_a_short_visibility_timeout_fails_the_checks():
    with override_settings(CELERY_BROKER_TRANSPORT_OPTIONS={"visibility_timeout": 300}):
        assert [e.id for e in check_letter_settings()] == ["letters.E003"]


def test_letter_files_are_kept_outside_every_served_folder():
    storages: Any = settings.STORAGES
    options = storages["letters"]["OPTIONS"]
    letters = Path(options["location"]).resolve()
    served = [Path(settings.STATIC_ROOT).resolve(), *(Path(d).resolve() for d in settings.STATICFILES_DIRS)]

    assert not any(letters.is_relative_to(folder) for folder in served)
    assert options["base_url"] is None
