"""The applicant journey in a real browser: English and Chinese, desktop and a 375 px phone.

Intake → result → save → resume link and password → sign out and in → upload → the item's status.
Each screen is saved as a screenshot under artifacts/screenshots/<language>-<device>-NN-<screen>.png.
The phone runs have JavaScript switched off: every page must work without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.applicants.portal_helpers import PDF

from .axe import AxeChecker
from .conftest import AXE_REPORTS
from .devices import DEVICES, device_context

# serialized_rollback: a live server needs a real transaction, and an earlier transactional test may
# have flushed the reference rows the data migrations created (pathways, groups, exchange rates).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]


# Words that must appear on the page in each language (and the other language's must not).
UPLOADED = {"en": "Uploaded, awaiting review", "zh-hans": "已上传，等待审核"}
PASSWORD = "A long browser passphrase 9"
WORDS = {
    "en": {"check": "Check your answers", "result": "Your result", "continue": "Continue"},
    "zh-hans": {"check": "检查您的回答", "result": "您的结果", "continue": "继续"},
}


class Journey:
    def __init__(
        self, page: Page, base_url: str, folder: Path, name: str, axe: AxeChecker, *, javascript: bool
    ) -> None:
        self.page = page
        self.base_url = base_url
        self.folder = folder
        self.name = name
        self.count = 0
        self.axe = axe
        self.javascript = javascript

    def shot(self, screen: str) -> None:
        self.count += 1
        path = self.folder / f"{self.name}-{self.count:02d}-{screen}.png"
        self.page.screenshot(path=str(path), full_page=True)
        width = self.page.evaluate("document.documentElement.scrollWidth")
        viewport = self.page.viewport_size
        assert viewport is not None
        assert width <= viewport["width"], f"{screen} scrolls sideways: {width}px wide"
        # Every page of the journey passes axe-core with no critical or serious violation.
        report = self.axe.check(
            self.page, f"{self.name}-{self.count:02d}-{screen}", javascript=self.javascript
        )
        AXE_REPORTS.append(report)
        assert not report.blocking, f"{screen} ({self.page.url}): {report.blocking}"

    def fill(self, field_id: str, value: str) -> None:
        self.page.locator(f"#{field_id}").fill(value)

    def born(self, day: str, month: str, year: str) -> None:
        for index, value in enumerate((day, month, year)):
            self.fill(f"id_about-date_of_birth_{index}", value)

    def choose(self, field_id: str, value: str) -> None:
        self.page.locator(f"#{field_id}").select_option(value)

    def radio(self, name: str, value: str) -> None:
        self.page.locator(f'input[name="{name}"][value="{value}"]').check()

    def submit(self, words: dict[str, str]) -> None:
        self.page.get_by_role("button", name=words["continue"], exact=True).click()

    def submit_button(self) -> None:
        self.page.locator("main form[method=post] button[type=submit].btn-primary").last.click()

    @property
    def language(self) -> str:
        return self.name.split("-desktop")[0].split("-phone")[0]


def run_intake(journey: Journey, words: dict[str, str]) -> None:
    page = journey.page
    # On a phone too, "Start now" is on the first screen, without scrolling.
    expect(page.locator("#start-now")).to_be_in_viewport()
    journey.shot("start")
    page.locator("#start-now").click()

    # About you: a validation error first, shown in the summary and next to the field.
    journey.born("1", "1", "2099")
    journey.choose("id_about-nationality", "DE")
    journey.radio("about-on_singapore_work_pass", "no")
    journey.submit(words)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary a[href='#id_about-date_of_birth_0']")).to_be_visible()
    journey.shot("about-error")
    journey.born("14", "3", "1992")
    journey.shot("about")
    journey.submit(words)

    journey.choose("id_education-0-level", "master")
    journey.radio("education-0-field", "stem")
    journey.fill("id_education-0-institution", "National University of Singapore")
    journey.radio("education-0-well_known_institution", "yes")
    journey.radio("education-0-world_top_100", "yes")
    journey.radio("education-0-taught_in_chinese", "no")
    journey.fill("id_education-0-completed_year", "2016")
    journey.shot("education")
    journey.submit(words)

    journey.choose("id_pay-currency", "SGD")
    journey.fill("id_pay-monthly_fixed_salary", "24000")
    journey.fill("id_pay-monthly_total_compensation", "31000")
    journey.radio("pay-salary_from_single_employer", "yes")
    journey.fill("id_pay-months_at_current_salary", "18")
    journey.shot("pay")
    journey.submit(words)

    journey.radio("plans-has_singapore_job_offer", "no")
    journey.radio("plans-has_china_job_offer", "yes")
    journey.radio("plans-has_or_plans_singapore_company", "no")
    journey.shot("plans")
    journey.submit(words)

    journey.fill("id_career-0-organisation", "Example Robotics Pte Ltd")
    journey.fill("id_career-0-title", "Head of Engineering")
    journey.fill("id_career-0-start", "2018-02-01")
    journey.choose("id_career-0-role_type", "leadership")
    journey.choose("id_career-0-organisation_type", "tech_company")
    journey.radio("career-0-organisation_well_known", "yes")
    journey.fill("id_career-0-valuation_usd", "750000000")
    journey.radio("career-0-stem_teaching_or_research", "no")
    # Asked because the offers step (before this one) said there is a China offer.
    journey.radio("career-0-relevant_to_china_job", "yes")
    journey.shot("career")
    journey.submit(words)

    journey.choose("id_china-offer-currency", "CNY")
    journey.fill("id_china-offer-annual_salary", "650000")
    journey.fill("id_china-offer-months_per_year_in_china", "10")
    journey.radio("china-offer-in_encouraged_region", "unknown")
    journey.shot("china-offer")
    journey.submit(words)

    journey.choose("id_achievements-hsk_level", "3")
    for name in (
        "former_chinese_national",
        "international_award",
        "national_talent_programme",
        "holds_patents",
    ):
        journey.radio(f"achievements-{name}", "no")
    journey.radio("achievements-fortune_global_500_experience", "unknown")
    journey.shot("achievements")
    journey.submit(words)

    expect(page.locator("h1")).to_have_text(words["check"])
    journey.shot("check-answers")
    # A Change link goes back to the question and returns to this page.
    page.locator("a[href*='/pay/?change=1']").first.click()
    journey.fill("id_pay-monthly_fixed_salary", "25000")
    journey.submit(words)
    expect(page.locator("h1")).to_have_text(words["check"])
    page.locator("form[action$='/assessment/result/'] button").click()
    expect(page.locator("h1")).to_have_text(words["result"])
    journey.shot("result")


def save_and_use_the_portal(journey: Journey, email: str, upload: Path) -> None:
    page = journey.page
    page.locator("a[href$='/assessment/save/']").click()
    journey.fill("id_full_name", "Mei Tan")
    journey.fill("id_email", email)
    journey.submit_button()  # the consents are missing: the errors are listed and linked
    expect(page.locator("#error-summary a[href='#id_consent_assessment']")).to_be_visible()
    journey.shot("save-error")
    for name in ("consent_assessment", "consent_consultation", "consent_transfer"):
        page.locator(f"#id_{name}").check()
    journey.shot("save")
    journey.submit_button()
    reference = page.locator(".reference").inner_text().strip()
    assert reference.startswith("TP-")
    journey.shot("saved")

    # The e-mailed resume link: create the password, then sign out and sign in with it.
    message = next(m for m in mail.outbox if m.to == [email])
    link = re.search(r"https?://\S+", str(message.body))
    assert link
    page.goto(journey.base_url + "/" + link.group(0).split("://", 1)[1].split("/", 1)[1])
    journey.fill("id_password1", PASSWORD)
    journey.fill("id_password2", PASSWORD)
    journey.shot("create-password")
    journey.submit_button()
    page.locator("form[action$='/portal/logout/'] button").click()
    page.locator("a[href$='/portal/']").first.click()
    journey.fill("id_username", email)
    journey.fill("id_password", PASSWORD)
    journey.shot("login")
    journey.submit_button()

    expect(page.locator(".case-card")).to_contain_text(reference)
    journey.shot("portal-home")
    page.locator(f"a[href$='/portal/cases/{reference}/']").click()
    expect(page.locator(".consultant")).to_be_visible()
    expect(page.locator("#checklist-progress")).to_have_attribute("value", "0")
    first = page.locator("li.document").first
    first.locator("input[type=file]").set_input_files(str(upload))
    first.locator("button[type=submit]").click()
    expect(page.locator("li.document").first.locator(".review-status")).to_have_text(
        UPLOADED[journey.language]
    )
    # The checklist's progress counts the uploaded item ("1 of N required documents sent").
    expect(page.locator("#checklist-progress")).to_have_attribute("value", "1")
    journey.shot("case-after-upload")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", WORDS)
def test_applicant_completes_the_journey(
    browser: Browser,
    live_server,
    screenshots: Path,
    language: str,
    device: str,
    celery_eager: None,
    private_storage: Path,
) -> None:
    upload = private_storage / "payslip.pdf"
    upload.write_bytes(PDF)
    mail.outbox.clear()
    spec = DEVICES[device]
    context = device_context(browser, spec, language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    axe = AxeChecker(browser, spec.viewport, live_server.url)
    try:
        page.goto(live_server.url + "/")
        if language != "en":
            page.locator("#language-select").select_option(language)
            page.locator("header form button").click()
            expect(page.locator("html")).to_have_attribute("lang", language)
        journey = Journey(
            page, live_server.url, screenshots, f"{language}-{device}", axe, javascript=spec.javascript
        )
        run_intake(journey, WORDS[language])
        save_and_use_the_portal(journey, f"mei.tan.{language}.{device}@mail.example", upload)
    finally:
        axe.close()
        context.close()


SWITCH_PAGES = ("/", "/assessment/about/", "/assessment/check/", "/portal/login/", "/portal/sign-in-link/")


def switch_language(page: Page, language: str) -> None:
    page.locator("#language-select").select_option(language)
    page.locator("header form button").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("device", DEVICES)
def test_the_language_switch_works_both_ways_on_every_page_type(
    browser: Browser, live_server, screenshots: Path, device: str
) -> None:
    context = device_context(browser, device, "zh-hans")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for path in SWITCH_PAGES:
            page.goto(f"{live_server.url}/zh-hans{path}")
            expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
            switch_language(page, "en")
            # The intake's check page sends a visitor without answers to the start, in the same language.
            assert "/zh-hans/" not in page.url, page.url
            switch_language(page, "zh-hans")
            assert "/zh-hans/" in page.url, page.url
        page.screenshot(path=str(screenshots / f"language-switch-{device}.png"), full_page=True)
    finally:
        context.close()
