"""Create the demo consultancy for `make run`, idempotently: a superuser, a consultant (in the
Consultant group), a case manager, and a few realistic applicants with their cases.

Passwords are random per checkout and kept in var/demo-credentials.json (never committed), so a
second run reuses the same accounts and prints the same credentials.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings
from django.core.management.base import BaseCommand

from applicants.access import CASE_MANAGER_GROUP, CONSULTANT_GROUP
from applicants.demo import seed_demo_cases
from applicants.models import Case
from applicants.services.staff import ensure_staff_account


class DemoAccount(NamedTuple):
    username: str
    email: str
    is_superuser: bool


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin@example.com", is_superuser=True),
    DemoAccount("consultant", "consultant@example.com", is_superuser=False),
    DemoAccount("manager", "manager@example.com", is_superuser=False),
]
ROLES = {"consultant": CONSULTANT_GROUP, "manager": CASE_MANAGER_GROUP}


class Command(BaseCommand):
    help = "Create (or reuse) the demo accounts and data, and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        credentials = self._load_credentials()
        users = {}
        for account in DEMO_ACCOUNTS:
            users[account.username], _created = ensure_staff_account(
                username=account.username,
                email=account.email,
                password=credentials.setdefault(account.username, secrets.token_urlsafe(12)),
                role=ROLES.get(account.username),
                is_superuser=account.is_superuser,
            )
        self._save_credentials(credentials)
        made = seed_demo_cases(consultant=users["consultant"], manager=users["manager"])
        self.stdout.write(f"Demo cases: {made} created, {Case.objects.count()} in total.")
        self.stdout.write(self.style.SUCCESS("Demo accounts (log in at http://127.0.0.1:8000/admin/):"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} password: {credentials[account.username]}")

    @staticmethod
    def _path() -> Path:
        return Path(settings.VAR_DIR) / "demo-credentials.json"

    def _load_credentials(self) -> dict[str, str]:
        path = self._path()
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def _save_credentials(self, credentials: dict[str, str]) -> None:
        path = self._path()
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(credentials, indent=2))
        path.chmod(0o600)
