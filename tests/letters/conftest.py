"""Fixtures for the assessment and letter tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import render_advice_letter_pdf


@pytest.fixture(autouse=True)
def letter_files(settings, tmp_path: Path) -> Path:
    """Each test's letter PDFs go to its own folder (the real storage class, another location)."""
    folder = tmp_path / "private" / "letters"
    settings.STORAGES = {
        **settings.STORAGES,
        "letters": {
            **settings.STORAGES["letters"],
            "OPTIONS": {**settings.STORAGES["letters"]["OPTIONS"], "location": str(folder)},
        },
    }
    return folder


@pytest.fixture(scope="session")
def pdf() -> bytes:
    """A real letter PDF to store as a rendered letter's file (the English sample, rendered once a run)."""
    return render_advice_letter_pdf(sample_letter_content(LetterLanguage.ENGLISH)).pdf
