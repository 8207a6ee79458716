"""Draft → review → release: a rendered letter is a draft only staff see; release is the one path to the
applicant (portal list, download, e-mail); an optional second reviewer; released letters never change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from letters import services
from letters.models import AdviceLetter
from outbox.models import OutboxMessage
from tests.applicants.factories import consultant, staff_login
from tests.letters.factories import applicant_client, ready_letter, requested_letter

pytestmark = pytest.mark.django_db


def _what_the_applicant_sees(client: Client, letter: AdviceLetter) -> tuple[bool, int]:
    page = client.get(reverse("applicants:portal-case", args=[letter.case.reference])).content.decode()
    download = client.get(reverse("portal-letter-download", args=[letter.pk]))
    return reverse("portal-letter-download", args=[letter.pk]) in page, download.status_code


def test_a_rendered_draft_is_not_in_the_portal_nor_downloadable_nor_mailed_to_the_applicant(pdf, mailoutbox):
    letter = ready_letter(pdf)
    client = applicant_client(letter)

    assert _what_the_applicant_sees(client, letter) == (False, 404)
    assert not OutboxMessage.objects.filter(task_name=services.SEND_RELEASED_EMAIL_TASK).exists()
    assert all(letter.case.applicant.email not in m.to for m in mailoutbox)


def test_release_shows_the_letter_in_the_portal_and_sends_the_applicant_e_mail_through_the_outbox(pdf):
    letter = ready_letter(pdf)
    client = applicant_client(letter)
    assert letter.requested_by is not None

    services.release_letter(letter=letter, by=letter.requested_by)

    assert _what_the_applicant_sees(client, letter) == (True, 200)
    assert OutboxMessage.objects.filter(
        task_name=services.SEND_RELEASED_EMAIL_TASK, args=[letter.pk]
    ).exists()


def test_the_released_e_mail_is_not_sent_for_a_draft(pdf, mailoutbox):
    letter = ready_letter(pdf)

    assert services.send_letter_released_email(letter_id=letter.pk) is False
    assert mailoutbox == []


def test_a_released_letter_cannot_be_released_or_reviewed_again(pdf):
    letter = ready_letter(pdf)
    assert letter.requested_by is not None
    services.release_letter(letter=letter, by=letter.requested_by)

    with pytest.raises(ValidationError, match="can no longer change"):
        services.release_letter(letter=letter, by=letter.requested_by)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.review_letter(letter=letter, by=consultant())


def test_a_letter_still_rendering_cannot_be_released():
    letter = requested_letter()

    with pytest.raises(ValidationError, match="Only a rendered letter"):
        services.release_letter(letter=letter, by=consultant())


@override_settings(LETTERS_REQUIRE_SECOND_REVIEWER=True)
def test_with_a_second_reviewer_required_release_waits_for_someone_else_to_review(pdf):
    letter = ready_letter(pdf)
    author = letter.requested_by
    assert author is not None

    with pytest.raises(ValidationError, match="second reviewer must read"):
        services.release_letter(letter=letter, by=author)
    with pytest.raises(ValidationError, match="someone other than"):
        services.review_letter(letter=letter, by=author)
    reviewer = consultant("rhea")
    services.review_letter(letter=letter, by=reviewer)
    released = services.release_letter(letter=letter, by=author)

    assert (released.reviewed_by, released.released_by) == (reviewer, author)


def test_the_review_page_previews_the_draft_inline_and_releases_it(pdf):
    letter = ready_letter(pdf)
    author = letter.requested_by
    assert author is not None
    staff = staff_login(Client(), author)
    review = reverse("admin:applicants_case_letter_review", args=[letter.case_id, letter.pk])
    preview = reverse("admin:applicants_case_letter_preview", args=[letter.case_id, letter.pk])

    page = staff.get(review)
    framed = staff.get(preview)

    assert page.status_code == 200
    assert f'<iframe class="letter-preview" src="{preview}"' in page.content.decode()
    assert "frame-src 'self'" in page["Content-Security-Policy"]
    assert framed["Content-Disposition"].startswith("inline;")
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert staff.post(review, {"step": "release"}).status_code == 302
    letter.refresh_from_db()
    assert letter.released_by == author


def test_other_pages_still_refuse_frames(pdf):
    letter = ready_letter(pdf)
    assert letter.requested_by is not None
    staff = staff_login(Client(), letter.requested_by)

    page = staff.get(reverse("admin:applicants_case_change", args=[letter.case_id]))

    assert "frame-src 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
