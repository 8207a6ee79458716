"""One assessment, one set of words: the result page, the portal, the advice letter and the admin name the
same pathways, give them the same headlines and mark criteria with the same status words, in English and
in 中文.

The applicant answers the intake, reads the result page, saves it (which stores the snapshot and opens a
case) and signs in to the portal; a consultant's letter and the admin's snapshot page then show that
saved snapshot. The clock is fixed, so the result page assesses on the same day as the saved snapshot.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applicants.models import Case
from assessments.models import Assessment
from assessments.presentation import ResultView, present
from letters.content import letter_content
from letters.render import render_advice_letter_pdf
from letters.services import request_advice_letter
from tests.applicants.factories import case_manager, staff_login
from tests.applicants.intake_answers import answer_everything
from tests.applicants.portal_helpers import open_portal
from tests.letters.helpers import full_text, squash
from tests.test_catalogues import RETIRED_PASS_NAMES

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans")
# 24 November 2026, mid-morning in Singapore: the rules' last-verified day.
ASSESSED_AT = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Asia/Singapore"))


@dataclass(frozen=True)
class Words:
    names: set[str]
    headlines: set[str]
    statuses: set[str]

    def missing_from(self, text: str) -> dict[str, set[str]]:
        missing = {
            "names": {w for w in self.names if squash(w) not in text},
            "headlines": {w for w in self.headlines if squash(w) not in text},
            "statuses": {w for w in self.statuses if squash(w) not in text},
        }
        return {kind: words for kind, words in missing.items() if words}


@dataclass(frozen=True)
class Saved:
    result_pages: dict[str, str]  # language -> the result page seen before saving
    client: Client  # signed in to the portal
    case: Case
    snapshot: Assessment


@pytest.fixture
def saved(client: Client, django_capture_on_commit_callbacks, celery_eager: None) -> Iterator[Saved]:
    with time_machine.travel(ASSESSED_AT, tick=False):
        answer_everything(client)
        pages = {}
        for language in LANGUAGES:
            response = client.post(_prefix(language) + reverse("applicants:intake-result"))
            assert response.status_code == 200
            pages[language] = response.content.decode()
        applicant = open_portal(client, django_capture_on_commit_callbacks)
        case = Case.objects.get(applicant=applicant)
        yield Saved(pages, client, case, case.assessments.get())


def _prefix(language: str) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def _visible(page: str) -> str:
    """What a reader sees of an HTML page, without whitespace (as the letter's text is compared)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def _expected(view: ResultView) -> Words:
    """The words the presentation gives this snapshot: every pathway's name and headline, and the status
    word of every criterion of the routes the advice relies on (the letter prints only those)."""
    return Words(
        names={p.name for p in view.pathways},
        headlines={p.headline.label for p in view.pathways},
        statuses={c.status_label for p in view.relied_on for c in p.criteria},
    )


def _surfaces(saved: Saved, language: str) -> dict[str, str]:
    portal = saved.client.get(_prefix(language) + f"/portal/cases/{saved.case.reference}/")
    assert portal.status_code == 200

    letter = request_advice_letter(
        case=saved.case, assessment=saved.snapshot, language=language, note="", requested_by=None
    )
    pdf = render_advice_letter_pdf(letter_content(letter)).pdf

    staff = staff_login(Client(), case_manager())
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    admin = staff.get(reverse("admin:assessments_assessment_change", args=[saved.snapshot.pk]))
    assert admin.status_code == 200

    return {
        "result page": _visible(saved.result_pages[language]),
        "portal": _visible(portal.content.decode()),
        "letter": squash(full_text(pdf)),
        "admin": _visible(admin.content.decode()),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_result_page_portal_letter_and_admin_use_the_same_names_headlines_and_status_words(
    saved: Saved, language: str
) -> None:
    targets = [p.code for p in saved.case.pathways.all()]
    with translation.override(language):
        view = present(saved.snapshot.results, relied_on=targets)
    words = _expected(view)
    # The saved answers give a spread of outcomes and statuses, so a surface with its own words shows.
    assert len(words.names) == 8
    assert len(words.headlines) >= 3
    assert len(words.statuses) >= 3

    surfaces = _surfaces(saved, language)

    missing = {surface: words.missing_from(text) for surface, text in surfaces.items()}
    assert missing == {surface: {} for surface in surfaces}


def test_the_result_page_showed_what_was_saved(saved: Saved) -> None:
    """Same answers, same day: the page before saving and the stored snapshot agree on every outcome."""
    with translation.override("en"):
        view = present(saved.snapshot.results)
    page = _visible(saved.result_pages["en"])

    for pathway in view.pathways:
        assert squash(f"{pathway.name}{pathway.headline.label}") in page, pathway.code


def test_in_chinese_no_surface_uses_a_retired_pass_name(saved: Saved) -> None:
    # Texts are compared without whitespace; forms that differed only by a space are the catalogues' test.
    retired = [name for name in RETIRED_PASS_NAMES if " " not in name]
    surfaces = _surfaces(saved, "zh-hans")

    for surface, text in surfaces.items():
        assert [name for name in retired if squash(name) in text] == [], surface


def test_in_english_no_surface_uses_a_second_word_for_review(saved: Saved) -> None:
    surfaces = _surfaces(saved, "en")

    for surface, text in surfaces.items():
        assert "Forreview" not in text, surface
