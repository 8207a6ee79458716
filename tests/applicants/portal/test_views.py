"""The portal's pages: my cases, uploads, review states, re-assessment, my data; only ever my own."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from applicants.models import Applicant, Case, DataRequest, Document
from applicants.services.documents import accept_document, reject_document
from applicants.services.privacy import approve_data_request
from tests.applicants.factories import PASSWORD, case_manager, consultant
from tests.applicants.portal_helpers import PDF, PNG, open_portal, pdf

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


def first_document(applicant: Applicant) -> Document:
    return Document.objects.filter(case__applicant=applicant).order_by("pk").first()  # type: ignore[return-value]


def test_portal_pages_need_a_signed_in_applicant(client: Client) -> None:
    response = client.get(reverse("applicants:portal-home"))
    assert response["Location"].startswith(reverse("applicants:portal-login"))


def test_a_staff_login_gets_403_in_the_portal(client: Client) -> None:
    client.force_login(consultant())
    assert client.get(reverse("applicants:portal-home")).status_code == 403


def test_a_login_without_an_applicant_gets_404_in_the_portal(client: Client) -> None:
    client.force_login(User.objects.create_user("someone@mail.example", password=PASSWORD))
    assert client.get(reverse("applicants:portal-home")).status_code == 404


# --- My cases and documents -------------------------------------------------------------------------------


def test_my_cases_show_status_and_next_step_in_plain_words(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = Case.objects.get(applicant=applicant)
    html = client.get(reverse("applicants:portal-home")).content.decode()
    assert case.reference in html
    assert "New" in html
    assert "A consultant will contact you within two working days." in html
    html = client.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()
    assert "Requested (nothing uploaded)" in html


def test_uploading_a_pdf_stores_it_privately_under_a_random_name(
    client: Client, django_capture_on_commit_callbacks, private_storage: Path
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    response = client.post(
        reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf("Lena passport scan.pdf")}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.review_status == Document.Review.UPLOADED
    assert "Lena" not in document.file.name
    assert document.file.name.endswith(".pdf")
    assert (private_storage / document.file.name).read_bytes() == PDF
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018 - no public URL exists for a private file
    assert client.get("/" + document.file.name).status_code == 404


def test_an_image_is_recognised_by_content_even_with_a_pdf_name(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    upload = SimpleUploadedFile("degree.pdf", PNG, content_type="application/pdf")
    client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": upload})
    document.refresh_from_db()
    assert document.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"MZ\x90\x00 this is a program",
            "payslip.pdf",
            "Upload a PDF, JPEG or PNG file. This file is none of these",
        ),
        (
            b"<html>not a pdf</html>",
            "degree.png",
            "Upload a PDF, JPEG or PNG file. This file is none of these",
        ),
        (b"", "empty.pdf", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    client: Client, django_capture_on_commit_callbacks, content: bytes, name: str, message: str
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    response = client.post(
        reverse("applicants:portal-upload", args=[document.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == Document.Review.REQUESTED


def test_a_file_above_the_size_limit_is_refused(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    with override_settings(DOCUMENT_UPLOAD_MAX_BYTES=32):
        response = client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    assert response.status_code == 400
    assert "the limit is 32" in response.content.decode()


def test_a_rejected_document_shows_the_consultants_reason_and_can_be_uploaded_again(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    document.refresh_from_db()
    reject_document(
        document=document, by=consultant(is_superuser=True), reason="The scan is cut off at the bottom."
    )
    html = client.get(reverse("applicants:portal-case", args=[document.case.reference])).content.decode()
    assert "Rejected" in html
    assert "The scan is cut off at the bottom." in html
    assert (
        client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()}).status_code
        == 302
    )


def test_an_accepted_document_cannot_be_replaced(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    document.refresh_from_db()
    accept_document(document=document, by=consultant(is_superuser=True))
    response = client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    assert response.status_code == 400
    assert "accepted already" in response.content.decode()


def test_my_own_document_downloads_with_its_type(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    response = client.get(reverse("applicants:portal-document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


# --- Only my own objects ----------------------------------------------------------------------------------


@pytest.fixture
def two_applicants(django_capture_on_commit_callbacks) -> tuple[Client, Applicant, Applicant]:
    mine, theirs = Client(), Client()
    me = open_portal(mine, django_capture_on_commit_callbacks)
    other = open_portal(
        theirs, django_capture_on_commit_callbacks, email="other@mail.example", full_name="Other Person"
    )
    document = first_document(other)
    theirs.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    return mine, me, other


def test_another_applicants_case_is_404(two_applicants) -> None:
    mine, _me, other = two_applicants
    case = Case.objects.get(applicant=other)
    assert mine.get(reverse("applicants:portal-case", args=[case.reference])).status_code == 404


def test_another_applicants_document_download_is_404(two_applicants) -> None:
    mine, _me, other = two_applicants
    assert mine.get(reverse("applicants:portal-document", args=[first_document(other).pk])).status_code == 404


def test_uploading_to_another_applicants_document_is_404_and_changes_nothing(two_applicants) -> None:
    mine, _me, other = two_applicants
    document = first_document(other)
    before = (document.file.name, document.uploaded_at)
    assert (
        mine.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()}).status_code == 404
    )
    document.refresh_from_db()
    assert (document.file.name, document.uploaded_at) == before


def test_my_cases_list_only_mine(two_applicants) -> None:
    mine, me, other = two_applicants
    html = mine.get(reverse("applicants:portal-home")).content.decode()
    assert Case.objects.get(applicant=me).reference in html
    assert Case.objects.get(applicant=other).reference not in html


def _approved_export(client: Client, applicant: Applicant) -> zipfile.ZipFile:
    """Ask for my data in the portal, have a case manager approve it, download it from the portal."""
    client.post(reverse("applicants:portal-my-data"))
    request = DataRequest.objects.get(applicant=applicant, kind="export", completed_at=None)
    approve_data_request(request=request, by=case_manager())
    response = client.get(reverse("applicants:portal-data-export", args=[request.pk]))
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]


def test_my_data_export_holds_only_my_data(two_applicants) -> None:
    mine, me, other = two_applicants
    archive = _approved_export(mine, me)
    data = json.loads(archive.read("data.json"))
    assert data["applicant"]["email"] == me.email
    assert other.email not in archive.read("data.json").decode()
    assert not [name for name in archive.namelist() if Case.objects.get(applicant=other).reference in name]


# --- Re-assessment and my data ------------------------------------------------------------------------------


def test_re_assessment_shows_my_saved_profile_under_todays_rules(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    open_portal(client, django_capture_on_commit_callbacks)
    html = client.get(reverse("applicants:portal-reassess")).content.decode()
    assert "Your saved answers under today's rules" in html
    assert html.count('class="card mb-4 border-') == 8


def test_asking_for_my_data_waits_for_staff_approval(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)

    client.post(reverse("applicants:portal-my-data"))
    client.post(reverse("applicants:portal-my-data"))

    request = DataRequest.objects.get(applicant=applicant, kind="export")
    assert request.completed_at is None
    assert "waiting for approval" in client.get(reverse("applicants:portal-home")).content.decode()
    assert client.get(reverse("applicants:portal-data-export", args=[request.pk])).status_code == 404


def test_download_my_data_gives_json_and_my_documents(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = first_document(applicant)
    client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    archive = _approved_export(client, applicant)
    data = json.loads(archive.read("data.json"))
    assert data["applicant"]["full_name"] == "Lena Fischer"
    assert data["consents"][0]["for_cross_border_transfer"] is True
    assert data["cases"][0]["assessments"][0]["inputs"]["nationality"] == "DE"
    uploaded = [name for name in archive.namelist() if name.startswith("documents/")]
    assert len(uploaded) == 1
    assert archive.read(uploaded[0]) == PDF
    assert DataRequest.objects.filter(applicant=applicant, kind="export").exclude(completed_at=None).exists()


def test_delete_my_account_needs_confirmation_records_one_request_and_tells_the_consultancy(
    client: Client, django_capture_on_commit_callbacks, settings
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    html = client.post(reverse("applicants:portal-delete-account"), {}).content.decode()
    assert "Tick the box to confirm." in html
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("applicants:portal-delete-account"), {"confirm": "on"})
    assert DataRequest.objects.filter(applicant=applicant, kind="deletion").count() == 1
    assert [m.to for m in mail.outbox] == [[settings.CONSULTANCY_NOTIFY_EMAIL]]
    assert (
        "You asked us to delete your account"
        in client.get(reverse("applicants:portal-home")).content.decode()
    )
