"""Save and continue later, and the portal's guides, in a real browser: English and Chinese, desktop
and a 375 px phone (JavaScript off), every page checked with axe-core and saved as a screenshot
(artifacts/screenshots/<language>-<device>-later-NN-<screen>.png and …-guide-NN-…).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from applicants.models import Applicant
from applicants.services.portal import activate_portal_account, submit_for_consultation
from tests.assessments.profiles import senior_engineer

from .axe import AxeChecker
from .devices import DEVICES, device_context
from .test_journey import WORDS, Journey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

PASSWORD = "A long browser passphrase 9"
LATER = {
    "en": {"later": "Save and continue later", "gone": "This link no longer works", "again": "Start again"},
    "zh-hans": {"later": "保存，稍后继续", "gone": "此链接已失效", "again": "重新开始"},
}
PROGRESS = {"en": "0 of {total} required documents sent", "zh-hans": "已提交 0 份，共需 {total} 份必需文件"}


def prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", WORDS)
def test_save_and_continue_later_round_trip(
    browser: Browser, live_server, screenshots: Path, language: str, device: str, celery_eager: None, settings
) -> None:
    # All four runs post from 127.0.0.1 within a minute; the saving limit is not what is tested here.
    settings.INTAKE_SUBMIT_RATE = "100/m"
    mail.outbox.clear()
    spec = DEVICES[device]
    words = WORDS[language]
    name = f"{language}-{device}-later"
    context = device_context(browser, device, language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    axe = AxeChecker(browser, spec.viewport, live_server.url)
    try:
        journey = Journey(page, live_server.url, screenshots, name, axe, javascript=spec.javascript)
        page.goto(f"{live_server.url}{prefix(language)}/assessment/about/")
        journey.born("14", "3", "1992")
        journey.choose("id_about-nationality", "DE")
        journey.radio("about-on_singapore_work_pass", "no")
        journey.submit(words)
        journey.choose("id_education-0-level", "master")
        journey.radio("education-0-field", "stem")
        journey.fill("id_education-0-institution", "National University of Singapore")
        journey.radio("education-0-well_known_institution", "yes")
        journey.radio("education-0-world_top_100", "yes")
        journey.radio("education-0-taught_in_chinese", "no")
        journey.fill("id_education-0-completed_year", "2016")
        journey.submit(words)
        journey.choose("id_pay-currency", "SGD")
        journey.fill("id_pay-monthly_fixed_salary", "24000")
        journey.fill("id_pay-monthly_total_compensation", "31000")
        journey.radio("pay-salary_from_single_employer", "yes")
        journey.fill("id_pay-months_at_current_salary", "18")
        journey.shot("pay")
        page.get_by_role("button", name=LATER[language]["later"]).click()

        # Only an e-mail address and one consent; a missing consent is named in the error summary.
        expect(page.locator("#id_full_name")).to_have_count(0)
        email = f"lena.{language}.{device}@mail.example"
        journey.fill("id_email", email)
        journey.submit_button()
        expect(page.locator("#error-summary a[href='#id_consent_keep_draft']")).to_be_visible()
        journey.shot("later-error")
        page.locator("#id_consent_keep_draft").check()
        journey.submit_button()
        expect(page.locator(".later-sent")).to_contain_text(email)
        journey.shot("later-sent")

        # Days later, in another browser: the e-mailed link puts the answers back where they left off.
        message = next(m for m in mail.outbox if m.to == [email])
        found = re.search(r"https?://\S+", str(message.body))
        assert found
        link = "/" + found.group(0).split("://", 1)[1].split("/", 1)[1]
        context.clear_cookies()
        page.goto(live_server.url + link)
        journey.shot("continue")
        journey.submit_button()
        assert page.url.endswith("/assessment/plans/"), page.url
        journey.shot("restored-next-step")
        page.goto(f"{live_server.url}{prefix(language)}/assessment/pay/")
        expect(page.locator("#id_pay-monthly_fixed_salary")).to_have_value("24000")
        expect(page.locator("#id_pay-months_at_current_salary")).to_have_value("18")

        # The link worked once: again, it says so and offers to start again.
        page.goto(live_server.url + link)
        expect(page.locator("h1")).to_have_text(LATER[language]["gone"])
        expect(page.locator("#start-again")).to_have_text(LATER[language]["again"])
        journey.shot("link-used")
    finally:
        axe.close()
        context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", WORDS)
def test_the_portal_checklist_shows_progress_by_route_and_my_result(
    browser: Browser, live_server, screenshots: Path, language: str, device: str, celery_eager: None
) -> None:
    email = f"guide.{language}.{device}@mail.example"
    profile = {key: value for key, value in senior_engineer().items() if key != "as_of"}
    submission = submit_for_consultation(
        full_name="Mei Tan",
        email=email,
        preferred_language=language,
        consent_text_version="2026-11-24",
        for_cross_border_transfer=True,
        profile=profile,
    )
    applicant = Applicant.objects.get(email=email)
    activate_portal_account(applicant=applicant, password=PASSWORD)
    case = submission.case  # type: ignore[union-attr]
    total = case.documents.filter(is_required=True).count()
    spec = DEVICES[device]
    context = device_context(browser, device, language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    axe = AxeChecker(browser, spec.viewport, live_server.url)
    try:
        journey = Journey(
            page, live_server.url, screenshots, f"{language}-{device}-guide", axe, javascript=spec.javascript
        )
        page.goto(f"{live_server.url}{prefix(language)}/portal/login/")
        journey.fill("id_username", email)
        journey.fill("id_password", PASSWORD)
        journey.submit_button()
        expect(page.locator(".case-card")).to_contain_text(case.reference)
        journey.shot("portal-home")
        page.locator(f".case-card a[href$='/portal/cases/{case.reference}/']").click()

        progress = page.locator("p.checklist-progress")
        expect(progress).to_contain_text(PROGRESS[language].format(total=total))
        expect(progress).to_be_visible()
        # One section per route pursued, each with its own "x of y" and a reason for every item.
        routes = page.locator(".checklist-section")
        assert routes.count() == case.pathways.count()
        expect(routes.first.locator(".section-progress")).to_be_visible()
        assert page.locator("li.document .why").count() == case.documents.count()
        journey.shot("portal-checklist")

        page.locator("a.my-result-link").click()
        expect(page.locator(".advice")).to_be_visible()
        journey.shot("my-result")
    finally:
        axe.close()
        context.close()
