"""Pictures of a result, drawn on the server as inline SVG: no JavaScript, no style attributes (the CSP
forbids inline styles; SVG presentation attributes such as `fill` are not styles), an accessible name
(`<title>`), a description (`<desc>`) and the same words as a text equivalent printed beside the picture.
The result page and the PDF letter include the same markup (WeasyPrint draws SVG as vector paths).

Callers pass numbers and words already in the reader's language; this module only draws.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Outcome tone (presentation's Bootstrap colour names) -> a traffic-light colour with enough contrast.
LIGHTS: dict[str, str] = {
    "success": "#198754",
    "info": "#0b7285",
    "warning": "#b35c00",
    "danger": "#b02a37",
    "secondary": "#6c757d",
}
# The letter's bundled fonts first (the PDF may use no other); the page falls back to its sans-serif.
FONTS = "Letter Sans, Letter Sans Ext, sans-serif"
WIDTH = 320
BAR_HEIGHT = 18
_ids = itertools.count(1)


@dataclass(frozen=True)
class Picture:
    svg: SafeString
    text: str  # the text equivalent, printed with the picture


@dataclass(frozen=True)
class Mark:
    value: float
    label: str


def _svg(title: str, desc: str, height: int, body: SafeString, *, width: int = WIDTH) -> SafeString:
    ident = f"pic-{next(_ids)}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="picture" role="img" width="{}" height="{}" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-t {}-d" font-family="{}"><title id="{}-t">{}</title>'
        '<desc id="{}-d">{}</desc>{}</svg>',
        width,
        height,
        width,
        height,
        ident,
        ident,
        FONTS,
        ident,
        title,
        ident,
        desc,
        body,
    )


def traffic_light(title: str, tone: str, text: str) -> Picture:
    """One coloured light for a route's outcome; its words are the text equivalent printed beside it."""
    colour = LIGHTS.get(tone, LIGHTS["secondary"])
    body = format_html('<circle cx="12" cy="12" r="10" fill="{}"/>', colour)
    return Picture(_svg(title, text, 24, body, width=24), text)


def bar(title: str, value: float, marks: Sequence[Mark], text: str, *, value_label: str) -> Picture:
    """A horizontal bar for `value` against labelled lines (a pass mark, category lines, thresholds)."""
    top = max([value, *(mark.value for mark in marks)]) * 1.15 or 1.0
    scale = (WIDTH - 20) / top
    reached = all(value >= mark.value for mark in marks[:1])
    fill = LIGHTS["success"] if reached else LIGHTS["warning"]
    lines = format_html_join(
        "",
        '<line x1="{0}" y1="14" x2="{0}" y2="{1}" stroke="#212529" stroke-width="2"/>'
        '<text x="{0}" y="{2}" font-size="11" text-anchor="{3}" fill="#212529">{4}</text>',
        (
            (x, 22 + BAR_HEIGHT + 2, 22 + BAR_HEIGHT + 16 + 12 * (i % 2), _anchor(x), mark.label)
            for i, mark in enumerate(marks)
            for x in (round(10 + mark.value * scale, 1),)
        ),
    )
    body = format_html(
        '<text x="10" y="11" font-size="11" fill="#212529">{}</text>'
        '<rect x="10" y="20" width="{}" height="{}" fill="#e9ecef"/>'
        '<rect x="10" y="20" width="{}" height="{}" fill="{}"/>{}',
        value_label,
        WIDTH - 20,
        BAR_HEIGHT,
        round(value * scale, 1),
        BAR_HEIGHT,
        fill,
        lines,
    )
    return Picture(_svg(title, text, 22 + BAR_HEIGHT + 36, body), text)


def _anchor(x: float) -> str:
    """Labels near an edge grow inwards, so a long name is not cut off."""
    if x < WIDTH / 4:
        return "start"
    return "end" if x > WIDTH * 3 / 4 else "middle"


LABEL_WIDTH = 130
ROW_HEIGHT = 20
LABEL_CHARS = 20  # a longer label is cut (…) in the picture; the text equivalent has it whole


def bar_chart(title: str, rows: Sequence[tuple[str, int]], text: str) -> Picture:
    """Small horizontal bars, one per (label, count) row, each with its count written at its end (the
    staff dashboard's charts). `text` is the text equivalent: the same counts in words."""
    top = max((count for _, count in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 40
    body = format_html_join(
        "",
        '<text x="{0}" y="{1}" font-size="11" text-anchor="end" fill="#212529">{2}</text>'
        '<rect x="{3}" y="{4}" width="{5}" height="{6}" fill="{7}"/>'
        '<text x="{8}" y="{1}" font-size="11" fill="#212529">{9}</text>',
        (
            (
                LABEL_WIDTH - 6,
                i * ROW_HEIGHT + 14,
                label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                LABEL_WIDTH,
                i * ROW_HEIGHT + 4,
                round(count / top * room, 1),
                ROW_HEIGHT - 6,
                LIGHTS["info"],
                LABEL_WIDTH + round(count / top * room, 1) + 4,
                count,
            )
            for i, (label, count) in enumerate(rows)
        ),
    )
    return Picture(_svg(title, text, max(len(rows), 1) * ROW_HEIGHT + 4, body), text)
