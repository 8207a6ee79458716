"""Real WeasyPrint renders of the standard demo letter, read back with pypdf."""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from typing import Any

import pypdf
import pytest
from django.test import override_settings
from django.utils import translation

from assessments.presentation import headline
from letters.content import LetterContentError, Letterhead, sample_letter_content
from letters.models import LetterLanguage
from letters.render import LetterRenderError, RenderedLetter, _css_counter_label, render_advice_letter_pdf
from letters.sections import build_language_view
from tests.letters.helpers import CJK, embedded_fonts, full_text, page_texts, squash

PAGE_LABELS = {"en": "Page {page} of {pages}", "zh-hans": "第 {page} 页，共 {pages} 页"}


@pytest.fixture(scope="module")
def letters() -> dict[LetterLanguage, RenderedLetter]:
    """The standard letter in each language, rendered once for this module (a render takes ~0.5 s)."""
    return {
        language: render_advice_letter_pdf(sample_letter_content(language)) for language in LetterLanguage
    }


def _outcome_words(language: LetterLanguage) -> set[str]:
    """Every pathway's outcome word, in each language the letter is written in."""
    content = sample_letter_content(language)
    words = set()
    for code in language.language_codes:
        with translation.override(code):
            words |= {headline(r["outcome"]).label for r in content.assessments[code]["results"]}
    return words


@pytest.mark.parametrize("language", list(LetterLanguage))
def test_letter_shows_the_applicant_every_outcome_word_and_chinese(letters, language: LetterLanguage) -> None:
    text = squash(full_text(letters[language].pdf))

    assert squash("陈嘉豪 Chen Jiahao") in text
    outcome_words = _outcome_words(language)
    assert len(outcome_words) >= 3 * len(language.language_codes)  # the sample covers several outcomes
    for word in outcome_words:
        assert squash(word) in text, word
    assert CJK.search(text)


@pytest.mark.parametrize("language", [LetterLanguage.CHINESE, LetterLanguage.BILINGUAL])
def test_chinese_letters_are_written_in_chinese(letters, language: LetterLanguage) -> None:
    text = squash(full_text(letters[language].pdf))

    assert "我们的建议摘要" in text
    assert "关于您的新加坡和中国签证选择的建议" in text
    assert "2026年11月24日" in text


@pytest.mark.parametrize("language", list(LetterLanguage))
def test_every_page_is_numbered_page_x_of_y(letters, language: LetterLanguage) -> None:
    letter = letters[language]
    pages = page_texts(letter.pdf)

    assert letter.page_count == len(pages)
    for number, text in enumerate(pages, start=1):
        for code in language.language_codes:
            assert squash(PAGE_LABELS[code].format(page=number, pages=len(pages))) in squash(text)


@pytest.mark.parametrize("language", [LetterLanguage.ENGLISH, LetterLanguage.CHINESE])
def test_standard_letter_runs_to_three_to_five_pages(letters, language: LetterLanguage) -> None:
    assert 3 <= letters[language].page_count <= 5


def test_bilingual_letter_prints_each_section_in_both_languages(letters) -> None:
    text = squash(full_text(letters[LetterLanguage.BILINGUAL].pdf))

    for english, chinese in [
        ("Summary of our recommendation", "我们的建议摘要"),
        ("Singapore and China compared", "新加坡与中国比较"),
        ("Next steps", "后续步骤"),
        ("Important information", "重要信息"),
    ]:
        assert squash(english) in text
        assert chinese in text


def test_bilingual_letter_says_which_language_governs(letters) -> None:
    text = squash(full_text(letters[LetterLanguage.BILINGUAL].pdf))

    assert squash("If the two versions differ, the English version governs.") in text
    assert "两种文本如有不一致，以英文文本为准。" in text


@pytest.mark.parametrize("language", [LetterLanguage.ENGLISH, LetterLanguage.CHINESE])
def test_single_language_letter_has_no_governing_clause(letters, language: LetterLanguage) -> None:
    text = squash(full_text(letters[language].pdf))

    assert squash("version governs") not in text
    assert "为准" not in text


def test_consultant_note_is_printed_once_even_in_a_bilingual_letter(letters) -> None:
    text = squash(full_text(letters[LetterLanguage.BILINGUAL].pdf))

    assert text.count("嘉豪，请在12月10日前") == 1
    assert text.count(squash("the Tech.Pass is your strongest route today")) == 1


@pytest.mark.parametrize("language", list(LetterLanguage))
def test_letter_is_set_only_in_the_bundled_fonts(letters, language: LetterLanguage) -> None:
    fonts = embedded_fonts(letters[language].pdf)

    assert fonts
    assert all(name.startswith("Letter-") for name in fonts), fonts


def test_rare_name_character_is_printed_from_the_extension_font() -> None:
    content = dataclasses.replace(
        sample_letter_content(LetterLanguage.ENGLISH),
        applicant=dataclasses.replace(
            sample_letter_content(LetterLanguage.ENGLISH).applicant, full_name="刘䶮 Liu Yan"
        ),
    )

    letter = render_advice_letter_pdf(content)

    assert "刘䶮" in squash(full_text(letter.pdf))
    assert "Letter-Sans-Ext" in embedded_fonts(letter.pdf)


