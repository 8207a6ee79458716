"""The letter shows what the result page shows: the pay picture drawn as vector paths, 'eligible from'
days on the route and on the timeline, and the consultant's override in place of the engine's advice."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pypdf
import pytest

from applicants.services.cases import override_recommendation
from assessments.engine import DEFAULT_RATES, assess, parse_profile
from letters import services
from letters.content import LetterContent, letter_content, rendered_in_each_language, sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf
from tests.letters.factories import case_with_snapshot
from tests.letters.helpers import full_text, squash

AS_OF = date(2026, 11, 24)


# A bar picture's track is a rectangle filled #e9ecef (assessments/pictures.py `bar`).
def _drawing(pdf: bytes) -> bytes:
    """Every page's content stream and the form XObjects it draws (where WeasyPrint puts SVG pictures)."""
    data = b""
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        data += b"" if contents is None else contents.get_data()
        resources: Any = page["/Resources"]
        for xobject in resources.get("/XObject", {}).values():
            form = xobject.get_object()
            if form.get("/Subtype") == "/Form":
                data += b"\n" + form.get_data()
    return data


def _bar_tracks(pdf: bytes) -> int:
    return len(re.findall(rb"0\.913725 0\.92549 0\.937255 rg", _drawing(pdf)))


def test_the_pay_picture_is_in_the_letter_with_its_text_and_drawn_as_vector_paths() -> None:
    content = sample_letter_content(LetterLanguage.ENGLISH)
    with_picture = render_advice_letter_pdf(content).pdf
    without_picture = render_advice_letter_pdf(replace(content, snapshot=None)).pdf

    text = squash(full_text(with_picture))
    assert (
        squash("Your fixed monthly salary of S$24,000 against the salary thresholds: Tech.Pass S$22,500")
        in text
    )
    assert squash("You: S$24,000 a month") in text
    # One more bar (the pay picture's) than without it, drawn as vector paths: a filled rectangle.
    assert _bar_tracks(with_picture) == _bar_tracks(without_picture) + 1
    assert re.search(rb"0\.913725 0\.92549 0\.937255 rg[\s\S]{0,200}? re\b", _drawing(with_picture))
    assert squash("Your fixed monthly salary of") not in squash(full_text(without_picture))


def test_the_pay_picture_is_worded_in_chinese_in_a_chinese_letter() -> None:
    text = full_text(render_advice_letter_pdf(sample_letter_content(LetterLanguage.CHINESE)).pdf)
    assert "S$24,000" in text
    assert "Your fixed monthly salary" not in text


def _short_leader_letter(language: LetterLanguage) -> LetterContent:
    """The sample letter for a founder 15 days short of Tech.Pass's five years."""
    data: dict[str, Any] = {
        "nationality": "US",
        "date_of_birth": "1985-01-01",
        "monthly_fixed_salary": {"amount": "25000", "currency": "SGD"},
        "roles": [
            {
                "start": (AS_OF - timedelta(days=1826 - 15 - 1)).isoformat(),
                "role_type": "founder",
                "organisation_type": "tech_company",
                "valuation_usd": "500000000",
            }
        ],
    }
    snapshot = assess(parse_profile(data, default_as_of=AS_OF), rates=DEFAULT_RATES).to_data()
    return replace(
        sample_letter_content(language),
        assessments=rendered_in_each_language(snapshot, language),
        snapshot=snapshot,
        relied_on=("sg_tech_pass",),
    )


@pytest.mark.parametrize(
    ("language", "route", "timeline"),
    [
        (
            LetterLanguage.ENGLISH,
            "Eligible from 9 Dec 2026 if nothing else changes.",
            "9 December 2026: You would be eligible for Tech.Pass from this day, if nothing else changes. (15 days left)",
        ),
        (LetterLanguage.CHINESE, "若其他情况不变，自2026年12月9日起符合资格。", "2026年12月9日"),
    ],
)
def test_the_letter_names_the_day_a_route_opens_by_time_alone(
    language: LetterLanguage, route: str, timeline: str
) -> None:
    text = squash(full_text(render_advice_letter_pdf(_short_leader_letter(language)).pdf))
    assert squash(route) in text
    assert squash(timeline) in text


@pytest.mark.django_db
def test_the_letter_gives_the_consultants_reason_and_not_the_engines_next_step() -> None:
    case, snap, adviser = case_with_snapshot(language="en")
    override_recommendation(
        case=case, pathways=["cn_work_permit"], reason="Your employer sponsors it.", by=adviser
    )
    letter = services.request_advice_letter(
        case=case, assessment=snap, language="en", note="", requested_by=adviser
    )

    content = letter_content(letter)
    text = squash(full_text(render_advice_letter_pdf(content).pdf))

    assert content.override is not None
    assert content.override.pathway == "cn_work_permit"
    assert squash("Your employer sponsors it.") in text
    assert squash("Next step: Your consultant will tell you the next step.") in text
