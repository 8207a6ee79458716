"""The letter's Chinese: every string translated, and all of it in the common font file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
    ROOT / "letters" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated(catalogue: Path) -> None:
    for option in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(
            ["msgattrib", option, "--no-obsolete", str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        assert re.findall(r'^msgid "(.+)"$', left, re.MULTILINE) == [], option


def test_our_chinese_text_needs_only_the_common_font_file() -> None:
    """Rare characters come only from names: a letter that has none never loads the 5 MB file."""
    font = TTFont(ROOT / "static" / "letters" / "fonts" / "NotoSansCJKsc-Regular-common.woff2")
    covered = set(font.getBestCmap())
    chinese = "".join(
        first + rest
        for catalogue in CATALOGUES
        for first, rest in re.findall(
            r'^msgstr "(.*)"\n((?:".*"\n)*)', catalogue.read_text(encoding="utf-8"), re.M
        )
    )
    assert "尊敬的" in chinese

    assert sorted({ch for ch in chinese if ord(ch) > 0x2E7F and ord(ch) not in covered}) == []