def test_character_no_bundled_font_has_fails_the_render_naming_it() -> None:
    content = sample_letter_content(LetterLanguage.ENGLISH)
    content = dataclasses.replace(
        content, applicant=dataclasses.replace(content.applicant, full_name="𠀀 Test")
    )

    with pytest.raises(LetterRenderError, match="U\\+20000"):
        render_advice_letter_pdf(content)


def test_logo_outside_static_letters_fails_the_render() -> None:
    content = sample_letter_content(LetterLanguage.ENGLISH)
    letterhead = dataclasses.replace(content.letterhead, logo="../../consultancy/settings.py")

    with pytest.raises(LetterRenderError, match="outside static/letters"):
        render_advice_letter_pdf(dataclasses.replace(content, letterhead=letterhead))


def test_bilingual_content_without_the_chinese_assessment_is_refused() -> None:
    content = sample_letter_content(LetterLanguage.ENGLISH)

    with pytest.raises(LetterContentError, match="zh-hans"):
        dataclasses.replace(content, language=LetterLanguage.BILINGUAL)


def _with_result_change(change: dict[str, Any]) -> Any:
    content = sample_letter_content(LetterLanguage.ENGLISH)
    data = copy.deepcopy(dict(content.assessments["en"]))
    data["results"][1].update(change)
    return dataclasses.replace(content, assessments={"en": data})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"outcome": "maybe"}, "results[1].outcome"),
        ({"pathway": "us_h1b"}, "results[1].pathway"),
        ({"criteria": "none"}, "results[1].criteria"),
        ({"what_if": [None]}, "results[1].what_if[0]"),
        ({"summary": ""}, "results[1].summary"),
    ],
)
def test_malformed_assessment_data_is_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(LetterContentError, match=field.replace("[", r"\[").replace("]", r"\]")):
        render_advice_letter_pdf(_with_result_change(change))


def test_relied_on_pathways_default_to_the_positive_outcomes() -> None:
    content = dataclasses.replace(sample_letter_content(LetterLanguage.ENGLISH), relied_on=())

    with translation.override("en"):
        view = build_language_view("en", content)

    assert [p.code for p in view.relied_on] == [p.code for p in view.pathways if p.is_positive]
    assert view.relied_on


def test_with_no_positive_outcome_the_letter_explains_the_best_route_per_country() -> None:
    content = sample_letter_content(LetterLanguage.ENGLISH)
    data = copy.deepcopy(dict(content.assessments["en"]))
    for result in data["results"]:
        result["outcome"] = "not_eligible"
    content = dataclasses.replace(content, assessments={"en": data}, relied_on=())

    with translation.override("en"):
        view = build_language_view("en", content)
    text = squash(full_text(render_advice_letter_pdf(content).pdf))

    assert [p.code for p in view.relied_on] == ["sg_tech_pass", "cn_k_visa"]  # first of each country
    assert squash("On the facts you gave us, no pathway is open to you yet.") in text


def test_page_label_keeps_the_translation_word_order_and_escapes_quotes() -> None:
    assert _css_counter_label("第 %(page)s 页，共 %(pages)s 页") == (
        '"第 " counter(page) " 页\\ff0c 共 " counter(pages) " 页"'
    )
    assert _css_counter_label('Page "%(page)s"') == '"Page \\22 " counter(page) "\\22 "'


@override_settings(
    CONSULTANCY_NAME="Lion City Advisory",
    CONSULTANCY_ADDRESS=["1 Main Street", "Singapore 123456"],
    CONSULTANCY_REGISTRATION="UEN 12345678X",
    CONSULTANCY_LOGO="logo.svg",
)
def test_letterhead_comes_from_the_settings() -> None:
    content = dataclasses.replace(
        sample_letter_content(LetterLanguage.ENGLISH), letterhead=Letterhead.from_settings()
    )

    text = squash(full_text(render_advice_letter_pdf(content).pdf))

    for line in ("Lion City Advisory", "1 Main Street", "Singapore 123456", "UEN 12345678X"):
        assert squash(line) in text


def test_the_letter_shows_the_recommendation_timeline_and_pictures_as_vector_paths(letters) -> None:
    pdf = letters[LetterLanguage.ENGLISH].pdf
    text = squash(full_text(pdf))
    assert squash("Next step: Gather your payslips and proof of your leading roles") in text
    assert squash("31 December 2026: Last day for new Tech.Pass applications.") in text
    assert squash("(37 days left)") in text
    assert squash("Eligible once you have an offer of at least S$10,700 a month") in text
    assert squash("China work permit: ") in text  # a traffic light's text equivalent
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    streams = [page.get_contents() for page in reader.pages]
    content = b"".join(stream.get_data() for stream in streams if stream is not None)
    # Each traffic light is a circle: four Bézier curves; nothing else in the letter draws curves.
    assert len(re.findall(rb" c\n", content)) >= 4 * 3
