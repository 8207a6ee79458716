"""Applicant data cannot make the renderer fetch anything: it is escaped text, and the fetcher refuses
every URL outside static/letters/ anyway."""

from __future__ import annotations

import copy
import dataclasses
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters import render
from letters.content import sample_letter_content
from letters.models import LetterLanguage
from letters.render import LETTERS_STATIC_DIR, StaticLettersFetcher, URLRefused, render_advice_letter_pdf
from tests.letters.helpers import full_text, squash

ROOT = Path(__file__).resolve().parents[2]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL any letter fetcher is asked for during the test (the real fetcher still answers)."""
    urls: list[str] = []
    real_fetch = StaticLettersFetcher.fetch

    def recording_fetch(self: StaticLettersFetcher, url: str, headers: object = None) -> object:
        urls.append(url)
        return real_fetch(self, url, headers)  # type: ignore[arg-type]

    monkeypatch.setattr(StaticLettersFetcher, "fetch", recording_fetch)
    return urls


def _hostile_values(base: str) -> dict[str, str]:
    return {
        "name": (
            f'<img src="file:///etc/passwd"> Mallory"); }} body {{ background: url({base}/css-in-name) }} '
            f"@import url({base}/import-in-name);"
        ),
        "email": f'mallory@example.com"><img src="{base}/img-in-email">',
        "note": "\n".join(
            [
                '<img src="http://169.254.169.254/latest/meta-data/iam/">',
                f'<link rel="stylesheet" href="{base}/link.css">',
                f'<style>@import url("{base}/style-import.css");</style>',
                f'<div style="background-image: url({base}/inline-style)">styled</div>',
                f'<svg><image href="{base}/svg-image"/></svg>',
                '<object data="file:///etc/passwd"></object>',
                f'<iframe src="{base}/iframe"></iframe>',
                '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
            ]
        ),
        "actual": f'<img src="{base}/img-in-engine-text"> url({base}/url-in-engine-text)',
    }


@pytest.mark.parametrize("language", [LetterLanguage.ENGLISH, LetterLanguage.BILINGUAL])
def test_hostile_applicant_values_fetch_nothing_and_print_as_text(
    listener: tuple[str, list[str]], fetched: list[str], language: LetterLanguage
) -> None:
    base, server_requests = listener
    hostile = _hostile_values(base)
    content = sample_letter_content(language)
    assessments = copy.deepcopy({code: dict(data) for code, data in content.assessments.items()})
    for data in assessments.values():
        data["results"][0]["criteria"][0]["actual"] = hostile["actual"]
    content = dataclasses.replace(
        content,
        applicant=dataclasses.replace(content.applicant, full_name=hostile["name"], email=hostile["email"]),
        consultant_note=hostile["note"],
        assessments=assessments,
    )

    text = squash(full_text(render_advice_letter_pdf(content).pdf))

    assert server_requests == []
    outside = [url for url in fetched if not url.startswith(LETTERS_STATIC_DIR.as_uri() + "/")]
    assert outside == []
    for value in hostile.values():
        for line in value.splitlines():
            assert squash(line) in text, line
    assert "root:x:0:0" not in text


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/letter.css",
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.com/font.woff2",
        "data:text/css,body{color:red}",
        "file:///etc/passwd",
        f"file://{LETTERS_STATIC_DIR}/../../consultancy/settings.py",
        f"file://{LETTERS_STATIC_DIR}/%2e%2e/%2e%2e/consultancy/settings.py",
        f"file://evil.example{LETTERS_STATIC_DIR}/letter.css",
        f"file://{LETTERS_STATIC_DIR}/letter.css?x=1",
        f"file://{LETTERS_STATIC_DIR}/does-not-exist.css",
        f"file://{LETTERS_STATIC_DIR}/fonts",
        "letter.css",
    ],
)
def test_fetcher_refuses_anything_but_a_file_under_static_letters(url: str) -> None:
    fetcher = StaticLettersFetcher()

    with pytest.raises(URLRefused):
        fetcher.fetch(url)

    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_fetcher_refuses_a_symlink_that_leads_outside_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "letters"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    os.symlink(secret, root / "innocent.css")

    with pytest.raises(URLRefused):
        StaticLettersFetcher(root).fetch((root / "innocent.css").as_uri())


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("letter.css", "text/css"),
        ("logo.svg", "image/svg+xml"),
        ("fonts/NotoSansCJKsc-Bold-latin.woff2", "font/woff2"),
    ],
)
def test_fetcher_serves_our_letter_assets(name: str, content_type: str) -> None:
    fetcher = StaticLettersFetcher()
    url = (LETTERS_STATIC_DIR / name).as_uri()

    response = fetcher.fetch(url)

    assert response.read() == (LETTERS_STATIC_DIR / name).read_bytes()
    assert response.content_type == content_type
    assert fetcher.served == [url]


def test_letter_templates_never_turn_autoescaping_off() -> None:
    for template in (ROOT / "letters" / "templates" / "letters").glob("*.html"):
        source = template.read_text()
        for unsafe in ("|safe", "safeseq", "autoescape off", "{% filter"):
            assert unsafe not in source, f"{template.name} uses {unsafe}"


def test_render_module_marks_nothing_safe() -> None:
    for module in (render.__file__, ROOT / "letters" / "sections.py"):
        assert "mark_safe" not in Path(str(module)).read_text()
