"""The low findings of the penetration test (issue 15, 11-12): inputs that were 500s, the password-reset
host, request bodies without a limit, the language cookie, internal notes in the applicant's export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applicants.models import Case
from applicants.privacy.export import collect
from applicants.services.cases import add_note
from applicants.services.documents import add_checklist_item
from tests.applicants.factories import case_manager, consultant, make_applicant, make_case, staff_login
from tests.applicants.portal_helpers import link_in, open_portal

from .pdf_corpus import scanned_pages

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db


# --- Finding 11: each of these was a 500 ------------------------------------------------------------------


def test_a_100000_deep_json_array_to_the_api_is_a_400() -> None:
    body = "[" * 100_000 + "]" * 100_000

    response = Client().post("/api/v1/assessments/evaluate", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["errors"][""][0]


def test_a_nul_character_in_a_portal_case_reference_is_a_400(
    celery_eager, django_capture_on_commit_callbacks
) -> None:
    client = Client(raise_request_exception=False)
    open_portal(client, django_capture_on_commit_callbacks)

    response = client.get("/portal/cases/TP-%00ABCDE/")

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["status=%00", "q=%00", "q=TP-%00", "applicant__id__exact=%00", "o=%00"])
def test_a_nul_character_in_an_admin_filter_or_search_is_a_400(query: str) -> None:
    client = staff_login(Client(raise_request_exception=False), case_manager("mia"))
    make_case()

    response = client.get(f"{reverse('admin:applicants_case_changelist')}?{query}")

    assert response.status_code == 400


def test_a_nul_character_in_a_posted_form_is_a_400() -> None:
    response = Client(raise_request_exception=False).post(
        reverse("applicants:portal-login"), {"username": "a\x00@mail.example", "password": "x"}
    )

    assert response.status_code == 400


@pytest.mark.parametrize(("start", "end"), [("2026-01-01", "9999-12-31"), ("0001-01-01", "2026-01-01")])
def test_dates_outside_any_log_on_the_access_log_are_a_form_error(start: str, end: str) -> None:
    client = staff_login(Client(raise_request_exception=False), case_manager("mia"))
    applicant = make_applicant()
    url = reverse("admin:applicants_applicant_access_log", args=[applicant.pk])

    response = client.get(url, {"start": start, "end": end})

    assert response.status_code == 200
    assert "between 2000-01-01 and" in response.content.decode()


# --- Finding 12 -------------------------------------------------------------------------------------------


def test_the_password_reset_link_takes_its_host_from_the_settings_not_the_request(
    celery_eager, django_capture_on_commit_callbacks, settings
) -> None:
    applicant = open_portal(Client(), django_capture_on_commit_callbacks)
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    settings.SITE_URL = "https://consultancy.example"
    mail.outbox.clear()

    Client().post(
        reverse("applicants:portal-password-reset"), {"email": applicant.email}, HTTP_HOST="other.example"
    )

    (message,) = mail.outbox
    assert "https://consultancy.example/portal/password-reset/" in str(message.body)
    assert "other.example" not in str(message.body)
    assert link_in(message).startswith("/portal/password-reset/")


def test_a_large_anonymous_body_is_refused_before_it_is_read() -> None:
    big = SimpleUploadedFile("big.bin", b"\x00" * (settings.ANONYMOUS_REQUEST_MAX_BYTES + 1))

    response = Client().post(reverse("applicants:intake-save"), {"full_name": "Lena", "file": big})

    assert response.status_code == 413


def test_a_large_anonymous_body_to_the_api_is_refused_in_json() -> None:
    body = json.dumps({"as_of": "2026-11-24", "padding": "x" * settings.ANONYMOUS_REQUEST_MAX_BYTES})

    response = Client().post("/api/v1/assessments/evaluate", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["errors"][""]


def test_a_signed_in_applicant_may_still_upload_a_document_of_the_allowed_size(
    celery_eager, django_capture_on_commit_callbacks
) -> None:
    assert settings.DOCUMENT_UPLOAD_MAX_BYTES > settings.ANONYMOUS_REQUEST_MAX_BYTES
    client = Client()
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    document = add_checklist_item(case=Case.objects.get(applicant=applicant), name="Scan")
    content = scanned_pages(pages=3)
    assert len(content) > settings.ANONYMOUS_REQUEST_MAX_BYTES
    scan = SimpleUploadedFile("scan.pdf", content)

    response = client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": scan})

    assert response.status_code == 302


def test_the_language_cookie_is_http_only_and_same_site() -> None:
    response = Client().post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_language_cookie_is_secure_with_production_settings() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_SETTINGS_MODULE": "consultancy.settings"}
    )
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert printed.stdout.strip() == "True"


def test_the_applicants_export_leaves_out_internal_notes(celery_eager) -> None:
    worker = consultant("worker")
    case = make_case(assigned_to=worker)
    add_note(case=case, author=worker, body="Internal: applicant seems evasive about the gap year")

    data = json.dumps(collect(case.applicant), ensure_ascii=False)

    assert "evasive" not in data
    assert "notes" not in json.loads(data)["cases"][0]
