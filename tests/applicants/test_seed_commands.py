"""The seeding commands: bulk realistic data for benchmarks, and the idempotent demo for `make run`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from applicants.models import Applicant, Case

pytestmark = pytest.mark.django_db


def test_seed_cases_adds_the_requested_number_of_realistic_cases():
    call_command("seed_cases", count=300, consultants=3, stdout=None)

    assert Case.objects.count() == Applicant.objects.count() == 300
    assert len(set(Case.objects.values_list("reference", flat=True))) == 300
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert Case.objects.filter(pathways__isnull=True).count() == 0
    assert Case.objects.unassigned().exists()
    assert Case.objects.open().filter(next_action_on__isnull=True).count() == 0
    assert all(len(a.passport_last4) == 4 for a in Applicant.objects.all())


def test_seed_cases_appends_on_a_second_run_without_collisions():
    call_command("seed_cases", count=50, stdout=None)
    call_command("seed_cases", count=50, stdout=None)

    assert Case.objects.count() == 100
    assert Applicant.objects.values("email").distinct().count() == 100


def test_seed_cases_rejects_a_count_below_one():
    with pytest.raises(CommandError, match="--count must be at least 1"):
        call_command("seed_cases", count=0)


def test_seed_demo_creates_roles_and_realistic_cases_once(settings, tmp_path):
    from django.contrib.auth.models import User

    settings.VAR_DIR = tmp_path  # keep the test's demo passwords out of the checkout's var/

    call_command("seed_demo", stdout=None)
    first = set(Case.objects.values_list("reference", flat=True))
    call_command("seed_demo", stdout=None)

    assert set(Case.objects.values_list("reference", flat=True)) == first
    assert len(first) == 5
    assert User.objects.get(username="consultant").groups.filter(name="Consultant").exists()
    assert User.objects.get(username="manager").groups.filter(name="Case manager").exists()
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "in_review", "awaiting_documents", "submitted", "closed"} <= statuses
    assert Case.objects.filter(assessments__isnull=False).exists()
    assert Case.objects.filter(pass_expires_on__isnull=False).exists()
