"""Advice letters for staff: the case page's letters, the request page and action, the download
(permission-checked, logged), and the failed-letters panel."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from letters import services
from letters.models import AdviceLetter
from tests.applicants.factories import consultant, make_case, make_user, staff_login
from tests.letters.factories import case_with_snapshot, ready_letter

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    return staff_login(Client(), user)


def _fail(letter: AdviceLetter, error: str) -> None:
    from django.utils import timezone

    claimed = services.claim_letter(letter_id=letter.pk, now=timezone.now())
    assert claimed is not None
    services.fail_letter(letter_id=letter.pk, attempt=claimed.attempts, error=error)


def test_case_page_lists_every_letter_version_with_status_error_and_download(pdf):
    letter = ready_letter(pdf)
    case = letter.case
    failed = services.request_advice_letter(
        case=case, assessment=letter.assessment, language="zh-hans", note="", requested_by=None
    )
    _fail(failed, "the letter's fonts cannot show these characters: 𠀀 (U+20000)")
    adviser = case.assigned_to

    page = _client(adviser).get(reverse("admin:applicants_case_change", args=[case.pk])).content.decode()

    assert reverse("admin:applicants_case_letter", args=[case.pk, letter.pk]) in page
    assert letter.download_name() in page
    assert "U+20000" in page
    assert reverse("admin:applicants_case_request_letter", args=[case.pk]) in page


def test_requesting_a_letter_from_the_case_creates_it_and_returns_to_the_case(
    django_capture_on_commit_callbacks,
):
    case, snap, adviser = case_with_snapshot()
    url = reverse("admin:applicants_case_request_letter", args=[case.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _client(adviser).post(
            url, {"assessment": snap.pk, "language": "bilingual", "note": "We file in December."}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:applicants_case_change", args=[case.pk])
    letter = case.advice_letters.get()
    assert (letter.language, letter.consultant_note, letter.requested_by) == (
        "bilingual",
        "We file in December.",
        adviser,
    )
    assert callbacks  # sent to the workers once the request commits


def test_the_request_page_offers_the_applicants_language_and_the_newest_snapshot():
    case, snap, adviser = case_with_snapshot(language="zh-hans")

    page = (
        _client(adviser).get(reverse("admin:applicants_case_request_letter", args=[case.pk])).content.decode()
    )

    assert '<option value="zh-hans" selected>' in page
    assert f'<option value="{snap.pk}" selected>' in page


def test_a_bad_request_is_shown_on_the_form_not_a_crash():
    case, snap, adviser = case_with_snapshot()

    response = _client(adviser).post(
        reverse("admin:applicants_case_request_letter", args=[case.pk]),
        {"assessment": snap.pk, "language": "fr", "note": "x" * 5000},
    )

    assert response.status_code == 200
    assert not AdviceLetter.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {"language", "note"}


def test_a_case_without_an_assessment_cannot_have_a_letter_yet():
    adviser = consultant()
    case = make_case(assigned_to=adviser)

    response = _client(adviser).get(
        reverse("admin:applicants_case_request_letter", args=[case.pk]), follow=True
    )

    assert "Run an assessment for this case first" in response.content.decode()
    assert not AdviceLetter.objects.exists()


def test_another_consultants_case_is_not_found_on_the_request_page():
    case, snap, _ = case_with_snapshot()

    response = _client(consultant()).post(
        reverse("admin:applicants_case_request_letter", args=[case.pk]),
        {"assessment": snap.pk, "language": "en"},
    )

    assert response.status_code == 404
    assert not AdviceLetter.objects.exists()


def test_staff_without_the_letter_permission_cannot_request_one():
    case, snap, _ = case_with_snapshot()
    clerk = make_user()
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_case", "change_case", "manage_all_cases"])
    )

    response = _client(clerk).post(
        reverse("admin:applicants_case_request_letter", args=[case.pk]),
        {"assessment": snap.pk, "language": "en"},
    )

    assert response.status_code == 403


def test_the_case_list_action_takes_one_case_to_its_request_page():
    case, _, adviser = case_with_snapshot()
    other = make_case(assigned_to=adviser)
    url = reverse("admin:applicants_case_changelist")
    client = _client(adviser)

    one = client.post(url, {"action": "request_advice_letter_action", "_selected_action": [case.pk]})
    two = client.post(
        url, {"action": "request_advice_letter_action", "_selected_action": [case.pk, other.pk]}, follow=True
    )

    assert one["Location"] == reverse("admin:applicants_case_request_letter", args=[case.pk])
    assert "Select exactly one case" in two.content.decode()


def test_staff_download_the_pdf_as_a_named_attachment_and_it_is_logged(pdf):
    letter = ready_letter(pdf)
    adviser = letter.case.assigned_to

    response = _client(adviser).get(reverse("admin:applicants_case_letter", args=[letter.case_id, letter.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{letter.download_name()}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert letter.download_name() == f"advice-letter-{letter.case.reference}-L1-en.pdf"
    assert (
        LogEntry.objects.get_for_object(letter).filter(action=LogEntry.Action.ACCESS, actor=adviser).exists()
    )


def test_another_consultant_cannot_download_the_letter(pdf):
    letter = ready_letter(pdf)

    response = _client(consultant()).get(
        reverse("admin:applicants_case_letter", args=[letter.case_id, letter.pk])
    )

    assert response.status_code == 404
    assert not LogEntry.objects.get_for_object(letter).filter(action=LogEntry.Action.ACCESS).exists()


def test_a_letter_cannot_be_reached_through_another_case(pdf):
    letter = ready_letter(pdf)
    adviser = letter.case.assigned_to
    own_case = make_case(assigned_to=adviser)

    response = _client(adviser).get(reverse("admin:applicants_case_letter", args=[own_case.pk, letter.pk]))

    assert response.status_code == 404


def test_a_letter_that_is_not_ready_has_nothing_to_download():
    case, snap, adviser = case_with_snapshot()
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )

    response = _client(adviser).get(reverse("admin:applicants_case_letter", args=[case.pk, letter.pk]))

    assert response.status_code == 404


def test_failed_letters_show_on_the_dashboard_of_staff_who_may_see_their_case():
    case, snap, adviser = case_with_snapshot()
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )
    _fail(letter, "IsADirectoryError: the disk is full of folders")

    mine = _client(adviser).get(reverse("admin:index")).content.decode()
    someone_elses = _client(consultant()).get(reverse("admin:index")).content.decode()

    assert 'id="failed-letters"' in mine
    assert letter.reference in mine
    assert "the disk is full of folders" in mine
    assert letter.reference not in someone_elses


def test_the_letter_list_shows_only_letters_of_cases_the_user_may_see(pdf):
    mine = ready_letter(pdf)
    theirs = ready_letter(pdf)
    adviser = mine.case.assigned_to

    page = _client(adviser).get(reverse("admin:letters_adviceletter_changelist")).content.decode()

    assert mine.reference in page
    assert theirs.reference not in page
