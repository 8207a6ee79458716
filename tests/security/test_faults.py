"""Fault tests against the real services of this machine (as in CI): Redis stopped while applicants
submit and staff request a letter (rendered and announced by e-mail once it is back, all through the
outbox), PostgreSQL restarted under a running gunicorn.

They stop shared services, so they run only when the suite is configured for them (DATABASE_URL
postgres, CELERY_BROKER_URL redis), last in the run (tests/conftest.py), and keep each outage to a few
seconds; every test restores its service in `finally` and waits until it answers again.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from applicants.models import Applicant
from applicants.services.people import create_applicant
from letters.models import AdviceLetter
from outbox.models import OutboxMessage
from outbox.services import publish_pending
from tests.applicants.factories import case_manager, staff_login
from tests.applicants.intake_answers import answer_everything
from tests.applicants.portal_helpers import SAVE
from tests.conftest import TEST_BROKER_DIR
from tests.letters.factories import case_with_snapshot
from tests.workers import ROOT, WorkerProcess, wait_until

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
REDIS = settings.CELERY_BROKER_URL.startswith("redis://")
# Earlier transactional tests may have flushed the data migrations' rows: `reference_rows` restores them.
pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_rows"),
]

REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def _redis_answers() -> bool:
    result = subprocess.run(["redis-cli", "-p", "6379", "ping"], capture_output=True, text=True, timeout=5)
    return result.stdout.strip() == "PONG"


@contextmanager
def redis_outage() -> Iterator[None]:
    """Redis stopped for the body of the `with`; afterwards it is running again, whatever happened."""
    assert _redis_answers(), "Redis must be running before the test stops it"
    subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True, timeout=10)
    try:
        assert wait_until(lambda: not _redis_answers(), timeout=10)
        yield
    finally:
        if not _redis_answers():
            subprocess.run(REDIS_START, check=True, timeout=30)
        assert wait_until(_redis_answers, timeout=30), "Redis did not come back"


@pytest.mark.skipif(
    not (REDIS and POSTGRES), reason="needs CELERY_BROKER_URL=redis://… and PostgreSQL (as in CI)"
)
def test_redis_stopped_while_applicants_submit_loses_nothing_and_letters_render_after_it_returns(
    celery_worker: WorkerProcess,
) -> None:
    manager = case_manager("manager")
    applicant_client, staff = Client(), staff_login(Client(), manager)
    answer_everything(applicant_client)

    with redis_outage():
        saved = applicant_client.post(reverse("applicants:intake-save"), SAVE)
        applicant = Applicant.objects.get(email__iexact=SAVE["email"])
        case = applicant.cases.get()
        requested = staff.post(
            reverse("admin:applicants_case_request_letter", args=[case.pk]),
            {"assessment": case.assessments.get().pk, "language": "en", "note": "Redis was down."},
        )
        # Nothing reached the broker, nothing was lost: the calls wait in the outbox, the letter queued.
        assert saved.status_code == 302, saved.content.decode()[:2000]
        assert requested.status_code == 302, requested.content.decode()[:2000]
        waiting = set(OutboxMessage.objects.values_list("task_name", flat=True))
        assert waiting == {
            "applicants.send_resume_link",
            "applicants.notify_new_case",
            "letters.render_letter",
        }
        letter = AdviceLetter.objects.get(case=case)
        assert letter.status == AdviceLetter.Status.QUEUED

    # Redis is back: what the beat job does every minute, done now.
    assert wait_until(
        lambda: publish_pending(older_than=timedelta(0)) >= 0 and not OutboxMessage.objects.exists(),
        timeout=30,
    )

    def rendered() -> bool:
        letter.refresh_from_db()
        return letter.status == AdviceLetter.Status.READY

    assert wait_until(rendered, timeout=120), celery_worker.log_path.read_text()[-4000:]

    def emails_sent() -> bool:
        # The worker's log reaches the file a little after the work is done (and the letter seen ready).
        log = celery_worker.log_path.read_text()
        return all(
            re.search(rf"Task {re.escape(task)}\[[\w-]+\] succeeded", log)
            for task in ("applicants.send_resume_link", "applicants.notify_new_case")
        )

    assert wait_until(emails_sent, timeout=60), celery_worker.log_path.read_text()[-4000:]


@pytest.mark.skipif(
    not (REDIS and POSTGRES), reason="needs CELERY_BROKER_URL=redis://… and PostgreSQL (as in CI)"
)
def test_a_letter_requested_while_the_broker_is_down_is_rendered_and_announced_once_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, snapshot, adviser = case_with_snapshot(
        full_name="Lena Fischer", email="lena@mail.example", language="en"
    )
    staff = staff_login(Client(), adviser)
    # The worker writes PDFs where this test reads them; its console e-mail backend prints to its log.
    monkeypatch.setenv("PRIVATE_STORAGE_ROOT", str(tmp_path))
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    worker = WorkerProcess(broker_dir=TEST_BROKER_DIR)
    log_start = worker.log_path.stat().st_size if worker.log_path.exists() else 0
    worker.start()
    try:
        with redis_outage():
            requested = staff.post(
                reverse("admin:applicants_case_request_letter", args=[case.pk]),
                {"assessment": snapshot.pk, "language": "en", "note": "Requested while Redis was down."},
            )
            assert requested.status_code == 302, requested.content.decode()[:2000]
            letter = AdviceLetter.objects.get(case=case)
            assert letter.status == AdviceLetter.Status.QUEUED
            assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
                ("letters.render_letter", [letter.pk])
            ]

        # Redis is back: the outbox's beat job, done now. The worker renders the letter, and its
        # ready e-mails go through the outbox too (published by the worker once the render commits).
        assert wait_until(lambda: publish_pending(older_than=timedelta(0)) == 1, timeout=30)

        def announced() -> bool:
            letter.refresh_from_db()
            return letter.notified_at is not None

        def log() -> str:
            return worker.log_path.read_bytes()[log_start:].decode(errors="replace")

        assert wait_until(announced, timeout=120), log()[-4000:]
    finally:
        worker.stop()

    assert letter.status == AdviceLetter.Status.READY
    assert letter.attempts == 1
    pdf = (tmp_path / "letters" / letter.file.name).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256
    assert not OutboxMessage.objects.exists()
    for task in ("letters.render_letter", "letters.send_letter_ready_emails"):
        assert re.search(rf"Task {re.escape(task)}\[[\w-]+\] succeeded", log()), log()[-4000:]
    assert f"Subject: Advice letter {letter.reference} for Lena Fischer is ready" in log()


# --- PostgreSQL ------------------------------------------------------------------------------------


def _pg_cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def _pg_answers() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], timeout=10).returncode == 0


def _answers(url: str) -> bool:
    """The server is up (healthy or not); a refused connection while it boots is just "not yet"."""
    try:
        return _get(url, "")[0] in (200, 503)
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310  # our own loopback server
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310  # our own loopback server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def web_server() -> Iterator[str]:
    """gunicorn with production settings on the test database; yields its base URL."""
    db = connection.settings_dict
    static_root = Path(tempfile.mkdtemp(prefix="faults-static-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_STATIC_ROOT": str(static_root),
            "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "LOG_LEVEL": "WARNING",
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "consultancy.wsgi",
            "--workers=1",
            "--threads=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "--timeout=60",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: _answers(f"{base}/healthz"), timeout=60)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(static_root, ignore_errors=True)


@pytest.mark.skipif(not POSTGRES, reason="needs DATABASE_URL=postgres://… (as in CI)")
def test_postgresql_restarted_requests_get_a_clear_503_and_the_app_recovers_without_a_restart(
    web_server: str,
) -> None:
    user = User.objects.create_user(
        "lena@mail.example", email="lena@mail.example", password=secrets.token_urlsafe()
    )
    create_applicant(full_name="Lena Fischer", email="lena@mail.example", user=user)
    signed_in = Client()
    signed_in.force_login(user)
    cookie = f"sessionid={signed_in.cookies['sessionid'].value}"
    portal = f"{web_server}/portal/"
    assert _get(portal, cookie)[0] == 200

    during: list[tuple[int, str]] = []
    subprocess.run([*_pg_cluster(), "stop"], check=True, capture_output=True, timeout=60)
    try:
        during = [_get(portal, cookie), _get(f"{web_server}/healthz", "")]
    finally:
        subprocess.run([*_pg_cluster(), "start"], check=True, capture_output=True, timeout=60)
        assert wait_until(_pg_answers, timeout=60), "PostgreSQL did not come back"
        connection.close()  # this process's own connection died with the server

    (page_status, page), (health_status, _health) = during
    assert page_status == 503
    assert "Back in a moment" in page
    assert "try again in 30 seconds" in page
    assert health_status == 503
    # The same gunicorn process, never restarted, serves the page again once the database is back.
    assert wait_until(lambda: _get(portal, cookie)[0] == 200, timeout=30)
    assert "Lena Fischer" in _get(portal, cookie)[1]
