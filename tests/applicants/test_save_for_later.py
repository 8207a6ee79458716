"""Save and continue later: an e-mail address and one consent, an e-mailed one-time link that expires,
the answers restored where the person left off, and nothing kept past the draft's expiry. No case, no
applicant, no consultant is involved (that is "save and talk to a consultant")."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applicants.consent import DRAFT_CONSENT_TEXT_VERSION
from applicants.intake.flow import SESSION_KEY
from applicants.models import Applicant, Case, IntakeDraft, UsedLink
from applicants.services.portal import save_intake_draft
from applicants.services.retention import enforce_retention
from applicants.tokens import make_draft_token
from outbox.models import OutboxMessage

from .intake_answers import answer_everything, step_data
from .portal_helpers import link_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

LATER = reverse("applicants:intake-later")
ZH_LATER = "/zh-hans" + LATER
FORM = {"email": "Mei.Tan@Example.com", "consent_keep_draft": "on"}


def step(slug: str) -> str:
    return reverse("applicants:intake-step", args=[slug])


def answer_first_three(client: Client) -> None:
    for slug in ("about", "education", "pay"):
        assert client.post(step(slug), step_data(slug)).status_code == 302


def save_for_later(client: Client, capture, path: str = LATER) -> mail.EmailMessage:
    with capture(execute=True):
        response = client.post(path, FORM)
    assert response.status_code == 200, response.content.decode()[:1000]
    return mail.outbox[-1]


def test_the_step_button_keeps_the_page_answered_and_asks_only_for_an_e_mail_and_one_consent(
    client: Client,
) -> None:
    answer_first_three(client)
    response = client.post(step("plans"), {**step_data("plans"), "later": "1"})
    assert response["Location"] == LATER
    html = client.get(LATER).content.decode()
    assert 'name="email"' in html
    assert 'name="consent_keep_draft"' in html
    assert 'name="full_name"' not in html
    assert 'name="consent_consultation"' not in html
    assert "does not open a case" in html
    assert DRAFT_CONSENT_TEXT_VERSION in html
    # "Back" leads where they left off: the first unanswered step, after the offers they just answered.
    assert f'href="{step("career")}"' in html


def test_every_step_and_the_check_page_offer_save_and_continue_later(client: Client) -> None:
    answer_everything(client)
    assert 'name="later"' in client.get(step("pay")).content.decode()
    assert 'name="later"' in client.get(step("career")).content.decode()
    assert f'href="{LATER}"' in client.get(reverse("applicants:intake-check")).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"consent_keep_draft": "on"}, "Enter your e-mail address."),
        ({"email": "nope", "consent_keep_draft": "on"}, "Enter an e-mail address like name@example.com."),
        ({"email": "mei@example.com"}, "We can only keep your answers with this consent."),
    ],
)
def test_a_missing_address_or_consent_gets_a_specific_error_and_nothing_is_kept(
    client: Client, data: dict[str, str], message: str
) -> None:
    answer_first_three(client)
    response = client.post(LATER, data)
    assert response.status_code == 200
    assert message in response.content.decode().split('id="error-summary"', 1)[1]
    assert IntakeDraft.objects.count() == 0
    assert client.session[SESSION_KEY]  # the answers are still in the browser


def test_the_errors_are_chinese_on_the_chinese_page(client: Client) -> None:
    answer_first_three(client)
    html = client.post(ZH_LATER, {"email": "mei@example.com"}).content.decode()
    assert "只有获得此项同意，我们才能保存您的回答。" in html


def test_without_any_answer_there_is_nothing_to_save(client: Client) -> None:
    assert client.get(LATER)["Location"] == reverse("home")
    assert client.post(LATER, FORM)["Location"] == reverse("home")
    assert IntakeDraft.objects.count() == 0


def test_saving_for_later_keeps_a_draft_e_mails_the_link_through_the_outbox_and_clears_the_browser(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_first_three(client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(LATER, FORM)
        # Until the commit, the e-mail waits in the outbox with the draft: a broker outage loses nothing.
        assert OutboxMessage.objects.filter(task_name="applicants.send_draft_link").count() == 1
    for callback in callbacks:
        callback()
    assert "Mei.Tan@example.com" in response.content.decode()
    draft = IntakeDraft.objects.get()
    assert draft.email == "Mei.Tan@example.com"
    assert set(draft.answers) == {"about", "education", "pay"}
    assert draft.consent_text_version == DRAFT_CONSENT_TEXT_VERSION
    assert draft.expires_at - draft.created_at == timedelta(days=14)
    assert SESSION_KEY not in client.session
    # No person, no case, no consultant notified: only the one e-mail to the address typed.
    assert Applicant.objects.count() == 0
    assert Case.objects.count() == 0
    assert [message.to for message in mail.outbox] == [["Mei.Tan@example.com"]]
    message = mail.outbox[0]
    assert message.subject == "Continue your self-assessment"
    assert "works once and expires after 14 days" in message.body
    assert link_in(message).startswith("/assessment/continue/")


def test_the_link_is_e_mailed_in_the_language_the_answers_were_saved_in(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_first_three(client)
    message = save_for_later(client, django_capture_on_commit_callbacks, ZH_LATER)
    assert message.subject == "继续您的自我评估"
    assert "只能使用一次" in message.body
    assert link_in(message).startswith("/zh-hans/assessment/continue/")


def test_the_link_restores_the_answers_where_the_person_left_off(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_first_three(client)
    link = link_in(save_for_later(client, django_capture_on_commit_callbacks))
    other = Client()  # another browser, days later
    page = other.get(link)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "strict-origin"
    assert IntakeDraft.objects.count() == 1  # opening the page (a mail scanner, say) does nothing
    response = other.post(link)
    assert response["Location"] == step("plans")
    assert 'value="25000"' in other.get(step("pay")).content.decode()
    assert IntakeDraft.objects.count() == 0  # the answers live in the session again, not with us
    # Finishing from there works as if nothing had happened.
    for slug in ("plans", "career", "achievements"):
        assert other.post(step(slug), step_data(slug)).status_code == 302
    assert "25,000 SGD" in other.get(reverse("applicants:intake-check")).content.decode()


def test_a_complete_draft_goes_back_to_check_your_answers(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_everything(client)
    link = link_in(save_for_later(client, django_capture_on_commit_callbacks))
    assert Client().post(link)["Location"] == reverse("applicants:intake-check")


def test_a_used_link_shows_a_page_that_offers_to_start_again(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_first_three(client)
    link = link_in(save_for_later(client, django_capture_on_commit_callbacks))
    assert client.post(link).status_code == 302
    for response in (client.get(link), client.post(link)):
        html = response.content.decode()
        assert response.status_code == 410
        assert "This link no longer works" in html
        assert f'href="{step("about")}"' in html


def test_an_expired_link_shows_the_start_again_page_in_chinese(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    answer_first_three(client)
    link = link_in(save_for_later(client, django_capture_on_commit_callbacks, ZH_LATER))
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.post(link)
    assert response.status_code == 410
    assert "此链接已失效" in response.content.decode()
    assert "重新开始" in response.content.decode()


@pytest.mark.parametrize("token", ["forged", "eyJkIjoxfQ:forged:signature", "x" * 400])
def test_a_forged_link_gets_the_same_clear_page_never_an_error(client: Client, token: str) -> None:
    response = client.post(reverse("applicants:intake-continue", args=[token]))
    assert response.status_code == 410


def test_a_link_to_a_deleted_draft_does_not_restore_anything(client: Client) -> None:
    draft = save_intake_draft(
        email="a@example.com",
        preferred_language="en",
        answers={"about": {"about-nationality": ["DE"]}},
        consent_text_version=DRAFT_CONSENT_TEXT_VERSION,
    )
    token = make_draft_token(draft)
    draft.delete()
    assert client.post(reverse("applicants:intake-continue", args=[token])).status_code == 410
    assert UsedLink.objects.count() == 0


def test_the_service_refuses_empty_answers_and_unknown_languages() -> None:
    with pytest.raises(ValueError, match="nothing to save"):
        save_intake_draft(
            email="a@example.com", preferred_language="en", answers={}, consent_text_version="v"
        )
    with pytest.raises(ValueError, match="unknown language"):
        save_intake_draft(
            email="a@example.com", preferred_language="fr", answers={"about": {}}, consent_text_version="v"
        )


def test_the_retention_sweep_deletes_drafts_once_they_expire_and_keeps_the_others(settings) -> None:
    answers = {"about": {"about-nationality": ["DE"]}}
    old = save_intake_draft(
        email="old@example.com", preferred_language="en", answers=answers, consent_text_version="v"
    )
    fresh = save_intake_draft(
        email="new@example.com", preferred_language="en", answers=answers, consent_text_version="v"
    )
    IntakeDraft.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    run = enforce_retention(now=timezone.now())
    assert run.purged["unsubmitted_drafts"] == 1
    assert list(IntakeDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert enforce_retention(now=timezone.now()).purged["unsubmitted_drafts"] == 0  # safe to run twice
    # Fourteen days on, the fresh one has expired too: nothing is kept past a draft's lifetime.
    assert (
        enforce_retention(now=timezone.now() + timedelta(days=14, seconds=1)).purged["unsubmitted_drafts"]
        == 1
    )
    assert IntakeDraft.objects.count() == 0
