"""Load benchmark of the public self-assessment: gunicorn (2 workers) on PostgreSQL, local clients only.

Targets at 16 concurrent clients: assessment submissions (POST of the completed answers to the result
page, which assesses all eight pathways and renders the result) at no less than half the start page's
rate measured the same way just before (a ratio, so a machine shared with other work does not decide
it), and a p95 latency of 150 ms or less. `BENCH_JOURNEY_DATABASE` names the scratch database (default
`bench_journey`; it is dropped and re-created).

Bounded: every client sends at most REQUESTS_PER_CLIENT requests per phase and stops after
PHASE_SECONDS whatever happens; the server is stopped at the end. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_JOURNEY_DATABASE", "bench_journey")
CLIENTS = 16
WORKERS = 2
REQUESTS_PER_CLIENT = 400
PHASE_SECONDS = 20.0
# Submissions per second as a share of the start page's requests per second.
TARGET_SHARE_OF_START_PAGE = 0.5
TARGET_P95_MS = 150.0

# The answers each client gives before the timed phase (field names as the step pages post them).
ANSWERS: list[tuple[str, dict[str, str]]] = [
    (
        "about",
        {
            "date_of_birth": "1990-05-31",
            "nationality": "DE",
            "application_type": "new",
            "on_singapore_work_pass": "no",
        },
    ),
    (
        "education",
        {
            "TOTAL_FORMS": "1",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "6",
            "0-level": "master",
            "0-field": "stem",
            "0-institution": "TU Munich",
            "0-well_known_institution": "yes",
            "0-world_top_100": "yes",
            "0-taught_in_chinese": "no",
            "0-completed_year": "2014",
        },
    ),
    (
        "pay",
        {
            "currency": "SGD",
            "monthly_fixed_salary": "25000",
            "monthly_total_compensation": "32000",
            "salary_from_single_employer": "yes",
            "months_at_current_salary": "14",
        },
    ),
    (
        "plans",
        {
            "has_singapore_job_offer": "no",
            "has_china_job_offer": "yes",
            "has_or_plans_singapore_company": "no",
        },
    ),
    (
        "career",
        {
            "TOTAL_FORMS": "1",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "8",
            "0-organisation": "Example Robotics",
            "0-title": "VP Engineering",
            "0-start": "2017-01-01",
            "0-end": "",
            "0-role_type": "leadership",
            "0-organisation_type": "tech_company",
            "0-organisation_well_known": "yes",
            "0-valuation_usd": "800000000",
            "0-stem_teaching_or_research": "no",
            "0-relevant_to_china_job": "yes",
        },
    ),
    (
        "china-offer",
        {
            "currency": "CNY",
            "annual_salary": "650000",
            "months_per_year_in_china": "10",
            "in_encouraged_region": "no",
        },
    ),
    (
        "achievements",
        {
            "hsk_level": "2",
            "former_chinese_national": "no",
            "international_award": "no",
            "national_talent_programme": "no",
            "fortune_global_500_experience": "yes",
            "holds_patents": "no",
        },
    ),
]


@dataclass
class Client:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Host": f"{HOST}:{self.port}", "Referer": f"http://{HOST}:{self.port}/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            body = {**body, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response.status, text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(f"{PG}/postgres", connect_timeout=3, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DATABASE}")
    except psycopg.Error as error:
        print(f"PostgreSQL at {PG} is unreachable ({error.__class__.__name__}: {error}); cannot run.")
        return False
    return True


def _environment(static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))}
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_STATIC_ROOT": str(static_root),
            "DATABASE_URL": f"{PG}/{DATABASE}",
            "CACHE_URL": "locmemcache://",
            "LOG_LEVEL": "WARNING",
            # Every client is on loopback, one address: per-address limits would measure themselves.
            "INTAKE_STEP_RATE": "1000000/m",
            "INTAKE_SUBMIT_RATE": "1000000/m",
        }
    )
    return env


def _prepare_client(port: int) -> Client:
    client = Client(port)
    status, _ = client.request("GET", "/")
    assert status == 200, status
    for slug, fields in ANSWERS:
        status, text = client.request(
            "POST", f"/assessment/{slug}/", {f"{slug}-{k}": v for k, v in fields.items()}
        )
        assert status == 302, (slug, status, re.findall(r'alert-link" href="[^"]*">([^<]*)', text))
    return client


def _phase(clients: list[Client], send: Callable[[Client], int]) -> tuple[float, list[float], int]:
    """Run `send` from every client at once; returns (seconds, latencies in ms, failures)."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    deadline = time.monotonic() + PHASE_SECONDS

    def run(client: Client) -> None:
        nonlocal failures
        mine: list[float] = []
        bad = 0
        for _ in range(REQUESTS_PER_CLIENT):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            status = send(client)
            mine.append((time.perf_counter() - started) * 1000)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            failures += bad

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, failures


def _report(name: str, seconds: float, latencies: list[float], failures: int) -> tuple[float, float]:
    rate = len(latencies) / seconds
    p95 = statistics.quantiles(latencies, n=100)[94]
    print(
        f"{name}: {len(latencies)} requests in {seconds:.1f}s = {rate:.0f}/s; "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, max {max(latencies):.0f} ms; failures {failures}"
    )
    return rate, p95


def main() -> bool:
    if not _postgres_reachable():
        return False
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = _environment(static_root)
    python = sys.executable
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
        )
    port = _free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "consultancy.wsgi",
            f"--workers={WORKERS}",
            f"--bind={HOST}:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection((HOST, port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        clients = [_prepare_client(port) for _ in range(CLIENTS)]
        _phase(clients[:2], lambda c: c.request("POST", "/assessment/result/", {})[0])  # warm both workers
        print(f"gunicorn {WORKERS} workers on PostgreSQL, {CLIENTS} concurrent clients, loopback")
        start_rate, _ = _report("start page (GET /)", *_phase(clients, lambda c: c.request("GET", "/")[0]))
        rate, p95 = _report(
            "assessment submission (POST /assessment/result/)",
            *_phase(clients, lambda c: c.request("POST", "/assessment/result/", {})[0]),
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(static_root, ignore_errors=True)
    share = rate / start_rate
    met = share >= TARGET_SHARE_OF_START_PAGE and p95 <= TARGET_P95_MS
    print(
        f"submissions at {share:.0%} of the start page's rate; targets: >= {TARGET_SHARE_OF_START_PAGE:.0%} "
        f"and p95 <= {TARGET_P95_MS:.0f} ms: {'met' if met else 'MISSED'}"
    )
    return met
