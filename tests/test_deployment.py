"""docker-compose.yml and the Dockerfile: no Docker engine runs here, so we check that the compose file
parses into the services we promise, and run here the very commands its services and the image build run.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.workers import wait_until

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text()))


def _command(service: dict[str, Any]) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_compose_defines_web_worker_beat_postgres_and_redis(compose: dict[str, Any]) -> None:
    services = compose["services"]

    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"


def test_redis_persists_and_never_evicts_queued_tasks(compose: dict[str, Any]) -> None:
    command = _command(compose["services"]["redis"])

    assert command[command.index("--appendonly") + 1] == "yes"
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def test_every_long_running_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name in ("web", "worker", "db", "redis"):
        assert "test" in compose["services"][name]["healthcheck"], name


def test_web_worker_and_beat_share_one_image_and_wait_for_healthy_services(compose: dict[str, Any]) -> None:
    services = compose["services"]
    images = {services[name]["image"] for name in ("web", "worker", "beat")}

    assert len(images) == 1
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["environment"]["CELERY_BROKER_URL"].startswith("redis://")
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")


def test_the_worker_consumes_the_letters_queue(compose: dict[str, Any]) -> None:
    command = " ".join(_command(compose["services"]["worker"]))

    assert "letters" in command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    env["PATH"] = f"{BIN}:{env.get('PATH', '')}"
    return env


def _gunicorn_args(compose: dict[str, Any], port: int) -> list[str]:
    # The web service runs migrate && createcachetable && gunicorn ...; take the gunicorn part as written.
    script = _command(compose["services"]["web"])[-1]
    gunicorn = next(part.strip() for part in script.split("&&") if part.strip().startswith("gunicorn"))
    args = shlex.split(gunicorn)
    args[args.index("--bind") + 1] = f"127.0.0.1:{port}"
    return args


@pytest.mark.django_db(transaction=True)
def test_the_web_command_serves_healthz_with_production_settings(compose: dict[str, Any]) -> None:
    from tests.workers import _database_url

    port = _free_port()
    env = _env(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-only-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=_database_url(),
    )
    server = subprocess.Popen(
        _gunicorn_args(compose, port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = response.read()
                    break
            except OSError:
                time.sleep(0.2)
        assert b'"database": "ok"' in body, body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_the_beat_command_starts(compose: dict[str, Any], tmp_path: Path) -> None:
    args = _command(compose["services"]["beat"])
    args[args.index("--schedule") + 1] = str(tmp_path / "schedule")
    beat = subprocess.Popen(
        args, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    lines: list[str] = []
    # Read as it comes (a thread: a pipe read blocks), so a loaded machine only makes the wait longer.
    reader = threading.Thread(
        target=lambda: lines.extend(line.decode() for line in beat.stdout or ()), daemon=True
    )
    reader.start()
    try:
        assert wait_until(
            lambda: any("beat: Starting" in line for line in lines), timeout=60, interval=0.2
        ), "".join(lines)
        time.sleep(1)
        assert beat.poll() is None, "".join(lines)  # started, and still running: not a crash after the banner
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=20)
        reader.join(timeout=5)


def test_the_image_build_steps_run_with_production_settings(tmp_path: Path) -> None:
    # The Dockerfile runs collectstatic (hashed, compressed files) and compilemessages at build time.
    env = _env(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="build-only", DJANGO_STATIC_ROOT=str(tmp_path / "static"))
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic --no-input" in dockerfile
    assert "compilemessages" in dockerfile

    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
