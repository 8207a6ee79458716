"""'E-mail me this result' and 'Download as PDF' in a real browser: English and Chinese, desktop and a
375 px phone without JavaScript; each page passes axe-core and fits the screen. Screenshots:
artifacts/screenshots/result-copy-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, expect

from applicants.models import Case
from letters.models import ResultCopy
from tests.applicants.intake_answers import answer_everything

from .axe import AxeChecker
from .test_advice import DEVICES, PREFIX, open_result

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

WORDS = {
    "en": {
        "email": "E-mail me this result",
        "pdf": "Download as PDF",
        "bad": "Enter an e-mail address like name@example.com.",
        "send": "Send my result",
        "sent": "Your result is on its way to",
        "ready": "Download the PDF",
    },
    "zh-hans": {
        "email": "用电子邮件把结果发给我",
        "pdf": "下载 PDF",
        "bad": "请输入类似 name@example.com 的电子邮箱地址。",
        "send": "发送我的结果",
        "sent": "您的结果正在发送至",
        "ready": "下载 PDF",
    },
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", PREFIX)
def test_a_copy_by_email_and_as_pdf_without_a_case(
    browser: Browser,
    live_server: object,
    screenshots: Path,
    celery_eager: None,
    settings: Any,
    language: str,
    device: str,
) -> None:
    # The four runs share one client address; the limit itself is tested in tests/security.
    settings.RESULT_EMAIL_RATE = settings.RESULT_PDF_RATE = "100/m"
    client = Client()
    answer_everything(client)
    page = open_result(browser, live_server, client, language, device)
    words = WORDS[language]
    width = DEVICES[device][0]
    axe = AxeChecker(browser, {"width": width, "height": DEVICES[device][1]}, str(live_server.url))  # type: ignore[attr-defined]

    def check(name: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        report = axe.check(page, f"result-copy-{name}-{language}-{device}", javascript=device == "desktop")
        assert not report.blocking, report.blocking
        page.screenshot(path=str(screenshots / f"result-copy-{name}-{language}-{device}.png"), full_page=True)

    try:
        page.get_by_role("link", name=words["email"]).click()
        page.locator("#id_email").fill("mei@")
        page.locator("#id_consent").check()
        page.get_by_role("button", name=words["send"]).click()
        expect(page.locator("body")).to_contain_text(words["bad"])
        check("email-error")
        page.locator("#id_email").fill("mei@mail.example")
        page.locator("#id_consent").check()
        page.get_by_role("button", name=words["send"]).click()
        expect(page.locator("body")).to_contain_text(words["sent"])
        assert [m.to for m in mail.outbox] == [["mei@mail.example"]]
        page.get_by_role("button", name=words["pdf"]).click()
        expect(page.get_by_role("link", name=words["ready"])).to_be_visible()
        check("pdf-ready")
        assert ResultCopy.objects.filter(kind="download", status="ready").count() == 1
        assert not ResultCopy.objects.filter(kind="email").exists()
        assert not Case.objects.exists()
    finally:
        axe.close()
        page.context.close()
