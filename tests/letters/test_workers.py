"""Letters against the real broker (CELERY_BROKER_URL: Redis in CI) and real worker processes.

Nothing is lost when a worker is SIGKILLed mid-render or when the broker is down at request time:
letters end ready, each with exactly one PDF. How: acks_late and reject_on_worker_lost put back the
message of a worker *process* that dies; a whole worker killed at once (main process and pool, as
here) takes its unacknowledged messages with it until Redis's visibility timeout (an hour), so the
sweeper, which beat runs every minute, sends such letters again. The tests call the same sweeper,
with a deadline of seconds instead of minutes. A letter requested while the broker is down waits in
the outbox, which beat publishes every minute once the broker answers.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from letters import services
from letters.models import AdviceLetter
from outbox.models import OutboxMessage
from outbox.tasks import publish_pending_task
from tests.conftest import TEST_BROKER_DIR
from tests.letters.factories import case_with_snapshot
from tests.workers import ROOT, WorkerProcess, _database_url, wait_until

# serialized_rollback: the roles created by data migrations must survive the flush between tests.
pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

LETTERS = 50


def _statuses(ids: list[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in AdviceLetter.objects.filter(pk__in=ids).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _sweep() -> int:
    return services.sweep_stalled_renders(
        now=timezone.now(), rendering_for=timedelta(seconds=10), queued_for=timedelta(seconds=60)
    )


def _private_root(letter_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers store PDFs where this test reads them (settings: PRIVATE_STORAGE_ROOT/letters).
    monkeypatch.setenv("PRIVATE_STORAGE_ROOT", str(letter_files.parent))


def _log(worker: WorkerProcess) -> str:
    return worker.log_path.read_text(errors="replace")[-4000:] if worker.log_path.exists() else ""


def test_fifty_letters_survive_two_worker_kills_mid_render(
    letter_files: Path, monkeypatch: pytest.MonkeyPatch
):
    _private_root(letter_files, monkeypatch)
    case, snap, adviser = case_with_snapshot()
    ids = [
        services.request_advice_letter(
            case=case,
            assessment=snap,
            language="en" if i % 2 else "zh-hans",
            note=f"Letter {i}",
            requested_by=adviser,
        ).pk
        for i in range(LETTERS)
    ]
    worker = WorkerProcess(broker_dir=TEST_BROKER_DIR, concurrency=2)
    worker.start()
    try:
        for kill in (1, 2):
            ready_before = _statuses(ids).get(AdviceLetter.Status.READY, 0)

            def mid_render(ready_before: int = ready_before) -> bool:
                counts = _statuses(ids)
                return counts.get("rendering", 0) > 0 and counts.get("ready", 0) >= ready_before + 3

            assert wait_until(mid_render, timeout=180, interval=0.05), _log(worker)
            worker.kill()
            interrupted = _statuses(ids).get(AdviceLetter.Status.RENDERING, 0)
            assert interrupted > 0, f"kill {kill} found no letter mid-render"
            worker.start()

        def all_ready() -> bool:
            _sweep()
            return _statuses(ids).get(AdviceLetter.Status.READY, 0) == LETTERS

        assert wait_until(all_ready, timeout=300, interval=2), (_statuses(ids), _log(worker))
    finally:
        worker.stop()

    letters = list(AdviceLetter.objects.filter(pk__in=ids))
    assert max(letter.attempts for letter in letters) >= 2  # some renders really were cut off
    files = sorted(p for p in letter_files.rglob("*") if p.is_file())
    assert [p.name for p in files] == sorted(f"{letter.reference}.pdf" for letter in letters)
    for letter in letters:
        pdf = Path(letter.file.path).read_bytes()
        assert pdf.startswith(b"%PDF")
        assert hashlib.sha256(pdf).hexdigest() == letter.sha256
        assert letter.page_count is not None
        assert letter.page_count >= 3


def test_a_letter_requested_while_the_broker_is_down_ends_ready_once_it_is_back(
    letter_files: Path, monkeypatch: pytest.MonkeyPatch
):
    _private_root(letter_files, monkeypatch)
    case, snap, _adviser = case_with_snapshot()
    # The request comes from another process (as from a web worker) whose broker is unreachable.
    script = (
        "from applicants.models import Case; from letters.services import request_advice_letter; "
        f"case = Case.objects.get(pk={case.pk}); "
        f"print(request_advice_letter(case=case, assessment=case.assessments.get(pk={snap.pk}), "
        f"language='bilingual', note='Sent during an outage', requested_by=None).pk)"
    )
    env = {
        **WorkerProcess(broker_dir=TEST_BROKER_DIR).env(),
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
    }
    request = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert request.returncode == 0, request.stderr
    letter = AdviceLetter.objects.get(pk=int(request.stdout.strip().splitlines()[-1]))
    assert letter.status == AdviceLetter.Status.QUEUED
    # Saved, and its render call kept in the outbox.
    message = OutboxMessage.objects.get(task_name="letters.render_letter")
    assert (message.args, message.attempts) == ([letter.pk], 1)
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=1))

    worker = WorkerProcess(broker_dir=TEST_BROKER_DIR)
    worker.start()
    try:
        publish_pending_task.delay()  # what beat sends every minute, now that the broker answers

        def ready() -> bool:
            letter.refresh_from_db()
            return letter.status == AdviceLetter.Status.READY

        assert wait_until(ready, timeout=120, interval=0.5), _log(worker)
    finally:
        worker.stop()
    pdf = Path(letter.file.path).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256
    assert [p.name for p in letter_files.rglob("*.pdf")] == [f"{letter.reference}.pdf"]
    assert letter.attempts == 1
