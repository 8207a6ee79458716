"""The applicant's letters: their case page lists its ready letters; the download serves their own
ready letters, and a 404 for everything else."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from letters import services
from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf
from tests.applicants.factories import consultant
from tests.letters.factories import applicant_client, case_with_snapshot, ready_letter, released_letter

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_advice_letter_pdf(sample_letter_content(LetterLanguage.CHINESE)).pdf


def test_an_applicant_downloads_their_own_released_letter(pdf):
    letter = released_letter(pdf, language="zh-hans")
    client = applicant_client(letter)

    response = client.get(f"/portal/letters/{letter.pk}/download")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{letter.download_name()}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert reverse("portal-letter-download", args=[letter.pk]) == f"/portal/letters/{letter.pk}/download"
    assert LogEntry.objects.get_for_object(letter).filter(action=LogEntry.Action.ACCESS).exists()


def test_the_case_page_lists_its_released_letters_newest_first_and_not_those_still_being_made(pdf):
    first = released_letter(pdf)
    case = first.case
    second = services.request_advice_letter(
        case=case, assessment=first.assessment, language="en", note="", requested_by=None
    )
    claimed = services.claim_letter(letter_id=second.pk, now=timezone.now())
    assert claimed is not None
    stored = services.store_rendered_letter(
        letter_id=second.pk, attempt=claimed.attempts, pdf=pdf, page_count=4
    )
    assert stored is not None
    services.release_letter(letter=stored, by=consultant())
    queued = services.request_advice_letter(
        case=case, assessment=first.assessment, language="en", note="", requested_by=None
    )
    client = applicant_client(first)

    page = client.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()

    links = [reverse("portal-letter-download", args=[letter.pk]) for letter in (second, first)]
    assert "Advice letters" in page
    assert all(link in page for link in links)
    assert page.index(links[0]) < page.index(links[1])
    assert reverse("portal-letter-download", args=[queued.pk]) not in page


def test_a_case_without_a_ready_letter_says_one_will_come():
    case, snap, adviser = case_with_snapshot()
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )
    client = applicant_client(letter)

    page = client.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()

    assert "No advice letter yet." in page
    assert reverse("portal-letter-download", args=[letter.pk]) not in page


def test_another_applicants_letter_is_not_found(pdf):
    mine = ready_letter(pdf)
    theirs = ready_letter(pdf)
    client = applicant_client(mine)

    assert client.get(f"/portal/letters/{theirs.pk}/download").status_code == 404
    assert client.get(f"/portal/letters/{theirs.pk + 1000}/download").status_code == 404


def test_a_letter_that_is_not_ready_is_not_found(pdf):
    case, snap, adviser = case_with_snapshot()
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )

    assert applicant_client(letter).get(f"/portal/letters/{letter.pk}/download").status_code == 404


def test_staff_without_an_applicant_record_get_a_404_here(pdf):
    letter = ready_letter(pdf)
    client = Client()
    client.force_login(consultant())

    assert client.get(f"/portal/letters/{letter.pk}/download").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(pdf):
    letter = ready_letter(pdf)

    response = Client().get(f"/portal/letters/{letter.pk}/download")

    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_download_refuses_writes(pdf):
    letter = ready_letter(pdf)

    assert applicant_client(letter).post(f"/portal/letters/{letter.pk}/download").status_code == 405
