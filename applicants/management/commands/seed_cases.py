"""Seed N realistic applicants and cases in bulk, for benchmarks and load tests.

    python manage.py seed_cases --count 100000

Adds N more each time it runs (references and e-mails never collide with existing ones). Written in
bulk by `services.cases.import_cases`, so no audit-log entries are created for seeded rows. The data
is deterministic for a given --seed (the references are random).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from applicants.access import CONSULTANT_GROUP
from applicants.models import OPEN_STATUSES, Applicant, Case
from applicants.services.cases import ImportedCase, import_cases
from applicants.services.staff import ensure_staff_account
from applicants.services.transitions import RENEWAL_WINDOW_MONTHS, months_before

GIVEN = {
    "CN": ["Wei", "Fang", "Jing", "Lei", "Min", "Hao", "Yan", "Jun", "Xin", "Tao", "Li", "Ying"],
    "SG": ["Wei Ling", "Jun Jie", "Hui Min", "Siti", "Arjun", "Mei Ling", "Zhi Hao", "Nur"],
    "IN": ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Rahul", "Sneha"],
    "DE": ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie"],
    "US": ["James", "Emily", "Michael", "Sarah", "David", "Olivia", "Daniel", "Grace"],
    "GB": ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Freya"],
    "FR": ["Louis", "Camille", "Hugo", "Chloé", "Léo", "Manon", "Jules", "Inès"],
    "JP": ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura"],
}
FAMILY = {
    "CN": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
    "SG": ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Rahman", "Nair"],
    "IN": ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Menon", "Singh", "Rao"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker"],
    "US": ["Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis"],
    "GB": ["Taylor", "Jones", "Evans", "Wilson", "Thomas", "Roberts", "Walker"],
    "FR": ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent"],
    "JP": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto"],
}
NATIONALITY_WEIGHTS = {"CN": 30, "IN": 20, "US": 12, "DE": 8, "GB": 8, "FR": 6, "JP": 6, "SG": 10}
STATUS_WEIGHTS = {
    Case.Status.NEW: 6,
    Case.Status.IN_REVIEW: 10,
    Case.Status.AWAITING_DOCUMENTS: 14,
    Case.Status.READY_TO_FILE: 5,
    Case.Status.SUBMITTED: 12,
    Case.Status.APPROVED: 8,
    Case.Status.REFUSED: 3,
    Case.Status.WITHDRAWN: 2,
    Case.Status.CLOSED: 40,
}
PATHWAYS_BY_COUNTRY_INTEREST = [
    ["sg_tech_pass"],
    ["sg_one_pass"],
    ["sg_employment_pass"],
    ["sg_tech_pass", "sg_one_pass"],
    ["sg_entrepass"],
    ["cn_k_visa"],
    ["cn_work_permit"],
    ["cn_work_permit", "cn_r_visa"],
    ["sg_tech_pass", "cn_k_visa"],
    ["sg_one_pass_ai_tech"],
]
NEXT_ACTIONS = [
    "Send document checklist",
    "Review payslips",
    "Call applicant about degree certificate",
    "Chase employer letter",
    "Prepare application form",
    "Check authority portal for outcome",
    "Book consultation",
]
BATCH = 5000


class Command(BaseCommand):
    help = "Seed N realistic applicants and cases (bulk inserts) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count", type=int, required=True, help="How many cases (and applicants) to add."
        )
        parser.add_argument(
            "--consultants", type=int, default=12, help="Consultant accounts to spread cases over."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same data).")

    def handle(self, *args: Any, **options: Any) -> None:
        count, consultant_count = options["count"], options["consultants"]
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if consultant_count < 1:
            raise CommandError("--consultants must be at least 1.")
        rng = random.Random(options["seed"] + Applicant.objects.count())  # noqa: S311 - sample data, not secrets
        consultants = [
            ensure_staff_account(
                username=f"seed-consultant{i:02d}",
                email=f"seed-consultant{i:02d}@consultancy.example",
                password=None,
                role=CONSULTANT_GROUP,
            )[0]
            for i in range(1, consultant_count + 1)
        ]
        now, today = timezone.now(), timezone.localdate()
        offset = Applicant.objects.count()
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            import_cases(rows=self._rows(rng, size, offset + made, consultants, now=now, today=today))
            made += size
            self.stdout.write(f"  {made}/{count} cases")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh planner statistics for the new rows
                cursor.execute("ANALYZE applicants_applicant, applicants_case, applicants_case_pathways")
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} cases; {Case.objects.count()} cases in total."))

    @staticmethod
    def _rows(
        rng: random.Random, size: int, start: int, consultants: list[User], *, now: datetime, today: date
    ) -> list[ImportedCase]:
        nationalities = rng.choices(
            list(NATIONALITY_WEIGHTS), weights=list(NATIONALITY_WEIGHTS.values()), k=size
        )
        statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=size)
        rows = []
        for i, (nationality, status) in enumerate(zip(nationalities, statuses, strict=True)):
            given, family = rng.choice(GIVEN[nationality]), rng.choice(FAMILY[nationality])
            is_open = status in OPEN_STATUSES
            expires = (
                today + timedelta(days=rng.randrange(-60, 5 * 365))
                if status in (Case.Status.APPROVED, Case.Status.CLOSED) and rng.random() < 0.8
                else None
            )
            rows.append(
                ImportedCase(
                    full_name=f"{family} {given}" if nationality in ("CN", "JP") else f"{given} {family}",
                    email=f"{given.split()[0].lower()}.{family.lower()}.{start + i}@mail.example",
                    nationality=nationality,
                    date_of_birth=date(1975, 1, 1) + timedelta(days=rng.randrange(0, 365 * 27)),
                    preferred_language="zh-hans" if nationality == "CN" and rng.random() < 0.7 else "en",
                    passport_last4=f"{rng.randrange(10000):04d}",
                    status=status,
                    status_changed_at=now - timedelta(hours=rng.randrange(1, 24 * 120)),
                    # New cases mostly wait in the unassigned queue; the rest belong to someone.
                    assigned_to=None
                    if (status == Case.Status.NEW and rng.random() < 0.7)
                    else rng.choice(consultants),
                    priority=rng.choices([1, 2, 3, 4], weights=[15, 60, 20, 5])[0],
                    pathways=tuple(rng.choice(PATHWAYS_BY_COUNTRY_INTEREST)),
                    next_action=rng.choice(NEXT_ACTIONS) if is_open else "",
                    next_action_on=today + timedelta(days=rng.randrange(-15, 45)) if is_open else None,
                    pass_expires_on=expires,
                    renewal_window_opens_on=months_before(expires, RENEWAL_WINDOW_MONTHS)
                    if expires
                    else None,
                )
            )
        return rows
