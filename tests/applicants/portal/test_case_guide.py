"""The portal's case page guides: the consultant, the checklist's progress, letters before the long result."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from applicants.models import Case
from applicants.portal.consultant import initials_of
from applicants.services.documents import reject_document
from tests.applicants.factories import consultant
from tests.applicants.portal_helpers import open_portal, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


@pytest.fixture(autouse=True)
def private_storage(tmp_path: Path, settings) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "consultancy.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def case_page(client: Client, case: Case) -> str:
    return client.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()


def test_the_assigned_consultant_is_shown_with_initials_and_e_mail(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = applicant.cases.get()
    Case.objects.filter(pk=case.pk).update(
        assigned_to=consultant("jwong", first_name="Jia", last_name="Wong", email="jia.wong@firm.example")
    )

    page = case_page(client, case)

    assert "Jia Wong" in page
    assert ">JW</span>" in page
    assert 'href="mailto:jia.wong@firm.example"' in page


def test_an_unassigned_case_says_a_consultant_will_be_assigned(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)

    assert "A consultant will be assigned" in case_page(client, applicant.cases.get())


def test_the_checklist_shows_progress_as_done_of_required(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = applicant.cases.get()
    required = case.documents.filter(is_required=True).order_by("pk")
    total = required.count()
    assert total >= 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:portal-upload", args=[required[0].pk]), {"file": pdf()})

    page = case_page(client, case)

    assert f"1 of {total} required documents sent" in page
    assert f'max="{total}" value="1"' in page


def test_documents_and_letters_come_before_the_long_result(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)

    page = case_page(client, applicant.cases.get())

    assert page.index("Your consultant") < page.index("Documents") < page.index("Your saved result")
    assert 'href="#result"' in page


@pytest.mark.parametrize(
    ("name", "initials"), [("Mei Tan", "MT"), ("Jia Hui Wong", "JW"), ("陈静", "陈"), ("", "")]
)
def test_initials_are_one_or_two_letters(name: str, initials: str) -> None:
    assert initials_of(name) == initials


def test_a_rejected_document_is_not_counted_as_sent(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = applicant.cases.get()
    document = case.documents.filter(is_required=True).order_by("pk").first()
    assert document is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    document.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        reject_document(document=document, by=consultant("reviewer"), reason="Unreadable scan.")

    assert "0 of" in case_page(client, case)
