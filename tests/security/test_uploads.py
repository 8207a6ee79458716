"""Uploads are judged by their bytes, not their names: executables, disguised files, PDFs with
scripts, broken images and oversized files are refused with a reason; accepted files get random
names in private storage."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from applicants.models import Document
from tests.applicants.portal_helpers import PDF, PNG

from .conftest import World

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def _upload(world: World, name: str, content: bytes):
    client = world.a.client()
    url = reverse("applicants:portal-upload", args=[world.a.document.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payslip.pdf", ELF, "This file is none of these, whatever its name says"),
        ("payslip.pdf", WINDOWS_EXE, "This file is none of these, whatever its name says"),
        ("degree.pdf", b"#!/bin/sh\nrm -rf /\n", "This file is none of these, whatever its name says"),
        ("cv.pdf", b"%PDF-1.7\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n", "contains scripts"),
        (
            "cv.pdf",
            b"%PDF-1.7\n1 0 obj<</Type/Action/S/Launch/F(calc.exe)>>endobj\n%%EOF\n",
            "contains scripts",
        ),
        ("cv.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n", "incomplete or damaged"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "damaged or not really a JPEG or PNG"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 20, "damaged or not really a JPEG or PNG"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    world: World, name: str, content: bytes, message: str
) -> None:
    response = _upload(world, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    world.a.document.refresh_from_db()
    assert world.a.document.review_status == Document.Review.UPLOADED  # still the earlier, valid file


def test_a_file_over_the_size_limit_is_refused_before_anything_is_stored(world: World, settings) -> None:
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    big = PDF[:-6] + b" " * (limit + 1 - len(PDF)) + b"%%EOF\n"

    response = _upload(world, "scan.pdf", big)

    assert response.status_code == 400
    assert "the limit is 10.0" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [("lena-passport.pdf", PNG, ".png"), ("lena-degree.png", _jpeg(), ".jpg")],
)
def test_a_real_file_is_stored_under_a_random_name_with_the_extension_of_its_content(
    world: World, private_storage: Path, name: str, content: bytes, extension: str
) -> None:
    response = _upload(world, "../../etc/" + name, content)

    assert response.status_code == 302
    world.a.document.refresh_from_db()
    stored = Path(world.a.document.file.name)
    assert stored.suffix == extension
    assert re.fullmatch(r"[0-9a-f]{32}", stored.stem)
    assert stored.parts[0] == "case-documents"
    mode = (private_storage / stored).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_a_replaced_file_is_deleted_from_storage(
    world: World, private_storage: Path, django_capture_on_commit_callbacks
) -> None:
    old = private_storage / world.a.document.file.name
    assert old.exists()

    with django_capture_on_commit_callbacks(execute=True):
        _upload(world, "new.pdf", PDF)

    assert not old.exists()


def test_staff_uploads_in_the_admin_are_checked_the_same_way(world: World) -> None:
    from tests.applicants.adminpost import case_form_data

    client = world.staff(world.assigned)
    document = world.b.document
    data = case_form_data(
        world.b.case,
        documents=[
            {
                "id": document.pk,
                "name": document.name,
                "is_required": "on",
                "file": SimpleUploadedFile("passport.pdf", WINDOWS_EXE),
            }
        ],
    )

    response = client.post(reverse("admin:applicants_case_change", args=[world.b.case.pk]), data)

    assert response.status_code == 200
    assert "This file is none of these" in response.content.decode()


def test_files_have_no_public_url(world: World) -> None:
    with pytest.raises(ValueError, match="Private files have no URL"):
        world.a.document.file.url  # noqa: B018
