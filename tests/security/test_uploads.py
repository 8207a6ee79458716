"""Uploads are judged by their bytes, not their names: executables, disguised files, PDFs with
scripts, broken images and oversized files are refused with a reason; accepted files get random
names in private storage."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from applicants.models import Document
from applicants.uploads import validate_upload
from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf
from tests.applicants.portal_helpers import PDF, PNG

from .conftest import World
from .pdf_corpus import HOSTILE, aes_256_encrypted, link_and_open_at_first_page, scanned_pages

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
            "actions that start programs",
        ),
        ("cv.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n", "incomplete or damaged"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "damaged or not really a JPEG or PNG"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 20, "damaged or not really a JPEG or PNG"),
    ],
)
@pytest.mark.django_db
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


# --- The PDF check parses (issue 15, finding 5) ------------------------------------------------------------


def _checked(content: bytes) -> None:
    validate_upload(SimpleUploadedFile("document.pdf", content, content_type="application/pdf"))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_pdf_is_refused_with_the_reason(name: str) -> None:
    content, reason = HOSTILE[name]

    with pytest.raises(ValidationError) as refused:
        _checked(content)

    assert reason in " ".join(refused.value.messages)
    assert "Print it to a new PDF" in " ".join(refused.value.messages)


def test_the_corpus_hides_its_active_content_from_byte_matching() -> None:
    # What the check replaced: a search of the raw bytes. The corpus must defeat it, or it proves nothing.
    old_check = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
    missed = [name for name, (content, _reason) in HOSTILE.items() if not old_check.search(content)]

    assert len(missed) >= 6, missed


def _rc4_protected() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [_rc4_protected(), aes_256_encrypted()], ids=["RC4", "AES-256"])
def test_a_password_protected_pdf_is_refused_because_it_cannot_be_checked(content: bytes) -> None:
    with pytest.raises(ValidationError, match="protected with a password"):
        _checked(content)


@pytest.mark.django_db
def test_a_letter_the_app_renders_is_accepted() -> None:
    letter = render_advice_letter_pdf(sample_letter_content(LetterLanguage.ENGLISH))

    _checked(letter.pdf)


@pytest.mark.parametrize(
    "content", [scanned_pages(), scanned_pages(pages=1, seed=3), link_and_open_at_first_page(), PDF]
)
def test_ordinary_pdfs_are_accepted(content: bytes) -> None:
    _checked(content)


def test_the_applicant_reads_why_a_hostile_pdf_was_refused(world: World) -> None:
    content, _reason = HOSTILE["script inside a compressed object stream"]

    response = _upload(world, "cv.pdf", content)

    assert response.status_code == 400
    assert "This PDF contains scripts (JavaScript)." in response.content.decode()
