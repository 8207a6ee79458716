"""`manage.py render_sample_letter`: the standard letter through the same render function, no broker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.letters.helpers import full_text, squash

ROOT = Path(__file__).resolve().parents[2]


def test_writes_the_chinese_demo_letter_and_says_what_it_wrote(tmp_path: Path, capsys) -> None:
    output = tmp_path / "letter.pdf"

    call_command("render_sample_letter", "--language", "zh-hans", "--output", str(output))

    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert "我们的建议摘要" in squash(full_text(pdf))
    assert capsys.readouterr().out.startswith(f"{output}: ")


def test_an_output_folder_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("render_sample_letter", "--output", str(tmp_path / "nowhere" / "letter.pdf"))


def test_an_unknown_language_is_refused_by_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "render_sample_letter",
            "--language",
            "fr",
            "--output",
            str(tmp_path / "x.pdf"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
