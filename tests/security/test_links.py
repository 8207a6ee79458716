"""The e-mailed links and the save form (issue 15, findings 6-9): typing an address proves nothing, names
are names, a link works once (even when two requests race), only for a living person, and only when
its page is submitted."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from applicants.models import Applicant, Case, ConsentRecord
from applicants.services.privacy import erase_applicant
from applicants.tokens import make_magic_token, make_resume_token
from tests.applicants.intake_answers import answer_everything
from tests.applicants.portal_helpers import PASSWORD, SAVE, link_in, open_portal, save_assessment

pytestmark = pytest.mark.usefixtures("celery_eager")


def _save(client: Client, capture: Callable[..., Any], **overrides: str) -> Any:
    answer_everything(client)
    with capture(execute=True):
        return client.post(reverse("applicants:intake-save"), {**SAVE, **overrides})


# --- Finding 6: typing an address is not proof; a name is not a message -------------------------------------


@pytest.mark.django_db
def test_saving_with_a_known_address_adds_nothing_to_that_applicant(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    lena = save_assessment(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    _save(Client(), django_capture_on_commit_callbacks, full_name="Mallory Intruder")

    assert Case.objects.filter(applicant=lena).count() == 1
    assert ConsentRecord.objects.filter(applicant=lena).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lena.email]
    assert "Mallory" not in mail.outbox[0].body, "nothing the saver typed goes into the e-mail"
    assert "/portal/confirm/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_saved_page_looks_the_same_for_a_known_and_a_new_address(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    save_assessment(client, django_capture_on_commit_callbacks)
    known, new = Client(), Client()
    _save(known, django_capture_on_commit_callbacks)
    _save(new, django_capture_on_commit_callbacks, email="someone.new@mail.example")

    pages = []
    for visitor in (known, new):
        reference = visitor.session["saved_reference"]
        assert reference.startswith("TP-")
        page = visitor.get(reverse("applicants:intake-saved")).content.decode()
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.replace(reference, "REF")))

    assert pages[0] == pages[1]


@pytest.mark.django_db
def test_the_address_owner_confirms_and_the_case_is_theirs_under_the_reference_shown(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    lena = save_assessment(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    saver = Client()
    _save(saver, django_capture_on_commit_callbacks, consent_transfer="")
    reference = saver.session["saved_reference"]
    link = link_in(mail.outbox[0])
    owner = Client()

    page = owner.get(link).content.decode()
    refused = owner.post(link, {})  # the owner gives the consents themselves
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(link, {"consent_assessment": "on", "consent_consultation": "on"})

    assert reference in page
    assert refused.status_code == 200
    assert response["Location"] == reverse("applicants:portal-login")
    case = Case.objects.get(reference=reference)
    assert case.applicant_id == lena.pk
    assert case.assessments.count() == 1
    assert ConsentRecord.objects.filter(applicant=lena).count() == 2
    assert owner.post(link, {"consent_assessment": "on", "consent_consultation": "on"}).status_code == 302
    assert Case.objects.filter(applicant=lena).count() == 2, "the link works once"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Lena\nVisit https://evil.example", "on one line"),
        ("Lena\rFischer", "on one line"),
        ("Lena\u202eFischer", "on one line"),
        ("Lena Fischer www.evil.example", "without a web or e-mail address"),
        ("Claim your prize at evil.example", "without a web or e-mail address"),
        ("lena@evil.example", "without a web or e-mail address"),
        ("Lena <b>Fischer</b>", "without a web or e-mail address"),
        ("Call 0800 123 456", "Use only letters"),
    ],
)
def test_a_name_that_is_a_message_is_refused_with_a_reason(
    client: Client, django_capture_on_commit_callbacks, name: str, reason: str
) -> None:
    response = _save(client, django_capture_on_commit_callbacks, full_name=name)

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert Applicant.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name", ["Lena Fischer", "李明", "J.R.R. Tolkien", "Seán O'Brien-Müller", "约翰·史密斯"]
)
def test_real_names_are_accepted(name: str) -> None:
    from applicants.names import validate_person_name

    validate_person_name(name)


# --- Finding 7: a link is for a living person -----------------------------------------------------------


@pytest.mark.django_db
def test_an_old_resume_link_does_not_work_after_the_person_is_erased(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    old_link = link_in(next(m for m in mail.outbox if m.to == [applicant.email]))
    client.post(old_link, {"password1": PASSWORD, "password2": PASSWORD})  # used: the account exists

    erase_applicant(applicant=applicant)
    fresh = Client()

    assert fresh.get(old_link)["Location"] == reverse("applicants:portal-login")
    response = fresh.post(old_link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("applicants:portal-login")
    assert not User.objects.filter(username__iexact=applicant.email).exists()


# --- Finding 9: opening a link does nothing; submitting its page signs in -------------------------------------


@pytest.mark.django_db
def test_opening_a_sign_in_link_signs_nobody_in(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    assert applicant.user is not None
    link = reverse("applicants:portal-magic", args=[make_magic_token(applicant.user)])
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(link)

    assert page.status_code == 200
    assert "_auth_user_id" not in visitor.session
    assert page["Referrer-Policy"] == "strict-origin"  # the token never leaves as a Referer
    assert visitor.post(link).status_code == 403, "a forged cross-site POST has no CSRF token"
    assert "_auth_user_id" not in visitor.session


# --- Finding 8: one link, two simultaneous requests: exactly one wins -------------------------------------------


def _race(requests: list[Callable[[], Any]]) -> list[Any]:
    """Run the requests in threads released together; each thread closes its database connection."""
    barrier = threading.Barrier(len(requests))
    results: list[Any] = [None] * len(requests)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = requests[index]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _applicant_with_account(n: int) -> User:
    email = f"racer{n}@mail.example"
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    Applicant.objects.create(full_name="Racing Person", email=email, user=user)
    return user


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_uses_of_one_sign_in_link_make_one_session() -> None:
    for n in range(5):
        link = reverse("applicants:portal-magic", args=[make_magic_token(_applicant_with_account(n))])
        clients = [Client(), Client()]

        responses = _race([partial(c.post, link) for c in clients])

        homes = [r for r in responses if r["Location"] == reverse("applicants:portal-home")]
        assert len(homes) == 1, [r["Location"] for r in responses]
        assert sum("_auth_user_id" in c.session for c in clients) == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_passwords_create_one_account_and_no_error() -> None:
    for n in range(3):
        applicant = Applicant.objects.create(full_name="Racing Person", email=f"new{n}@mail.example")
        link = reverse("applicants:portal-resume", args=[make_resume_token(applicant)])
        body = {"password1": PASSWORD, "password2": PASSWORD}
        clients = [Client(raise_request_exception=False), Client(raise_request_exception=False)]

        responses = _race([partial(c.post, link, body) for c in clients])

        assert sorted(r.status_code for r in responses) == [302, 302], [r.status_code for r in responses]
        assert User.objects.filter(username=f"new{n}@mail.example").count() == 1
        assert sum(r["Location"] == reverse("applicants:portal-home") for r in responses) == 1
