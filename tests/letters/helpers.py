"""Reading rendered letters back: text per page (pypdf) and the fonts the PDF embeds."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

CJK = re.compile(r"[\u3400-\u9fff]")


def squash(text: str) -> str:
    """Text without any whitespace: line wrapping inside table cells must not decide a test."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def full_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base font names on every page, without the subset prefix (ABCDEF+Letter-Sans → Letter-Sans)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            base = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(base.split("+", 1)[-1])
    return names
