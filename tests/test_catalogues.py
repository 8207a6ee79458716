"""The 中文 catalogues are complete and compiled, and templates hold no untranslated text."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from assessments.engine import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "var" not in path.parts
)
TEMPLATES = sorted(
    path
    for pattern in (
        "templates/**/*.html",
        "templates/**/*.txt",
        "*/templates/**/*.html",
        "*/templates/**/*.txt",
    )
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
)
# Text a template may hold outside {% translate %}: punctuation, arrows, numbers, entities.
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
TRANSLATABLE_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")


def test_there_are_chinese_catalogues() -> None:
    assert CATALOGUES, "no zh_Hans catalogue found"


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each message, header excluded."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        ids = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        if not ids:
            continue
        msgid = "".join(re.findall(r'"(.*)"', ids.group(1)))
        if not msgid:
            continue
        fuzzy = bool(re.search(r"^#,.*\bfuzzy\b", block, re.M))
        entries.append((msgid, "".join("".join(re.findall(r'"(.*)"', s)) for s in strs), fuzzy))
    return entries


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_message_in_the_chinese_catalogue_is_untranslated_or_fuzzy(po: Path) -> None:
    entries = _entries(po)
    assert entries
    assert [msgid for msgid, msgstr, _ in entries if not msgstr] == []
    assert [msgid for msgid, _, fuzzy in entries if fuzzy] == []


@needs_msgfmt
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_in_the_repository_matches_its_source(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    assert po.with_suffix(".mo").read_bytes() == fresh.read_bytes(), f"run `make messages` for {po}"


def _untranslated_text(template: Path) -> list[str]:
    """Letters a reader would see that do not come from a translate tag or a variable.

    Template tags and variables are replaced by a placeholder first, so a tag inside an HTML
    attribute does not cut the markup; then markup is removed and any remaining word is reported.
    """
    kept = []
    in_blocktranslate = False
    for token in Lexer(template.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = (token.contents.split() or [""])[0]
            if word in {"blocktranslate", "blocktrans", "comment"}:
                in_blocktranslate = True
            elif word in {"endblocktranslate", "endblocktrans", "endcomment"}:
                in_blocktranslate = False
            kept.append("§")
        elif token.token_type == TokenType.TEXT and not in_blocktranslate:
            kept.append(token.contents)
        else:
            kept.append("§")
    source = re.sub(r"<!--.*?-->", " ", "".join(kept), flags=re.S)
    found = [value for value in TRANSLATABLE_ATTRIBUTES.findall(source) if LETTERS.search(value)]
    text = html.unescape(re.sub(r"<[^>]*>", "\n", source))
    found += [chunk.strip() for chunk in text.split("\n") if LETTERS.search(chunk)]
    return found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_text_outside_translate_tags(template: Path) -> None:
    assert _untranslated_text(template) == []


def test_the_template_check_catches_bare_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p class="{{ tone }}">{% translate "Fine" %} {{ name }}</p><p>Bare words</p>'
        '<a aria-label="Close">x</a>{% blocktranslate %}Also {{ fine }}{% endblocktranslate %}'
        "{% comment %}A note for developers{% endcomment %}"
    )
    assert _untranslated_text(page) == ["Close", "Bare words", "x"]


# Forms a catalogue once used for a pass, now replaced by the one name in the engine's registry.
RETIRED_PASS_NAMES = (
    "企业家准证",
    "就业准证（EP）",
    "就业准证（Employment Pass）",
    "科技准证（Tech.Pass）",
    "海外网络与专业人才准证",
    "ONE准证",
    "ONE Pass（",
    "K 字签证",
    "R 字签证",
    "外国人工作许可",
)


def test_each_pathway_name_has_one_chinese_form_wherever_it_is_translated() -> None:
    names = {entry.name for entry in REGISTRY}
    forms: dict[str, set[str]] = {name: set() for name in names}
    for po in CATALOGUES:
        for msgid, msgstr, _ in _entries(po):
            if msgid in names:
                forms[msgid].add(msgstr)
    assert {name: len(found) for name, found in forms.items()} == dict.fromkeys(names, 1), forms


def test_no_catalogue_uses_a_retired_chinese_pass_name() -> None:
    used = [
        (str(po.relative_to(ROOT)), msgid)
        for po in CATALOGUES
        for msgid, msgstr, _ in _entries(po)
        if any(retired in msgstr for retired in RETIRED_PASS_NAMES)
    ]
    assert used == []
