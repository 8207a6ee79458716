"""Admin case list at 100,000 cases on PostgreSQL: server time and query count per page.

Targets (per page, as a consultant and as a case manager): median server time ≤ 300 ms over
5 warm requests and ≤ 12 queries, for the default list, filtered lists and searches.

Staff sign in as people do: password on the login page, then the current code of a confirmed TOTP device
on the second-factor page (the admin answers 302 to a session without the second factor).

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/consultancy_bench):
creates it, migrates, seeds 100,000 cases once with `seed_cases`, and reuses it on later runs. The
measurement runs in a child process so Django is configured for that database only. Facet counts
("Show counts") are measured and reported too, but they are opt-in and not held to the target.

    .venv/bin/python -m bench admin
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/consultancy_bench"
CASES = 100_000
TIME_TARGET_MS = 300.0
QUERY_TARGET = 12
RUNS = 5
BENCH_PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway bench database, never a real one

PAGES = {
    "default": "",
    "filter status=awaiting_documents": "?status__exact=awaiting_documents",
    "filter late": "?late=yes",
    "filter pass expiring ≤90 days": "?expiring=90",
    "filter pathway=cn_k_visa": "?pathway=cn_k_visa",
    "filter consultant": "?assigned_to__id__exact={consultant_id}",
    "filter status+pathway+late": "?status__exact=submitted&pathway=sg_tech_pass&late=yes",
    "search reference": "?q={reference}",
    "search name": "?q=Chen",
    "search six-letter name": "?q=Sharma",
    "search e-mail": "?q={email_prefix}",
    "sorted by applicant": "?o=2",
}
FACET_PAGES = {"default + facets": "?_facets=True", "filter late + facets": "?late=yes&_facets=True"}


def _ensure_database(url: str) -> str | None:
    """Create the bench database if needed. Returns an error message when PostgreSQL is unreachable."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(admin_url, connect_timeout=3, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        return str(error).strip().splitlines()[0]
    return None


def main() -> bool:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    problem = _ensure_database(url)
    if problem:
        print(f"PostgreSQL is unreachable at {url}: {problem}")
        print("bench_admin needs PostgreSQL; nothing was measured.")
        return False
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CACHE_URL"))}
    env.update(
        {
            "DATABASE_URL": url,
            "CACHE_URL": "locmemcache://",
            "DJANGO_SETTINGS_MODULE": "consultancy.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    child = subprocess.run(
        [sys.executable, "-m", "bench.bench_admin", "--child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    sys.stdout.write(child.stdout)
    if child.returncode != 0:
        sys.stdout.write(child.stderr[-4000:])
        return False
    return True


# --- child process: Django configured for the bench database -------------------------------------


def _measure(client: object, path: str) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get = client.get  # type: ignore[attr-defined]
    response = get(path)  # warm-up: templates, connections, PostgreSQL caches
    assert response.status_code == 200, (path, response.status_code)
    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(ctx.captured_queries)
    context = response.context
    rows = len(context["cl"].result_list) if context is not None and "cl" in context else 0
    return times, queries, rows


def _sign_in(client: object, user: object) -> None:
    """Password step, then the TOTP code from the user's confirmed device, through the real forms."""
    from django.urls import reverse
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    post = client.post  # type: ignore[attr-defined]
    user.set_password(BENCH_PASSWORD)  # type: ignore[attr-defined]
    user.save()  # type: ignore[attr-defined]
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench phone", defaults={"confirmed": True})
    index = reverse("admin:index")
    username = user.username  # type: ignore[attr-defined]
    response = post(reverse("admin:login"), {"username": username, "password": BENCH_PASSWORD, "next": index})
    assert response.status_code == 302, ("password step", response.status_code)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = post(reverse("admin:two-factor"), {"token": f"{code:06d}", "next": index})
    assert response.status_code == 302, ("second factor", response.status_code)
    assert response["Location"] == index, ("second factor", response["Location"])


def child() -> int:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # As the test runner does: DEBUG off (production-like), test host allowed, templates instrumented.
    setup_test_environment()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from applicants.access import CASE_MANAGER_GROUP
    from applicants.models import Case

    call_command("migrate", verbosity=0)
    existing = Case.objects.count()
    if existing < CASES:
        print(f"seeding {CASES - existing} cases (once; later runs reuse them)…", flush=True)
        started = time.perf_counter()
        call_command("seed_cases", count=CASES - existing, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"seeded in {time.perf_counter() - started:.0f}s", flush=True)
    else:
        print(f"reusing {existing} seeded cases")

    consultant = User.objects.get(username="seed-consultant01")
    manager, _ = User.objects.get_or_create(username="bench-manager", defaults={"is_staff": True})
    manager.groups.add(Group.objects.get(name=CASE_MANAGER_GROUP))
    sample = Case.objects.filter(assigned_to=consultant).select_related("applicant").order_by("pk").first()
    assert sample is not None
    fill = {
        "consultant_id": consultant.pk,
        "reference": sample.reference,
        "email_prefix": sample.applicant.email.split("@")[0],
    }
    changelist = reverse("admin:applicants_case_changelist")
    # Pages that are not the list: the dashboard (admin index) and one case's workspace page.
    other_pages = {
        "dashboard": reverse("admin:index"),
        "case page": reverse("admin:applicants_case_change", args=[sample.pk]),
    }
    ok = True
    results = []
    for role, user in (("consultant", consultant), ("case manager", manager)):
        client = Client()
        _sign_in(client, user)
        paths = {
            label: changelist + query.format(**fill) for label, query in {**PAGES, **FACET_PAGES}.items()
        }
        paths.update(other_pages)
        for label, path in paths.items():
            times, queries, rows = _measure(client, path)
            median, worst = statistics.median(times), max(times)
            held = label not in FACET_PAGES
            met = median <= TIME_TARGET_MS and queries <= QUERY_TARGET
            ok = ok and (met or not held)
            results.append(
                {
                    "role": role,
                    "page": label,
                    "median_ms": round(median, 1),
                    "max_ms": round(worst, 1),
                    "queries": queries,
                    "rows": rows,
                    "target": held,
                    "met": met,
                }
            )
            flag = "ok" if met else ("MISSED" if held else "over (opt-in, not a target)")
            print(
                f"  {role:<12} {label:<34} median {median:7.1f} ms  max {worst:7.1f} ms  "
                f"{queries:2d} queries  {rows:3d} rows  {flag}",
                flush=True,
            )
    print(
        f"targets: median ≤ {TIME_TARGET_MS:.0f} ms and ≤ {QUERY_TARGET} queries per page, "
        f"{Case.objects.count()} cases, {RUNS} warm runs per page"
    )
    out = ROOT / "var" / "bench-admin.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__" and "--child" in sys.argv:
    sys.exit(child())
