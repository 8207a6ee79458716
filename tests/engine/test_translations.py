"""Every msgid the engine can emit has a real Simplified Chinese translation with the same placeholders."""

from __future__ import annotations

import ast
import gettext
import random
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessments.engine import DEFAULT_RATES, assess, parse_profile, render_assessment
from bench.bench_engine import random_profile

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "assessments" / "engine"
CATALOGUE = ROOT / "assessments" / "locale" / "zh_Hans" / "LC_MESSAGES"
HAN = re.compile(r"[\u4e00-\u9fff]")


def marked_msgids() -> set[str]:
    """Every string literal passed to the engine's `gettext_noop` marker."""
    found: set[str] = set()
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "gettext_noop"
            ):
                argument = node.args[0]
                assert isinstance(argument, ast.Constant), (
                    f"{path.name}:{node.lineno}: gettext_noop needs a literal"
                )
                value = argument.value
                assert isinstance(value, str)
                found.add(value)
    return found


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def parse_po(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy). A small parser for the single-form entries this catalogue has."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        current: str | None = None
        parts: dict[str, list[str]] = {"msgid": [], "msgstr": []}
        for line in block.splitlines():
            if line.startswith("msgid "):
                current = "msgid"
                line = line[6:]
            elif line.startswith("msgstr "):
                current = "msgstr"
                line = line[7:]
            elif not line.startswith('"'):
                continue
            if current:
                parts[current].append(line)
        if parts["msgid"]:
            entries[_unquote(parts["msgid"])] = (_unquote(parts["msgstr"]), fuzzy)
    return entries


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


MSGIDS = sorted(marked_msgids())
PO = parse_po(CATALOGUE / "django.po")


def test_the_engine_marks_a_substantial_set_of_msgids() -> None:
    assert len(MSGIDS) > 150


@pytest.mark.parametrize("msgid", MSGIDS)
def test_msgid_has_a_chinese_translation_with_the_same_placeholders(msgid: str) -> None:
    assert msgid in PO, "run makemessages"
    msgstr, fuzzy = PO[msgid]
    assert msgstr
    assert not fuzzy
    assert placeholders(msgstr) == placeholders(msgid)
    if re.search("[A-Za-z]", re.sub(r"\{\w+\}", "", msgid)):
        assert HAN.search(msgstr), f"not translated into Chinese: {msgstr}"


def test_compiled_catalogue_matches_the_po_file() -> None:
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid in MSGIDS:
        assert compiled.gettext(msgid) == PO[msgid][0], msgid


def _sample_assessments() -> list[dict[str, Any]]:
    rng = random.Random(7)
    return [
        assess(
            parse_profile(random_profile(rng), default_as_of=date(2026, 11, 24)), rates=DEFAULT_RATES
        ).to_data()
        for _ in range(300)
    ]


def _message_ids(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = {value["id"]} if set(value) == {"id", "params"} else set()
        for item in value.values():
            found |= _message_ids(item)
        return found
    if isinstance(value, list):
        return set().union(*(_message_ids(item) for item in value)) if value else set()
    return set()


def test_every_message_the_engine_emits_is_a_marked_msgid() -> None:
    emitted = set().union(*(_message_ids(data) for data in _sample_assessments()))
    assert emitted <= set(MSGIDS)
    assert len(emitted) > 100


def test_an_assessment_renders_fully_in_chinese() -> None:
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for data in _sample_assessments()[:50]:
        contract = render_assessment(data, compiled.gettext)
        for result in contract["results"]:
            assert HAN.search(result["summary"]), result["summary"]
            for criterion in result["criteria"]:
                assert HAN.search(criterion["requirement"]), criterion["requirement"]
