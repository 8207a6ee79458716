"""The case list costs the same number of queries for 10 cases as for 500 (no per-row queries)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applicants.admin.cases import CaseAdmin
from applicants.models import Applicant, Case, Pathway
from applicants.models.cases import generate_reference
from tests.applicants.factories import case_manager, consultant, staff_login

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applicants_case_changelist")
PAGE_QUERY_BUDGET = 12
PAGES = [
    "",
    "?status__exact=in_review",
    "?pathway=cn_k_visa",
    "?assigned_to__id__exact={alice}",
    "?late=yes",
    "?expiring=90",
    "?priority__exact=3",
    "?q=Number",
    "?q=TP-",
    "?all=",
]


def _seed(count: int, consultants: list[User]) -> None:
    start = Applicant.objects.count()
    now, today = timezone.now(), timezone.localdate()
    applicants = Applicant.objects.bulk_create(
        Applicant(full_name=f"Seeded Number{i}", email=f"seeded{i}@mail.example")
        for i in range(start, start + count)
    )
    statuses = list(Case.Status.values)
    cases = Case.objects.bulk_create(
        Case(
            reference=generate_reference(),
            applicant=applicant,
            status=statuses[i % len(statuses)],
            status_changed_at=now - timedelta(days=i % 30),
            assigned_to=consultants[i % len(consultants)] if i % 3 else None,
            priority=1 + i % 4,
            next_action_on=today + timedelta(days=i % 60 - 10),
            pass_expires_on=today + timedelta(days=i % 400),
        )
        for i, applicant in enumerate(applicants)
    )
    codes = list(Pathway.CODES)
    Through = Case.pathways.through
    Through.objects.bulk_create(
        Through(case_id=case.pk, pathway_id=codes[i % len(codes)]) for i, case in enumerate(cases)
    )
    Through.objects.bulk_create(
        Through(case_id=case.pk, pathway_id=codes[(i + 3) % len(codes)]) for i, case in enumerate(cases)
    )


def _queries(client: Client, url: str) -> int:
    url = url.format(alice=User.objects.get(username="alice").pk)  # ids differ per database backend
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(CHANGELIST + url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) > 0, (
        f"{url} lists no case: the comparison would prove nothing"
    )
    return len(ctx.captured_queries)


@pytest.fixture
def show_all_500(monkeypatch):
    # "?all=" must really render every row of the 500 for the comparison to mean something.
    monkeypatch.setattr(CaseAdmin, "list_max_show_all", 500)


@pytest.mark.parametrize("role", ["consultant", "case_manager"])
def test_case_list_runs_the_same_queries_for_10_and_500_cases(role, show_all_500):
    alice, bob = consultant("alice"), consultant("bob")
    viewer = alice if role == "consultant" else case_manager("manager")
    # The consultant's scope (their cases + the queue) is in the SQL either way; bob's cases stay
    # out of the seed so every filtered page has rows to show even at 10 cases.
    holders = [alice] if role == "consultant" else [alice, bob]
    client = Client()
    staff_login(client, viewer)

    _seed(10, holders)
    small = {url: _queries(client, url) for url in PAGES}
    _seed(490, holders)
    large = {url: _queries(client, url) for url in PAGES}

    assert small == large
    assert max(large.values()) <= PAGE_QUERY_BUDGET, large


def test_show_all_really_renders_every_visible_row(show_all_500):
    manager = case_manager("manager")
    _seed(500, [manager])
    client = Client()
    staff_login(client, manager)

    response = client.get(CHANGELIST + "?all=")

    assert len(response.context["cl"].result_list) == 500
