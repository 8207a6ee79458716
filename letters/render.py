"""PDF advice letters: the one render function, and the fetcher.

`render_advice_letter_pdf` turns a `LetterContent` into PDF bytes with WeasyPrint. It reads nothing but
the content it is given and the files under static/letters/ (print CSS, bundled fonts, logo), through
`StaticLettersFetcher`, which refuses every other URL. Applicant data reaches the template only as
autoescaped text. A letter whose text the bundled fonts cannot show fails with `LetterRenderError`
naming the characters, instead of printing empty boxes.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from assessments.presentation import present

from .content import LetterContent
from .sections import DATE_FORMATS, LanguageView, build_language_view

logger = logging.getLogger(__name__)

LETTERS_STATIC_DIR = Path(settings.BASE_DIR) / "static" / "letters"
LETTER_STYLESHEET = "letter.css"
# The families the print CSS gives the bundled Noto Sans CJK SC files (see letter.css).
LETTER_FONT_FAMILIES = frozenset({"Letter Sans", "Letter Sans Ext", "Letter Latin Bold"})


class LetterRenderError(RuntimeError):
    """The letter rendered, but not faithfully (e.g. characters no bundled font can show). Permanent."""


class URLRefused(ValueError):
    """The letter asked for a resource outside static/letters/."""


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    page_count: int


class StaticLettersFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher that serves regular files under `root` and refuses everything else.

    Refused: other schemes (http, https, ftp, data), file URLs with a host, query or fragment, paths that
    leave `root` (`..`, symlinks) and missing files. Every request is recorded, served or refused, so
    tests and logs can show exactly what a render asked for. A refusal stops the render: a letter
    without its stylesheet or font must fail loudly, and nothing we print should ask for anything else.
    """

    def __init__(self, root: Path = LETTERS_STATIC_DIR) -> None:
        super().__init__(fail_on_errors=True)
        self.root = root.resolve()
        self.served: list[str] = []
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """The file `url` names, if the fetcher may serve it; otherwise `URLRefused`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise URLRefused(f"only files under static/letters/ may be used in a letter, not {url!r}")
        if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
            raise URLRefused(f"file URL with a host, query or fragment refused: {url!r}")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise URLRefused(f"not a file under static/letters/: {url!r}")
        return path

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        try:
            path = self.resolve(url)
        except URLRefused:
            self.refused.append(url)
            logger.warning("letter renderer refused to fetch %r", url[:200])
            raise
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


@cache
def _font_configuration() -> tuple[FontConfiguration, CSS]:
    """The bundled fonts and the print stylesheet, loaded once per process.

    Loading the 10 MB CJK font (WOFF2 decompression, Fontconfig registration) costs about half a second;
    every letter rendered by the same process reuses it.
    """
    font_config = FontConfiguration()
    stylesheet = CSS(
        filename=str(LETTERS_STATIC_DIR / LETTER_STYLESHEET),
        font_config=font_config,
        url_fetcher=StaticLettersFetcher(),
    )
    return font_config, stylesheet


@cache
def _page_stylesheet(language_codes: tuple[str, ...], font_config: FontConfiguration) -> CSS:
    """The page footer ("Page X of Y") in the letter's language(s), as generated CSS.

    Built from our own translations only, each character CSS-escaped, so no text can end the string.
    """
    labels = []
    for code in language_codes:
        with translation.override(code):
            labels.append(_css_counter_label(gettext("Page %(page)s of %(pages)s")))
    separator = ' "  ·  " '
    return CSS(
        string=f"@page {{ @bottom-center {{ content: {separator.join(labels)}; }} }}",
        font_config=font_config,
        url_fetcher=StaticLettersFetcher(),
    )


def _css_string(text: str) -> str:
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'


def _css_counter_label(template: str) -> str:
    """'Page %(page)s of %(pages)s' → '"Page " counter(page) " of " counter(pages)' (any word order)."""
    tokens: list[str] = []
    rest = template
    while rest:
        positions = [(rest.find(marker), marker) for marker in ("%(page)s", "%(pages)s") if marker in rest]
        if not positions:
            tokens.append(_css_string(rest))
            break
        index, marker = min(positions)
        if index:
            tokens.append(_css_string(rest[:index]))
        tokens.append("counter(pages)" if marker == "%(pages)s" else "counter(page)")
        rest = rest[index + len(marker) :]
    return " ".join(tokens)


# WeasyPrint keeps per-process state (Pango font map, Fontconfig): one render at a time per process.
_RENDER_LOCK = threading.Lock()


def render_advice_letter_pdf(letter: LetterContent) -> RenderedLetter:
    """Render `letter` to PDF. Pure apart from reading static/letters/: same content, same text.

    Raises `LetterContentError` for content that cannot make a letter and `LetterRenderError` when the
    bundled fonts cannot show some of its characters. Both are permanent: retrying will not help.
    """
    codes = letter.language.language_codes
    views: list[LanguageView] = []
    for code in codes:
        with translation.override(code):
            views.append(build_language_view(code, letter))
    with translation.override(codes[0]):
        html = render_to_string(
            "letters/advice_letter.html",
            {
                "letter": letter,
                "views": views,
                "primary": views[0],
                "is_bilingual": len(views) > 1,
                "pathway_sections": _pathway_sections(views),
                "logo_url": (LETTERS_STATIC_DIR / letter.letterhead.logo).as_uri(),
            },
        )
    return _write_pdf(html, codes)


def _write_pdf(html: str, codes: tuple[str, ...]) -> RenderedLetter:
    """The HTML as a tagged PDF with the bundled fonts and print CSS, fetching only from static/letters/."""
    fetcher = StaticLettersFetcher()
    with _RENDER_LOCK, _no_garbage_collection():
        font_config, stylesheet = _font_configuration()
        try:
            document = HTML(
                string=html, base_url=LETTERS_STATIC_DIR.as_uri() + "/", url_fetcher=fetcher
            ).render(font_config=font_config, stylesheets=[stylesheet, _page_stylesheet(codes, font_config)])
        except FatalURLFetchingError as error:
            # WeasyPrint stops at the first refused URL (a BaseException, so that nothing swallows it).
            raise LetterRenderError(
                f"the letter refers to something outside static/letters/: {fetcher.refused}"
            ) from error
        # Tagged (structure tree, reading order, /Lang from the html and lang attributes, /Alt from
        # alt text) so screen readers can navigate the letter; fonts stay embedded as before.
        pdf = document.write_pdf(pdf_tags=True)
        _check_every_character_was_drawn(document)
    return RenderedLetter(pdf=pdf, page_count=len(document.pages))


def render_result_pdf(snapshot: Mapping[str, Any], language: str, *, consultancy: str) -> RenderedLetter:
    """A self-assessment result (the engine's `to_data()`) as a one-page PDF in `language` ("en" or
    "zh-hans"): the recommendation, the dates that matter, the pay picture and a traffic light per route,
    worded by `assessments.presentation` as on the result page. Tagged like the letters."""
    with translation.override(language):
        result = present(snapshot)
        html = render_to_string(
            "letters/result_summary.html",
            {
                "result": result,
                "language": language,
                "consultancy": consultancy,
                "date_format": DATE_FORMATS[language],
            },
        )
    return _write_pdf(html, (language,))


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Python's cyclic collector, paused for one render: a render allocates some 100,000 objects,
    which set off several full collections over everything the process holds (about 4% of the render
    time). The cycles a render leaves are collected when it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _pathway_sections(views: list[LanguageView]) -> list[list[dict[str, Any]]]:
    """Each pathway relied on, once per language, so a bilingual letter prints both versions together.

    `explain` says whether its outcome's meaning is printed: only the first time that outcome appears
    (the summary explains the recommended route's), so no sentence is printed twice.
    """
    sections = []
    explained: dict[str, set[str]] = {}
    for view in views:
        recommended = view.recommended
        explained[view.code] = (
            {recommended.outcome} if recommended is not None and recommended.is_positive else set()
        )
    for i in range(len(views[0].relied_on)):
        row = []
        for view in views:
            pathway = view.relied_on[i]
            row.append(
                {"view": view, "pathway": pathway, "explain": pathway.outcome not in explained[view.code]}
            )
            explained[view.code].add(pathway.outcome)
        sections.append(row)
    return sections


def _check_every_character_was_drawn(document: Any) -> None:
    """Refuse a PDF that would print empty boxes or blanks where text should be."""
    missing = sorted({codepoint for font in document.fonts.values() for codepoint in font.missing})
    if missing:
        listed = ", ".join(f"{chr(c)} (U+{c:04X})" for c in missing[:20])
        raise LetterRenderError(f"the letter's fonts cannot show these characters: {listed}")
    for font in document.fonts.values():
        # Glyphs numbered beyond the embedded font come from another font file that WeasyPrint merged
        # under the same name (see letter.css): they would print blank.
        if font.to_unicode and max(font.to_unicode) >= font.glyph_count:
            raise LetterRenderError(
                f"glyphs of two font files were merged under {font.family!r}; fix letter.css"
            )
