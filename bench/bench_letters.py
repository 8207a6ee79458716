"""Advice letters: render time, throughput with two worker processes, and worker memory.

Targets (this machine): the standard letter (3-5 pages) renders in a median ≤ 300 ms in English and in
Chinese; 200 letters go from request to ready at ≥ 6 letters/s with one worker of 2 processes; no
worker process peaks above 300 MB resident.

1. Render: `render_advice_letter_pdf` on the standard demo letter (`render_sample_letter`), 40 timed
   renders per language after 3 warm-up renders, in a fresh process (no database, no broker). The
   first render of a process (fonts loaded) is reported apart.
2. Throughput: the whole pipeline. A fresh SQLite database (or BENCH_LETTERS_DATABASE_URL), the broker
   of CELERY_BROKER_URL (default: the filesystem broker, in its own folder), a real
   `celery worker --concurrency=2 --queues=letters`, 200 requests through `request_advice_letter`;
   timed from the first request to the last letter ready, after 2 warm-up letters.
3. Memory: peak resident size (VmHWM) of the worker's main and pool processes, read from /proc.

    .venv/bin/python -m bench letters
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-letters"
RENDER_TARGET_MS = 300.0
THROUGHPUT_TARGET = 6.0
MEMORY_TARGET_MB = 300.0
LETTERS = 200
RENDERS = 40


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultancy.settings")
    django.setup()


def measure_render() -> dict[str, Any]:
    """Child process: render timings of the standard letter, per language."""
    _setup_django()
    from letters.content import sample_letter_content
    from letters.models import LetterLanguage
    from letters.render import render_advice_letter_pdf

    results: dict[str, Any] = {}
    for language in (LetterLanguage.ENGLISH, LetterLanguage.CHINESE):
        content = sample_letter_content(language)
        started = time.perf_counter()
        pages = render_advice_letter_pdf(content).page_count
        first_ms = (time.perf_counter() - started) * 1000
        for _ in range(3):
            render_advice_letter_pdf(content)
        wall, cpu = [], []
        for _ in range(RENDERS):
            started, started_cpu = time.perf_counter(), time.process_time()
            render_advice_letter_pdf(content)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        results[language.value] = {
            "pages": pages,
            "first_ms": first_ms,
            "median_ms": statistics.median(wall),
            "p95_ms": statistics.quantiles(wall, n=20)[18],
            "cpu_median_ms": statistics.median(cpu),
        }
    return results


def _worker_processes(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(c) for c in text)
    return [pid, *children]


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_throughput() -> dict[str, Any]:
    """Child process (its environment names the bench database and broker): the whole pipeline."""
    _setup_django()
    from django.core.management import call_command
    from django.utils import timezone

    from applicants.services.cases import open_case
    from applicants.services.people import create_applicant
    from assessments.services import run_assessment
    from consultancy.celery import app, ensure_filesystem_broker_folders
    from letters.content import SAMPLE_PROFILE
    from letters.models import AdviceLetter
    from letters.services import request_advice_letter

    call_command("migrate", verbosity=0)
    ensure_filesystem_broker_folders()
    with app.connection_for_write() as connection:
        channel: Any = connection.default_channel
        channel.queue_purge("letters")
    applicant = create_applicant(
        full_name="陈嘉豪 Chen Jiahao",
        email=f"bench-{time.time_ns()}@example.com",
        preferred_language="zh-hans",
    )
    case = open_case(applicant=applicant, pathways=["sg_tech_pass", "cn_k_visa", "cn_work_permit"])
    snapshot = run_assessment(
        applicant=applicant, case=case, profile=SAMPLE_PROFILE, as_of=timezone.localdate()
    )

    def request(count: int, language: str) -> list[int]:
        return [
            request_advice_letter(
                case=case, assessment=snapshot, language=language, note="", requested_by=None
            ).pk
            for _ in range(count)
        ]

    def wait_ready(ids: list[int], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if AdviceLetter.objects.filter(pk__in=ids, status=AdviceLetter.Status.READY).count() == len(ids):
                return True
            if AdviceLetter.objects.filter(pk__in=ids, status=AdviceLetter.Status.FAILED).exists():
                return False
            time.sleep(0.1)
        return False

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "consultancy",
            "worker",
            "--concurrency=2",
            "--queues=letters",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=dict(os.environ),
        start_new_session=True,
        stdout=subprocess.DEVNULL,  # the bench reads this process's stdout: the worker must not hold it
        stderr=subprocess.DEVNULL,
    )
    try:
        warm_ok = wait_ready(request(2, "en"), timeout=120)  # each pool process loads the fonts once
        started = time.perf_counter()
        ids = request(LETTERS // 2, "en") + request(LETTERS // 2, "zh-hans")
        done = wait_ready(ids, timeout=600)
        elapsed = time.perf_counter() - started
        memory = {pid: _peak_rss_mb(pid) for pid in _worker_processes(worker.pid)}
    finally:
        # Warm shutdown of the main process (it stops its pool); the whole group only if it hangs.
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
    ready = AdviceLetter.objects.filter(pk__in=ids, status=AdviceLetter.Status.READY).count()
    return {
        "warm_ok": warm_ok,
        "done": done,
        "ready": ready,
        "seconds": elapsed,
        "letters_per_second": ready / elapsed,
        "peak_rss_mb": memory,
        "broker": os.environ.get("CELERY_BROKER_URL", "filesystem://").split("://")[0],
        "database": os.environ["DATABASE_URL"].split("://")[0],
    }


def _child(part: str, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_letters", part],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench_letters {part} failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> bool:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # figures show as they come
    base_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "consultancy.settings", "LOG_LEVEL": "WARNING"}
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    render = _child("render", base_env)
    ok = True
    for language, figures in render.items():
        meets = bool(figures["median_ms"] <= RENDER_TARGET_MS)
        ok &= meets
        print(
            f"render {language}: {figures['pages']} pages, median {figures['median_ms']:.0f} ms, "
            f"p95 {figures['p95_ms']:.0f} ms (CPU median {figures['cpu_median_ms']:.0f} ms; "
            f"first render in a process {figures['first_ms']:.0f} ms) over {RENDERS} renders "
            f"[target median ≤ {RENDER_TARGET_MS:.0f} ms: {'met' if meets else 'MISSED'}]"
        )

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = {
        **base_env,
        "DATABASE_URL": os.environ.get("BENCH_LETTERS_DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}"),
        "CACHE_URL": "locmemcache://",
        "PRIVATE_STORAGE_ROOT": str(WORK / "private"),
        "CELERY_FILESYSTEM_DIR": str(WORK / "broker"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    pipeline = _child("throughput", env)
    rate_ok = bool(pipeline["done"]) and pipeline["letters_per_second"] >= THROUGHPUT_TARGET
    ok &= rate_ok
    print(
        f"pipeline: {pipeline['ready']}/{LETTERS} letters ready in {pipeline['seconds']:.1f} s = "
        f"{pipeline['letters_per_second']:.2f} letters/s with 2 worker processes "
        f"({pipeline['broker']} broker, {pipeline['database']} database) "
        f"[target ≥ {THROUGHPUT_TARGET:.0f}/s: {'met' if rate_ok else 'MISSED'}]"
    )
    peaks = pipeline["peak_rss_mb"]
    memory_ok = bool(max(peaks.values()) <= MEMORY_TARGET_MB)
    ok &= memory_ok
    print(
        "worker peak resident memory: "
        + ", ".join(f"{'main' if i == 0 else 'pool'} {mb:.0f} MB" for i, mb in enumerate(peaks.values()))
        + f" [target ≤ {MEMORY_TARGET_MB:.0f} MB per process: {'met' if memory_ok else 'MISSED'}]"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return ok


if __name__ == "__main__":
    part = sys.argv[1]
    print(json.dumps(measure_render() if part == "render" else measure_throughput()))
