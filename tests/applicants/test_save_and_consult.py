"""Save and talk to a consultant: consent, applicant (matched by e-mail), case, snapshot, e-mails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from applicants.consent import CONSENT_TEXT_VERSION
from applicants.intake.flow import SESSION_KEY
from applicants.models import Applicant, Case, ConsentRecord
from assessments.models import Assessment

from .intake_answers import answer_everything
from .portal_helpers import SAVE, save_assessment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def test_the_result_page_offers_to_save_or_to_finish_without_saving(client: Client) -> None:
    answer_everything(client)
    html = client.get(reverse("applicants:intake-result")).content.decode()
    assert reverse("applicants:intake-save") in html
    assert reverse("applicants:intake-forget") in html


def test_the_save_form_shows_the_three_consent_purposes_and_the_text_version(client: Client) -> None:
    answer_everything(client)
    html = client.get(reverse("applicants:intake-save")).content.decode()
    assert "to assess my eligibility" in html
    assert "to advise me" in html
    assert "between Singapore and China" in html
    assert CONSENT_TEXT_VERSION in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Enter your full name."),
        ("full_name", " x ", "Enter your full name."),
        ("email", "", "Enter your e-mail address."),
        ("email", "not-an-address", "Enter an e-mail address like name@example.com."),
        ("consent_assessment", "", "We can only save your assessment with this consent."),
        ("consent_consultation", "", "A consultant can only advise you with this consent."),
        ("preferred_language", "fr", "Select a valid choice"),
    ],
)
def test_each_invalid_save_answer_gets_a_specific_error(
    client: Client, field: str, value: str, message: str
) -> None:
    answer_everything(client)
    data = {**SAVE, field: value}
    if not value:
        del data[field]
    response = client.post(reverse("applicants:intake-save"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.split('id="error-summary"', 1)[1]
    assert Applicant.objects.count() == 0


def test_saving_before_all_answers_goes_back_to_check_answers(client: Client) -> None:
    assert client.get(reverse("applicants:intake-save"))["Location"] == reverse("applicants:intake-check")


def test_saving_creates_applicant_consent_new_case_and_snapshot(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    assert applicant.full_name == "Lena Fischer"
    assert applicant.email == "Lena.Fischer@mail.example"
    assert applicant.nationality == "DE"
    assert str(applicant.date_of_birth) == "1990-05-31"
    consent = ConsentRecord.objects.get(applicant=applicant)
    assert consent.text_version == CONSENT_TEXT_VERSION
    assert (consent.for_assessment, consent.for_consultation, consent.for_cross_border_transfer) == (
        True,
        True,
        True,
    )
    assert consent.given_at is not None
    case = Case.objects.get(applicant=applicant)
    assert case.status == Case.Status.NEW
    assert case.reference.startswith("TP-")
    assert case.pathways.exists()
    assert case.documents.exists(), "the checklist comes from the criteria relied on"
    snapshot = Assessment.objects.get(case=case)
    assert snapshot.inputs["monthly_fixed_salary"] == {"amount": "25000", "currency": "SGD"}
    assert len(snapshot.rule_versions) == 8
    assert len(snapshot.results["results"]) == 8
    assert SESSION_KEY not in client.session, "the answers moved into the case"


def test_saving_shows_the_reference_code(client: Client, django_capture_on_commit_callbacks) -> None:
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    html = client.get(reverse("applicants:intake-saved")).content.decode()
    assert Case.objects.get(applicant=applicant).reference in html


def test_saving_e_mails_a_resume_link_and_notifies_the_consultancy(
    client: Client, django_capture_on_commit_callbacks, settings
) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks)
    reference = Case.objects.get(applicant=applicant).reference
    to_applicant = [m for m in mail.outbox if m.to == [applicant.email]]
    to_consultancy = [m for m in mail.outbox if m.to == [settings.CONSULTANCY_NOTIFY_EMAIL]]
    assert len(to_applicant) == 1
    assert reference in to_applicant[0].subject
    assert "/portal/welcome/" in to_applicant[0].body
    assert len(to_consultancy) == 1
    assert reference in to_consultancy[0].subject
    assert "Lena Fischer" in to_consultancy[0].body


def test_the_applicant_e_mail_is_in_their_chosen_language(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    applicant = save_assessment(client, django_capture_on_commit_callbacks, preferred_language="zh-hans")
    message = next(m for m in mail.outbox if m.to == [applicant.email])
    assert "您" in message.body
    assert "/zh-hans/portal/welcome/" in message.body


def test_a_second_save_with_the_same_e_mail_in_other_capitals_waits_for_the_address_to_confirm(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    first = save_assessment(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    other = Client()
    answer_everything(other)
    with django_capture_on_commit_callbacks(execute=True):
        other.post(
            reverse("applicants:intake-save"),
            {**SAVE, "email": "LENA.FISCHER@MAIL.EXAMPLE", "full_name": "Someone Else"},
        )
    assert Applicant.objects.count() == 1
    assert Case.objects.filter(applicant=first).count() == 1, "typing an address attaches nothing"
    assert [m.to for m in mail.outbox] == [[first.email]]
    first.refresh_from_db()
    assert first.full_name == "Lena Fischer", "typing an e-mail must not rename an existing applicant"


def test_cross_border_transfer_consent_is_optional_and_recorded_as_given(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    applicant = save_assessment(client, django_capture_on_commit_callbacks, consent_transfer="")
    consent = ConsentRecord.objects.get(applicant=applicant)
    assert consent.for_cross_border_transfer is False


def test_the_saved_page_says_what_happens_next_and_leads_to_the_result(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:intake-save"), SAVE)
    reference = Case.objects.get().reference

    html = client.get(reverse("applicants:intake-saved")).content.decode()

    assert "What happens next" in html
    assert f'href="{reverse("applicants:portal-case", args=[reference])}"' in html
    assert "See my result and documents" in html
