"""Fixtures for the assessment and letter tests."""

from __future__ import annotations

from pathlib import Path

import pytest


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
