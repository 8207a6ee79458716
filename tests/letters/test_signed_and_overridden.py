"""The letter is signed once with the consultant's profile name and title, says nothing twice, and rests on
the consultant's override of the recommendation when there is one."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from applicants.models import RecommendationOverride
from applicants.services.cases import current_override, override_recommendation
from letters import services
from letters.content import letter_content
from letters.models import AdviceLetter
from letters.render import render_advice_letter_pdf
from staff.services import save_staff_profile
from tests.letters.factories import case_with_snapshot
from tests.letters.helpers import full_text, squash

pytestmark = pytest.mark.django_db


def _rendered(language: str, note: str = "") -> tuple[AdviceLetter, str]:
    case, snap, adviser = case_with_snapshot()
    save_staff_profile(user=adviser, display_name="Priya Raman", title="Senior immigration consultant")
    letter = services.request_advice_letter(
        case=case, assessment=snap, language=language, note=note, requested_by=adviser
    )
    pdf = render_advice_letter_pdf(letter_content(letter)).pdf
    return letter, full_text(pdf)


@pytest.mark.parametrize("language", ["en", "bilingual"])
def test_the_letter_is_signed_once_with_the_consultants_name_and_title(language: str) -> None:
    _, text = _rendered(language, note="File in December.")

    assert text.count("Priya Raman") == 1
    assert squash("Senior immigration consultant") in squash(text)
    assert "consultant\n" not in text.lower().split("yours sincerely")[-1][:20]


def test_no_sentence_is_printed_twice_in_one_language() -> None:
    _, text = _rendered("en", note="File in December.")
    sentences = [
        s.strip()
        for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
        if len(s.strip()) > 40  # headings, table cells and labels legitimately repeat
    ]

    repeated = {s for s in sentences if sentences.count(s) > 1}

    assert not repeated


def test_an_override_is_stored_with_who_when_and_why_and_audited() -> None:
    case, _, adviser = case_with_snapshot()

    override = override_recommendation(
        case=case, pathways=["cn_k_visa"], reason="The client wants to move to Shanghai first.", by=adviser
    )

    assert current_override(case) == override
    assert (override.pathway_codes, override.by, override.at is not None) == (["cn_k_visa"], adviser, True)
    assert LogEntry.objects.get_for_object(override).filter(action=LogEntry.Action.CREATE).exists()


def test_an_override_needs_a_route_and_a_reason() -> None:
    case, _, adviser = case_with_snapshot()

    with pytest.raises(ValidationError):
        override_recommendation(case=case, pathways=[], reason="Because.", by=adviser)
    with pytest.raises(ValidationError):
        override_recommendation(case=case, pathways=["cn_k_visa"], reason="  ", by=adviser)
    assert not RecommendationOverride.objects.exists()


def test_the_letter_rests_on_the_override_and_the_snapshot_keeps_the_engines_recommendation() -> None:
    case, snap, adviser = case_with_snapshot()
    engine_results = snap.results
    override_recommendation(
        case=case, pathways=["cn_work_permit"], reason="Employer sponsors it.", by=adviser
    )
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )

    content = letter_content(letter)

    assert content.relied_on == ("cn_work_permit",)
    snap.refresh_from_db()
    assert snap.results == engine_results
