"""Playwright driving Debian's chromium against pytest-django's live server.

Never downloads a browser: it runs /usr/bin/chromium (bin/system-deps installs it). Screenshots go to
artifacts/screenshots/, which CI lists in its log.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from .axe import PageReport

# Every page axe checked in this run, summarised at the end of the log (one line per page).
AXE_REPORTS: list[PageReport] = []

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous, so Django's async-safety guard must be told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make install` (bin/system-deps installs Debian's chromium)."
        )
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not AXE_REPORTS:
        return
    terminalreporter.section("axe-core accessibility summary (per page)")
    for report in AXE_REPORTS:
        terminalreporter.write_line(report.line())
    blocking = sum(len(report.blocking) for report in AXE_REPORTS)
    terminalreporter.write_line(
        f"axe: {len(AXE_REPORTS)} pages checked, {blocking} critical or serious violations"
    )


@pytest.fixture
def private_storage(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files (documents, attachments, exports) go to this test's own folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "consultancy.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path
