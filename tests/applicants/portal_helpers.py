"""Shared steps for the save-and-portal tests: a saved applicant with a portal account, upload files."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from applicants.models import Applicant

from .intake_answers import answer_everything


def _pdf() -> bytes:
    """A real one-page PDF (the upload check parses PDFs, so a sketch of one no longer passes)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()
PASSWORD = "Correct horse 42 battery"
SAVE = {
    "full_name": "Lena Fischer",
    "email": "Lena.Fischer@Mail.example",
    "preferred_language": "en",
    "consent_assessment": "on",
    "consent_consultation": "on",
    "consent_transfer": "on",
}


def pdf(name: str = "payslip.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://\S+", str(message.body))
    assert match, message.body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def save_assessment(client: Client, capture: Callable[..., Any], **overrides: str) -> Applicant:
    """Answer the intake and save it, running the on-commit e-mails; returns the applicant."""
    answer_everything(client)
    with capture(execute=True):
        response = client.post(reverse("applicants:intake-save"), {**SAVE, **overrides})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Applicant.objects.get(email__iexact=overrides.get("email", SAVE["email"]))


def open_portal(client: Client, capture: Callable[..., Any], **overrides: str) -> Applicant:
    """Save an assessment, then follow the e-mailed resume link and create the password."""
    mail.outbox.clear()
    applicant = save_assessment(client, capture, **overrides)
    resume = next(m for m in mail.outbox if applicant.email in m.to)
    response = client.post(link_in(resume), {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("applicants:portal-home"), response.content.decode()[:2000]
    applicant.refresh_from_db()
    return applicant
