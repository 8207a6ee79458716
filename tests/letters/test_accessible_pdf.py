"""The letter's PDF is tagged for screen readers: a structure tree, the document language, a title, and
alt text on every figure; its fonts stay embedded."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf


def _walk(node: Any) -> list[DictionaryObject]:
    """Every structure element under `node`, depth first."""
    if isinstance(node, IndirectObject):
        node = node.get_object()
    found: list[DictionaryObject] = []
    if isinstance(node, ArrayObject):
        for kid in node:
            found.extend(_walk(kid))
    elif isinstance(node, DictionaryObject) and "/S" in node:
        found.append(node)
        if "/K" in node:
            found.extend(_walk(node["/K"]))
    elif isinstance(node, DictionaryObject) and "/K" in node:
        found.extend(_walk(node["/K"]))
    return found


@pytest.fixture(scope="module", params=[LetterLanguage.ENGLISH, LetterLanguage.CHINESE])
def reader(request: pytest.FixtureRequest) -> tuple[LetterLanguage, PdfReader]:
    pdf = render_advice_letter_pdf(sample_letter_content(request.param)).pdf
    return request.param, PdfReader(io.BytesIO(pdf))


def test_the_letter_has_a_structure_tree_and_is_marked_tagged(reader) -> None:
    _, pdf = reader
    root = pdf.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert _walk(root["/StructTreeRoot"])


def test_the_document_language_is_the_letters_language(reader) -> None:
    language, pdf = reader

    assert str(pdf.trailer["/Root"]["/Lang"]).lower() == language.language_codes[0]


def test_the_letter_has_a_title(reader) -> None:
    _, pdf = reader

    assert pdf.metadata is not None
    assert pdf.metadata.title


def test_every_figure_has_alt_text(reader) -> None:
    _, pdf = reader

    figures = [e for e in _walk(pdf.trailer["/Root"]["/StructTreeRoot"]) if str(e["/S"]) == "/Figure"]

    assert figures, "the logo is a figure"
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)


def test_fonts_stay_embedded(reader) -> None:
    _, pdf = reader
    for page in pdf.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
