"""The case's conversation in the admin: the unread badge on the case list and page, reading marks the
applicant's messages read, replying e-mails the applicant a notice, and a consultant outside the case's
scope gets 404 for all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applicants.models import Case, Message
from applicants.services.messages import send_message_as_applicant
from applicants.services.people import create_applicant
from tests.applicants.factories import consultant, make_case, staff_login
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


@pytest.fixture
def alice() -> User:
    return consultant("alice")


@pytest.fixture
def case(alice) -> Case:
    user = User.objects.create_user("mei@mail.example", email="mei@mail.example")
    applicant = create_applicant(full_name="Mei Tan", email="mei@mail.example", user=user)
    return make_case(applicant=applicant, assigned_to=alice)


def _from_applicant(case: Case, body: str, **kwargs) -> Message:
    return send_message_as_applicant(applicant=case.applicant, case=case, body=body, **kwargs)


def _url(case: Case) -> str:
    return reverse("admin:applicants_case_messages", args=[case.pk])


def test_the_case_list_and_case_page_show_the_applicants_unread_messages(alice, case) -> None:
    _from_applicant(case, "First")
    _from_applicant(case, "Second")
    quiet = make_case(assigned_to=alice)
    client = staff_login(Client(), alice)

    listing = client.get(reverse("admin:applicants_case_changelist")).content.decode()
    page = client.get(reverse("admin:applicants_case_change", args=[case.pk])).content.decode()

    assert listing.count("unread-messages") == 1  # the quiet case has no badge
    assert "2 unread messages" in listing
    assert _url(case) in listing
    assert quiet.reference in listing
    assert "2 unread messages" in page
    assert "2 in all" in page
    assert "Open the conversation" in page


def test_opening_the_conversation_shows_it_and_marks_the_applicants_messages_read(alice, case) -> None:
    first = _from_applicant(case, "Is my degree enough?", attachment=ContentFile(PDF, name="degree.pdf"))
    client = staff_login(Client(), alice)

    html = client.get(_url(case)).content.decode()

    assert "Is my degree enough?" in html
    assert "Download the attachment" in html
    first.refresh_from_db()
    assert first.read_at is not None
    listing = client.get(reverse("admin:applicants_case_changelist")).content.decode()
    assert "unread-messages" not in listing
    download = client.get(reverse("admin:applicants_case_message_attachment", args=[case.pk, first.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]


def test_a_reply_reaches_the_applicant_as_a_notice_without_its_words(
    alice, case, celery_eager, django_capture_on_commit_callbacks
) -> None:
    client = staff_login(Client(), alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(case), {"body": "Your degree is enough, no more papers needed"})

    assert response.status_code == 302
    reply = Message.objects.get()
    assert (reply.side, reply.sender) == ("consultancy", alice)
    (notice,) = mail.outbox
    assert notice.to == ["mei@mail.example"]
    assert "degree" not in str(notice.body)
    assert f"/portal/cases/{case.reference}/messages/" in str(notice.body)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"body": ""}, "Write your message."),
        ({"body": "x" * (Message.MAX_LENGTH + 1)}, "the limit is 5000"),
        (
            {"body": "See attached", "attachment": SimpleUploadedFile("a.pdf", b"")},
            "The submitted file is empty",
        ),
        ({"body": "See attached", "attachment": SimpleUploadedFile("a.pdf", b"%PDF-1.7 cut")}, "damaged"),
    ],
)
def test_a_bad_reply_is_refused_with_the_reason_not_a_server_error(alice, case, data, words) -> None:
    response = staff_login(Client(), alice).post(_url(case), data)

    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Message.objects.exists()


def test_a_consultant_outside_the_scope_can_neither_read_nor_reply_nor_download(case) -> None:
    message = _from_applicant(case, "Private", attachment=ContentFile(PDF, name="x.pdf"))
    client = staff_login(Client(), consultant("bob"))

    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), {"body": "Not my case"}).status_code == 404
    download = reverse("admin:applicants_case_message_attachment", args=[case.pk, message.pk])
    assert client.get(download).status_code == 404
    message.refresh_from_db()
    assert message.read_at is None
    assert Message.objects.count() == 1


def test_an_attachment_is_found_only_under_its_own_case(alice, case) -> None:
    message = _from_applicant(case, "Private", attachment=ContentFile(PDF, name="x.pdf"))
    other = make_case(assigned_to=alice)
    client = staff_login(Client(), alice)

    response = client.get(reverse("admin:applicants_case_message_attachment", args=[other.pk, message.pk]))

    assert response.status_code == 404
