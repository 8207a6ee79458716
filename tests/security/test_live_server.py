"""The public API and the web process as deployed: gunicorn (with gunicorn.conf.py) on a free loopback
port, production settings, the test database.

- schemathesis runs every check against the OpenAPI document with a bounded number of examples, and
  prints how many cases it generated (the CI log shows the count and that none failed);
- the access log never holds an e-mailed link's token (issue 15, finding 10);
- gunicorn trusts no X-Forwarded-Proto, not even from 127.0.0.1 (finding 12).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.workers import _database_url, wait_until

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
# Examples per API operation and phase; about ten cases are generated per example (positive and
# negative data, boundary values): about 1,000 in all, in about half a minute.
SCHEMATHESIS_MAX_EXAMPLES = 50
SCHEMATHESIS_SEED = 15

pytestmark = pytest.mark.usefixtures("reference_rows")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310  # our own loopback server
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:  # not listening yet
        return 0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@contextmanager
def gunicorn(access_log: Path, **env_extra: str) -> Iterator[str]:
    """gunicorn as docker-compose runs it (its config file, production settings); yields the base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FORWARDED_ALLOW_IPS"))}
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DATABASE_URL": _database_url(),
            "ASSESSMENT_API_RATE": "1000000/m",
            "LOG_LEVEL": "WARNING",
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            **env_extra,
        }
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "consultancy.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            str(access_log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: _status(f"{base}/healthz") != 0, timeout=60), "gunicorn did not start"
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_schemathesis_finds_no_failure_in_the_public_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with gunicorn(tmp_path / "access.log") as base:
        result = subprocess.run(
            [
                str(BIN / "schemathesis"),
                "run",
                f"{base}/api/v1/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                str(SCHEMATHESIS_MAX_EXAMPLES),
                "--seed",
                str(SCHEMATHESIS_SEED),
                "--no-color",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=600,
        )
    output = result.stdout + result.stderr
    summary = re.search(r"(\d+) generated, (.*)", output)
    with capsys.disabled():
        print(
            f"\nschemathesis ({SCHEMATHESIS_MAX_EXAMPLES} examples per operation and phase, all checks): "
            f"{summary.group(0) if summary else 'no summary'}"
        )
    assert result.returncode == 0, output[-6000:]
    assert summary is not None, output[-3000:]
    generated = int(summary.group(1))
    assert generated >= 500, output[-3000:]
    assert summary.group(2).strip() == f"{generated} passed", output[-6000:]


def test_tokens_of_e_mailed_links_never_reach_the_access_log(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    token = "eyJ1IjoxLCJzIjoic2VjcmV0In0:1vSecret:TokenSignature0123456789"
    paths = [
        f"/portal/sign-in/{token}/",
        f"/zh-hans/portal/welcome/{token}/",
        f"/portal/confirm/{token}/",
        f"/portal/password-reset/MQ/{token}/",
    ]
    with gunicorn(log) as base:
        for path in paths:
            _status(f"{base}{path}", headers={"Referer": f"{base}{path}"})
        _status(f"{base}/portal/login/", headers={"Referer": f"{base}{paths[0]}"})

    assert wait_until(lambda: log.read_text().count("\n") >= len(paths) + 1, timeout=10)
    text = log.read_text()
    assert "TokenSignature" not in text
    assert "1vSecret" not in text
    assert text.count("[redacted]") >= 2 * len(paths)


def test_gunicorn_trusts_no_forwarded_proto_even_from_loopback(tmp_path: Path) -> None:
    with gunicorn(tmp_path / "access.log", DJANGO_SECURE_SSL_REDIRECT="1") as base:
        plain = _status(f"{base}/api/v1/openapi.json")
        forged = _status(f"{base}/api/v1/openapi.json", headers={"X-Forwarded-Proto": "https"})

    assert plain == 301
    assert forged == 301, "a client's X-Forwarded-Proto must not make plain HTTP look like HTTPS"
