"""The advice on the result page in a real browser: English and Chinese, desktop and a 375 px phone.

The answers are given through the intake with Django's test client (the journey test drives the intake
itself); the browser then opens the result in the same session. The day is frozen before Tech.Pass
closes (31 Dec 2026) so the deadline shows its days left. Screenshots: artifacts/screenshots/advice-*.png.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.applicants.intake_answers import answer_everything, step_data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

DEVICES = {"desktop": (1280, 900), "phone": (375, 812)}
PREFIX = {"en": "", "zh-hans": "/zh-hans"}
DAYS_LEFT = {"en": "29 days left", "zh-hans": "还剩 29 天"}
RECOMMENDATION = {"en": "Our recommendation: Tech.Pass", "zh-hans": "我们的建议：科技准证"}
CHINA_ROUTES = ("K visa", "China work permit", "R visa", "K字签证", "中国工作许可", "R字签证")


def open_result(browser: Browser, live_server: object, client: Client, language: str, device: str) -> Page:
    width, height = DEVICES[device]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        java_script_enabled=device == "desktop",
        is_mobile=width < 500,
    )
    base = str(live_server.url)  # type: ignore[attr-defined]
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + PREFIX[language] + reverse("applicants:intake-result"))
    return page


@pytest.fixture
def frozen() -> object:
    with time_machine.travel(
        datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Asia/Singapore")), tick=True
    ) as traveller:
        yield traveller


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", PREFIX)
def test_the_recommendation_deadline_and_pictures_come_first(
    browser: Browser, live_server: object, screenshots: Path, frozen: object, language: str, device: str
) -> None:
    client = Client()
    answer_everything(client)
    page = open_result(browser, live_server, client, language, device)
    try:
        headline = page.locator("#advice-title")
        expect(headline).to_contain_text(RECOMMENDATION[language])
        box = headline.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= DEVICES[device][1], "the headline is below the first screen"
        expect(page.locator(".timeline .days-left").first).to_have_text(DAYS_LEFT[language])
        pictures = page.locator("svg.picture")
        assert pictures.count() >= 2
        for index in range(pictures.count()):
            picture = pictures.nth(index)
            assert picture.get_attribute("role") == "img"
            assert (picture.locator("title").text_content() or "").strip()
            figure = picture.locator("xpath=..")
            assert (figure.locator("figcaption").text_content() or "").strip()
        page.screenshot(path=str(screenshots / f"advice-{language}-{device}.png"), full_page=True)
        if (language, device) == ("en", "desktop"):
            before_details = page.evaluate("document.querySelector('details').getBoundingClientRect().top")
            print(
                f"\nEnglish desktop result: {before_details:.0f}px before the collapsed details (screen 900px)"
            )
            assert before_details <= 2 * DEVICES[device][1]
    finally:
        page.context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", PREFIX)
def test_a_chinese_citizen_is_recommended_no_china_visa(
    browser: Browser, live_server: object, screenshots: Path, frozen: object, language: str, device: str
) -> None:
    client = Client()
    answer_everything(client)
    client.post(reverse("applicants:intake-step", args=["about"]), step_data("about", nationality="CN"))
    page = open_result(browser, live_server, client, language, device)
    try:
        headline = page.locator("#advice-title").inner_text()
        assert not any(route in headline for route in CHINA_ROUTES)
        china = page.locator("#best-cn").locator("xpath=..")
        expect(china.locator("a")).to_have_count(0)
        page.screenshot(
            path=str(screenshots / f"advice-chinese-citizen-{language}-{device}.png"), full_page=True
        )
    finally:
        page.context.close()
