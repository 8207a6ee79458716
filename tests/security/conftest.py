"""The cast for the security tests: two applicants with portal accounts, a case each with an uploaded
document and a ready advice letter, an approved export each, consultants inside and outside the cases, a case manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.utils import timezone

from applicants.models import Applicant, Case, DataRequest, Document
from applicants.services.documents import upload_document
from applicants.services.people import create_applicant
from applicants.services.portal import request_data
from applicants.services.privacy import approve_data_request
from assessments.services import run_assessment
from letters.models import AdviceLetter
from letters.services import claim_letter, release_letter, request_advice_letter, store_rendered_letter
from tests.applicants.factories import (
    case_manager,
    consultant,
    make_case,
    make_document,
    staff_login,
)
from tests.applicants.portal_helpers import PDF
from tests.assessments.profiles import senior_engineer

UNLIMITED = "100000/m"


@pytest.fixture(autouse=True)
def private_storage(tmp_path: Path, settings) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "consultancy.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
        "letters": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(tmp_path / "private" / "letters"),
                "base_url": None,
                "allow_overwrite": True,
            },
        },
    }
    return tmp_path / "private"


def ready_letter(case: Case, *, by: User) -> AdviceLetter:
    """A letter taken to ready through the worker's services (the PDF bytes stand in for a render) and
    released to the applicant by `by`."""
    assessment = run_assessment(
        applicant=case.applicant,
        case=case,
        profile=senior_engineer(),
        as_of=date(2026, 11, 24),
        created_by=by,
    )
    letter = request_advice_letter(case=case, assessment=assessment, language="en", note="", requested_by=by)
    claimed = claim_letter(letter_id=letter.pk, now=timezone.now())
    assert claimed is not None
    stored = store_rendered_letter(letter_id=letter.pk, attempt=claimed.attempts, pdf=PDF, page_count=1)
    assert stored is not None
    return release_letter(letter=stored, by=by)


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@dataclass
class Person:
    user: User
    applicant: Applicant
    case: Case
    document: Document
    export: DataRequest
    letter: AdviceLetter

    def client(self) -> Client:
        client = Client()
        client.force_login(self.user)
        return client


@dataclass
class World:
    a: Person
    b: Person
    assigned: User  # works on B's case
    outsider: User  # a consultant not assigned to B's case
    manager: User

    def staff(self, user: User) -> Client:
        return staff_login(Client(), user)


def _person(name: str, *, assigned_to: User | None, manager: User) -> Person:
    email = f"{name.lower()}@mail.example"
    user = User.objects.create_user(username=email, email=email, password="A long passphrase 42")
    applicant = create_applicant(full_name=f"{name} Example", email=email, nationality="DE", user=user)
    case = make_case(applicant=applicant, assigned_to=assigned_to)
    letter = ready_letter(case, by=manager)
    document = make_document(case=case, name=f"Payslip of {name}")
    upload_document(document=document, file=ContentFile(PDF, name="payslip.pdf"))
    export = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )
    return Person(user, applicant, case, document, export, letter)


@pytest.fixture
def world(db, celery_eager) -> World:
    manager = case_manager("manager")
    assigned, outsider = consultant("assigned"), consultant("outsider")
    a = _person("Alice", assigned_to=outsider, manager=manager)
    b = _person("Bruno", assigned_to=assigned, manager=manager)
    return World(a=a, b=b, assigned=assigned, outsider=outsider, manager=manager)
