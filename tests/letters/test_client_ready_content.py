"""The letter reads as client-ready: rule ids and source addresses only in the "Rules applied" appendix,
the nationality named in full in the letter's language, and every page's footer naming the letter."""

from __future__ import annotations

import re

import pytest

from assessments.engine import REGISTRY
from letters import services
from letters.content import letter_content
from letters.render import render_advice_letter_pdf
from tests.letters.factories import case_with_snapshot
from tests.letters.helpers import page_texts, squash

pytestmark = pytest.mark.django_db

APPENDIX = {"en": "Rules applied", "zh-hans": "适用的规则"}
# A rule version id as the engine writes it: "<pathway code>/<version>", e.g. sg_tech_pass/C_current.
RULE_ID = re.compile("|".join(re.escape(entry.code) + "/" for entry in REGISTRY))


def _pages(language: str, **applicant) -> tuple[str, list[str]]:
    case, snap, adviser = case_with_snapshot(**applicant)
    letter = services.request_advice_letter(
        case=case, assessment=snap, language=language, note="File in December.", requested_by=adviser
    )
    return letter.reference, page_texts(render_advice_letter_pdf(letter_content(letter)).pdf)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_rule_id_or_source_address_appears_before_the_rules_applied_appendix(language: str) -> None:
    _, pages = _pages(language)
    text = squash("\n".join(pages))
    body, appendix = text.split(squash(APPENDIX[language]), 1)

    assert not RULE_ID.search(body)
    assert "http" not in body
    assert RULE_ID.search(appendix)
    assert "https://" in appendix


@pytest.mark.parametrize(("language", "name"), [("en", "China"), ("zh-hans", "中国")])
def test_the_nationality_is_named_in_full_in_the_letters_language(language: str, name: str) -> None:
    _, pages = _pages(language, nationality="CN")
    first_page = squash(pages[0])

    assert squash(name) in first_page
    assert not re.search(r"(Nationality|国籍)[:：]?CN", first_page)


def test_every_page_footer_names_the_letter() -> None:
    reference, pages = _pages("en")

    assert len(pages) > 1
    assert all(reference in squash(page) for page in pages)
