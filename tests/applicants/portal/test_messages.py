"""The portal's messages: the unread count at the top of my cases and of the case page, the conversation
(reading marks read, writing with an attachment), clear refusals, the rate limit, and only my own."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applicants.models import Applicant, Case, Message
from applicants.services.messages import send_message_as_applicant, send_message_as_staff
from applicants.services.people import create_applicant
from tests.applicants.factories import consultant, make_case
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db


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


def _portal_applicant(email: str, **kwargs) -> Applicant:
    user = User.objects.create_user(email, email=email)
    return create_applicant(full_name="Mei Tan", email=email, user=user, **kwargs)


@pytest.fixture
def mei() -> tuple[Applicant, Case, User]:
    worker = consultant("worker", first_name="Ravi", last_name="Kumar")
    applicant = _portal_applicant("mei@mail.example")
    return applicant, make_case(applicant=applicant, assigned_to=worker), worker


@pytest.fixture
def portal(mei) -> Client:
    client = Client()
    client.force_login(mei[0].user)
    return client


def _url(case: Case) -> str:
    return reverse("applicants:portal-messages", args=[case.reference])


def test_my_cases_and_the_case_page_show_the_unread_count_at_the_top(portal, mei) -> None:
    _applicant, case, worker = mei
    send_message_as_staff(case=case, by=worker, body="Please send the payslips")
    send_message_as_staff(case=case, by=worker, body="And the degree")

    home = portal.get(reverse("applicants:portal-home")).content.decode()
    page = portal.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()

    assert f"Case {case.reference}: 2 unread messages" in home
    assert home.index("unread messages") < home.index("case-card")
    assert "2 unread messages" in page
    assert page.index("2 unread messages") < page.index("Documents")
    # The notices link to the conversation and never show the words.
    assert _url(case) in home
    assert _url(case) in page
    assert "payslips" not in home + page


def test_opening_the_conversation_shows_it_and_marks_the_consultants_messages_read(portal, mei) -> None:
    applicant, case, worker = mei
    send_message_as_applicant(applicant=applicant, case=case, body="My question")
    send_message_as_staff(case=case, by=worker, body="Please send the payslips")

    html = portal.get(_url(case)).content.decode()

    assert html.index("My question") < html.index("Please send the payslips")
    assert "Ravi Kumar" in html
    assert 'class="badge text-bg-primary ms-1 message-new"' in html  # shown as new this once
    assert Message.objects.get(body="Please send the payslips").read_at is not None
    assert Message.objects.get(body="My question").read_at is None  # staff have not read it
    home = portal.get(reverse("applicants:portal-home")).content.decode()
    assert "unread message" not in home


def test_the_counts_and_conversation_are_in_chinese_too(mei) -> None:
    applicant, case, worker = mei
    applicant.preferred_language = "zh-hans"
    applicant.save()
    send_message_as_staff(case=case, by=worker, body="请发送工资单")
    client = Client()
    client.force_login(applicant.user)

    home = client.get("/zh-hans/portal/").content.decode()
    page = client.get(f"/zh-hans/portal/cases/{case.reference}/messages/").content.decode()

    assert "1 条未读消息" in home
    assert "写消息" in page
    assert "请发送工资单" in page


def test_sending_a_message_with_an_attachment_tells_the_consultant_without_the_words(
    portal, mei, celery_eager, django_capture_on_commit_callbacks
) -> None:
    _applicant, case, worker = mei
    with django_capture_on_commit_callbacks(execute=True):
        response = portal.post(
            _url(case),
            {
                "body": "Here is my payslip for March",
                "attachment": SimpleUploadedFile("payslip.pdf", PDF, content_type="application/pdf"),
            },
        )

    assert response.status_code == 302
    assert response["Location"] == _url(case)
    message = Message.objects.get()
    assert (message.side, message.body) == ("applicant", "Here is my payslip for March")
    assert message.attachment.name.endswith(".pdf")
    (notice,) = mail.outbox
    assert notice.to == [worker.email]
    assert "payslip" not in str(notice.body).lower()
    download = portal.get(reverse("applicants:portal-message-attachment", args=[message.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"body": "   "}, "body", "Write your message."),
        ({"body": "x" * (Message.MAX_LENGTH + 1)}, "body", "the limit is 5000"),
        (
            {"body": "See attached", "attachment": SimpleUploadedFile("cv.pdf", b"<html>not a pdf</html>")},
            "attachment",
            "Upload a PDF, JPEG or PNG file",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field_with_the_error_summary(
    portal, mei, data, field, words
) -> None:
    _applicant, case, _worker = mei

    response = portal.post(_url(case), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert 'id="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert not Message.objects.exists()


def test_posting_messages_is_rate_limited(portal, mei, settings) -> None:
    _applicant, case, _worker = mei
    settings.PORTAL_MESSAGE_RATE = "2/m"

    statuses = [portal.post(_url(case), {"body": f"Message {n}"}).status_code for n in range(3)]

    assert statuses == [302, 302, 429]
    assert Message.objects.count() == 2


def test_another_applicants_conversation_and_attachments_are_404(portal, mei, private_storage) -> None:
    _applicant, _case, worker = mei
    other = _portal_applicant("other@mail.example")
    other_case = make_case(applicant=other, assigned_to=worker)
    theirs = send_message_as_staff(
        case=other_case, by=worker, body="Private", attachment=ContentFile(PDF, name="x.pdf")
    )

    assert portal.get(_url(other_case)).status_code == 404
    assert portal.post(_url(other_case), {"body": "Hello"}).status_code == 404
    assert portal.get(reverse("applicants:portal-message-attachment", args=[theirs.pk])).status_code == 404
    assert Message.objects.get(pk=theirs.pk).read_at is None
    assert not Message.objects.filter(case=other_case, side="applicant").exists()


def test_staff_cannot_use_the_portal_conversation(mei) -> None:
    _applicant, case, worker = mei
    client = Client()
    client.force_login(worker)

    assert client.get(_url(case)).status_code == 403
