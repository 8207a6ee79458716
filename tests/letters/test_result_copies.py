"""'E-mail me this result' and 'Download as PDF': a one-page tagged PDF made by the worker, no case opened,
the address kept only until the one e-mail is sent, the download only for its session and until it expires."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from applicants.models import Applicant, Case
from assessments.engine import DEFAULT_RATES, assess, parse_profile
from letters.content import SAMPLE_AS_OF, SAMPLE_PROFILE
from letters.models import ResultCopy
from letters.result_copies import render_result_copy, request_result_email, request_result_pdf
from tests.applicants.intake_answers import answer_everything

pytestmark = pytest.mark.django_db

SNAPSHOT: dict[str, Any] = assess(
    parse_profile(SAMPLE_PROFILE, default_as_of=SAMPLE_AS_OF), rates=DEFAULT_RATES
).to_data()


def _text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("language", "recommendation"),
    [("en", "Our recommendation: Tech.Pass"), ("zh-hans", "我们的建议：科技准证")],
)
def test_the_worker_renders_a_one_page_pdf_with_the_recommendation(
    language: str, recommendation: str, django_capture_on_commit_callbacks
) -> None:
    copy = request_result_pdf(snapshot=SNAPSHOT, language=language)

    done = render_result_copy(copy_id=copy.pk)

    assert done is not None
    assert done.status == ResultCopy.Status.READY
    assert done.snapshot is None  # the answers' result is not kept once the PDF exists
    pdf = bytes(done.pdf or b"")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert recommendation in _text(pdf)
    # Tagged like the letters: a structure tree and the document's language.
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower() == language


def test_the_email_goes_out_once_with_the_pdf_and_nothing_is_kept(
    celery_eager, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        copy = request_result_email(snapshot=SNAPSHOT, language="en", email="mei@mail.example")

    assert render_result_copy(copy_id=copy.pk) is None  # a second delivery of the task finds nothing
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mei@mail.example"]
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("result.pdf", "application/pdf")
    assert "Our recommendation: Tech.Pass" in _text(content)
    assert "is now deleted" in str(message.body)
    assert not ResultCopy.objects.exists()


def test_expired_copies_are_deleted_and_never_sent(django_capture_on_commit_callbacks) -> None:
    copy = request_result_email(snapshot=SNAPSHOT, language="en", email="mei@mail.example")
    ResultCopy.objects.filter(pk=copy.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert render_result_copy(copy_id=copy.pk) is None
    assert not mail.outbox
    assert not ResultCopy.objects.exists()


# --- From the result page -----------------------------------------------------------------------------


def test_the_result_page_offers_both_and_says_what_is_kept(client: Client) -> None:
    answer_everything(client)
    html = client.get(reverse("applicants:intake-result")).content.decode()
    assert reverse("result-email") in html
    assert reverse("result-pdf") in html
    assert "A copy by e-mail or PDF opens no case: we keep the address only until it is sent." in html


def test_a_bad_email_address_gets_a_clear_error_and_nothing_is_queued(client: Client) -> None:
    answer_everything(client)

    response = client.post(reverse("result-email"), {"email": "mei@", "consent": "on"})

    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.com." in response.content.decode()
    assert not ResultCopy.objects.exists()


def test_the_email_needs_the_consent(client: Client) -> None:
    answer_everything(client)

    response = client.post(reverse("result-email"), {"email": "mei@mail.example"})

    assert response.status_code == 400
    assert "Tick the box so that we may use your address for this one e-mail." in response.content.decode()


def test_emailing_the_result_opens_no_case(
    client: Client, celery_eager, django_capture_on_commit_callbacks
) -> None:
    answer_everything(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("result-email"), {"email": "mei@mail.example", "consent": "on"})

    assert response["Location"] == reverse("applicants:intake-result")
    assert len(mail.outbox) == 1
    assert not Applicant.objects.exists()
    assert not Case.objects.exists()
    assert not ResultCopy.objects.exists()
    assert (
        "Your result is on its way to mei@mail.example." in client.get(response["Location"]).content.decode()
    )


def test_without_answers_there_is_nothing_to_copy(client: Client) -> None:
    response = client.post(reverse("result-pdf"))
    assert response["Location"] == reverse("applicants:intake-check")
    assert not ResultCopy.objects.exists()


def test_the_status_page_refreshes_itself_until_the_pdf_is_ready(client: Client) -> None:
    answer_everything(client)
    # The worker has not run yet (no on-commit callbacks in a test transaction): the copy is queued.
    status_url = client.post(reverse("result-pdf"))["Location"]

    html = client.get(status_url).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in html
    assert f'href="{status_url}"' in html  # "Check again" without JavaScript
    assert "Download the PDF" not in html


def test_the_pdf_is_made_by_the_worker_and_downloaded_by_its_session_only(
    client: Client, celery_eager, django_capture_on_commit_callbacks
) -> None:
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        status_url = client.post(reverse("result-pdf"))["Location"]
    copy = ResultCopy.objects.get()

    html = client.get(status_url).content.decode()
    assert "http-equiv" not in html
    download = client.get(reverse("result-pdf-download", args=[copy.token]))

    assert download["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(download.content)).pages) == 1
    assert Client().get(reverse("result-pdf-download", args=[copy.token])).status_code == 404
    assert Client().get(status_url).status_code == 404
    assert not Case.objects.exists()


def test_an_expired_download_is_gone(
    client: Client, celery_eager, django_capture_on_commit_callbacks
) -> None:
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("result-pdf"))
    copy = ResultCopy.objects.get()
    ResultCopy.objects.filter(pk=copy.pk).update(expires_at=timezone.now())

    assert client.get(reverse("result-pdf-download", args=[copy.token])).status_code == 404
