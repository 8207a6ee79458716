"""Getting into the portal: the resume link, e-mail and password, one-time sign-in links, password reset."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.applicants.portal_helpers import PASSWORD, link_in, open_portal, save_assessment

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


def test_the_resume_link_creates_the_portal_account_and_signs_in(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    assert applicant.user is not None
    assert applicant.user.username == "lena.fischer@mail.example"
    assert client.get(reverse("applicants:portal-home")).status_code == 200


def test_the_resume_link_rejects_mismatched_or_weak_passwords(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    link = link_in(next(m for m in mail.outbox if m.to == [applicant.email]))
    html = client.post(link, {"password1": PASSWORD, "password2": PASSWORD + "x"}).content.decode()
    assert "The two passwords are not the same." in html
    html = client.post(link, {"password1": "12345678", "password2": "12345678"}).content.decode()
    assert "This password is entirely numeric." in html
    assert User.objects.filter(username__iexact=applicant.email).count() == 0


def test_a_used_resume_link_does_not_work_twice(client: Client, django_capture_on_commit_callbacks) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    link = link_in(next(m for m in mail.outbox if m.to == [applicant.email]))
    client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    other = Client()
    assert other.get(link)["Location"] == reverse("applicants:portal-login")


def test_a_resume_link_expires(client: Client, django_capture_on_commit_callbacks) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    link = link_in(next(m for m in mail.outbox if m.to == [applicant.email]))
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(link)["Location"] == reverse("applicants:portal-login")


def test_a_forged_resume_link_is_refused(client: Client) -> None:
    response = client.get(reverse("applicants:portal-resume", args=["eyJhIjoxfQ:forged:signature"]))
    assert response["Location"] == reverse("applicants:portal-login")


def test_sign_in_with_e_mail_in_any_capitals_and_password(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    open_portal(client, django_capture_on_commit_callbacks)
    fresh = Client()
    response = fresh.post(
        reverse("applicants:portal-login"), {"username": "LENA.fischer@mail.EXAMPLE", "password": PASSWORD}
    )
    assert response["Location"] == reverse("applicants:portal-home")


def test_a_wrong_password_gets_a_clear_error(client: Client, django_capture_on_commit_callbacks) -> None:
    open_portal(client, django_capture_on_commit_callbacks)
    html = (
        Client()
        .post(
            reverse("applicants:portal-login"), {"username": "lena.fischer@mail.example", "password": "nope"}
        )
        .content.decode()
    )
    assert "The e-mail address or the password is wrong." in html


def test_a_magic_link_signs_in_once(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    fresh = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = fresh.post(reverse("applicants:portal-magic-link"), {"email": applicant.email.upper()})
    assert "Check your e-mail" in response.content.decode()
    link = link_in(mail.outbox[0])
    assert "Sign in" in fresh.get(link).content.decode()  # opening the link only shows the page
    assert fresh.post(link)["Location"] == reverse("applicants:portal-home")
    assert fresh.get(reverse("applicants:portal-home")).status_code == 200
    assert Client().post(link)["Location"] == reverse("applicants:portal-magic-link")


def test_a_magic_link_for_an_unknown_address_sends_nothing_and_says_the_same(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applicants:portal-magic-link"), {"email": "nobody@mail.example"})
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_a_magic_link_expires(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:portal-magic-link"), {"email": applicant.email})
    link = link_in(mail.outbox[0])
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert Client().get(link)["Location"] == reverse("applicants:portal-magic-link")


def test_password_reset_by_e_mail_sets_a_new_password(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    fresh = Client()
    response = fresh.post(reverse("applicants:portal-password-reset"), {"email": applicant.email})
    assert response["Location"] == reverse("applicants:portal-password-reset-done")
    link = link_in(mail.outbox[0])
    form_url = fresh.get(link)["Location"]
    new = "Another long passphrase 7"
    response = fresh.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("applicants:portal-password-reset-complete")
    signed_in = Client().post(
        reverse("applicants:portal-login"), {"username": applicant.email, "password": new}
    )
    assert signed_in["Location"] == reverse("applicants:portal-home")
