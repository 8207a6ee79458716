"""For every object URL (case, document, letter, export, and the person and snapshot records behind them),
applicant A and a consultant not assigned to B's case get 403 or 404 on applicant B's objects, while
B and B's own consultant get through (so the refusals are not an accident of the URL)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.applicants.portal_helpers import PDF

from .conftest import Person, World

pytestmark = pytest.mark.django_db


def _portal_urls(b: Person) -> list[tuple[str, str]]:
    return [
        ("get", reverse("applicants:portal-case", args=[b.case.reference])),
        ("get", reverse("applicants:portal-document", args=[b.document.pk])),
        ("post", reverse("applicants:portal-upload", args=[b.document.pk])),
        ("get", reverse("applicants:portal-data-export", args=[b.export.pk])),
        ("get", reverse("portal-letter-download", args=[b.letter.pk])),
    ]


def _admin_urls(b: Person) -> list[tuple[str, str]]:
    objects = {
        "applicants_case": b.case.pk,
        "applicants_applicant": b.applicant.pk,
        "applicants_datarequest": b.export.pk,
        "assessments_assessment": b.letter.assessment_id,
        "letters_adviceletter": b.letter.pk,
    }
    urls = [
        ("get", reverse(f"admin:{prefix}_{view}", args=[pk]))
        for prefix, pk in objects.items()
        for view in ("change", "history", "delete")
    ]
    return [
        *urls,
        ("post", reverse("admin:applicants_case_change", args=[b.case.pk])),
        ("get", reverse("admin:applicants_case_auditlog", args=[b.case.pk])),
        ("get", reverse("admin:applicants_case_document", args=[b.case.pk, b.document.pk])),
        ("get", reverse("admin:applicants_case_letter", args=[b.case.pk, b.letter.pk])),
        ("get", reverse("admin:applicants_case_request_letter", args=[b.case.pk])),
        ("get", reverse("admin:applicants_applicant_access_log", args=[b.applicant.pk])),
        ("get", reverse("admin:applicants_datarequest_download", args=[b.export.pk])),
    ]


def _request(client: Client, method: str, url: str) -> Any:
    if method == "post":
        return client.post(url, {"file": SimpleUploadedFile("x.pdf", PDF)})
    return client.get(url)


def _not_refused(client: Client, urls: list[tuple[str, str]]) -> list[tuple[str, int]]:
    return [
        (url, status)
        for method, url in urls
        if (status := _request(client, method, url).status_code) not in (403, 404)
    ]


def test_applicant_a_cannot_reach_any_of_bs_objects(world: World) -> None:
    a = world.a.client()

    assert _not_refused(a, _portal_urls(world.b) + _admin_urls(world.b)) == []


def test_a_consultant_not_assigned_cannot_reach_any_of_bs_objects(world: World) -> None:
    outsider = world.staff(world.outsider)

    assert _not_refused(outsider, _portal_urls(world.b) + _admin_urls(world.b)) == []


@pytest.mark.parametrize(
    ("name", "attr"),
    [("admin:applicants_case_document", "document"), ("admin:applicants_case_letter", "letter")],
)
def test_bs_files_cannot_be_reached_through_a_case_the_consultant_works_on(
    world: World, name: str, attr: str
) -> None:
    outsider = world.staff(world.outsider)  # works on A's case

    theirs = reverse(name, args=[world.a.case.pk, getattr(world.b, attr).pk])
    own = reverse(name, args=[world.a.case.pk, getattr(world.a, attr).pk])

    assert outsider.get(theirs).status_code == 404
    assert outsider.get(own).status_code == 200


def test_b_and_bs_consultant_do_reach_them(world: World) -> None:
    b = world.b.client()
    for method, url in _portal_urls(world.b):
        if method == "get":
            assert b.get(url).status_code == 200, url
    assigned = world.staff(world.assigned)
    assert assigned.get(reverse("admin:applicants_case_change", args=[world.b.case.pk])).status_code == 200
    document = reverse("admin:applicants_case_document", args=[world.b.case.pk, world.b.document.pk])
    assert assigned.get(document).status_code == 200
    letter = reverse("admin:applicants_case_letter", args=[world.b.case.pk, world.b.letter.pk])
    assert assigned.get(letter).status_code == 200
    manager = world.staff(world.manager)
    assert (
        manager.get(reverse("admin:applicants_datarequest_download", args=[world.b.export.pk])).status_code
        == 200
    )
