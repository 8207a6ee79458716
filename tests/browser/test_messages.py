"""A message round trip in a real browser, in English and Chinese, on a desktop and a 375 px phone.

The applicant signs in to the portal and writes to their consultant with an attachment; the consultant
signs in to the admin (password, then the authenticator's TOTP code), sees the unread badge on the case
list, reads the message and replies; the applicant then sees "1 unread message" at the top of the portal
and of the case page, and reads the reply. Every page is checked with axe-core and saved under
artifacts/screenshots/<language>-<device>-messages-NN-<screen>.png. The phone runs have JavaScript off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from applicants.models import Message
from applicants.services.people import create_applicant
from tests.applicants.factories import PASSWORD as STAFF_PASSWORD
from tests.applicants.factories import make_case, make_user
from tests.applicants.portal_helpers import PDF

from .axe import AxeChecker
from .conftest import AXE_REPORTS
from .devices import DEVICES, device_context

# As in test_journey.py: a live server needs real transactions, and the reference rows are restored.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

APPLICANT_PASSWORD = "A long browser passphrase 9"
QUESTION = {
    "en": "Is my degree certificate enough, or do you need a transcript too?",
    "zh-hans": "我的学位证书够吗？还是也需要成绩单？",
}
ANSWER = {
    "en": "The certificate is enough; no transcript needed.",
    "zh-hans": "学位证书就够了，不需要成绩单。",
}
WORDS = {
    "en": {"send": "Send the message", "unread": "1 unread message", "reply": "Send the message"},
    "zh-hans": {"send": "发送消息", "unread": "1 条未读消息", "reply": "发送消息"},
}


class Screens:
    """Screenshots, the no-sideways-scrolling check and axe-core, for every page of the round trip."""

    def __init__(self, axe: AxeChecker, folder: Path, name: str, *, javascript: bool) -> None:
        self.axe, self.folder, self.name, self.javascript = axe, folder, name, javascript
        self.count = 0

    def shot(self, page: Page, screen: str) -> None:
        self.count += 1
        label = f"{self.name}-messages-{self.count:02d}-{screen}"
        page.screenshot(path=str(self.folder / f"{label}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.viewport_size
        assert viewport is not None
        assert width <= viewport["width"], f"{screen} scrolls sideways: {width}px wide"
        report = self.axe.check(page, label, javascript=self.javascript)
        AXE_REPORTS.append(report)
        assert not report.blocking, f"{screen} ({page.url}): {report.blocking}"


def _portal(language: str) -> str:
    return "/zh-hans/portal/" if language == "zh-hans" else "/portal/"


def _sign_in_to_the_admin(page: Page, base: str, consultant: User) -> None:
    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", consultant.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    device = TOTPDevice.objects.get(user=consultant)
    page.fill(
        "#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    )
    page.click("input[type=submit]")
    page.wait_for_url(base + reverse("admin:index"))


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_message_round_trip_between_applicant_and_consultant(
    browser: Browser,
    live_server,
    screenshots: Path,
    language: str,
    device: str,
    celery_eager: None,
    private_storage: Path,
) -> None:
    attachment = private_storage / "degree.pdf"
    attachment.write_bytes(PDF)
    mail.outbox.clear()
    # A superuser as the consultant: the test must not depend on the groups of the data migrations.
    consultant = make_user("ravi", first_name="Ravi", last_name="Kumar", is_superuser=True)
    email = f"mei.{language}.{device}@mail.example"
    user = User.objects.create_user(email, email=email, password=APPLICANT_PASSWORD)
    applicant = create_applicant(full_name="Mei Tan", email=email, user=user, preferred_language=language)
    case = make_case(applicant=applicant, assigned_to=consultant)
    spec = DEVICES[device]
    base = live_server.url
    axe = AxeChecker(browser, spec.viewport, base)
    screens = Screens(axe, screenshots, f"{language}-{device}", javascript=spec.javascript)
    words = WORDS[language]
    applicant_context, staff_context = (
        device_context(browser, spec, language),
        device_context(browser, spec, language),
    )
    try:
        # The applicant signs in and writes, with an attachment.
        page = applicant_context.new_page()
        page.set_default_timeout(15_000)
        page.goto(base + _portal(language) + "login/")
        page.fill("#id_username", email)
        page.fill("#id_password", APPLICANT_PASSWORD)
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.locator(f"a[href$='/portal/cases/{case.reference}/']").first.click()
        page.locator(".messages-notice a").click()
        expect(page.locator("h1")).to_contain_text(case.reference)
        page.fill("#id_body", "")
        page.locator(".message-form button[type=submit]").click()  # empty: refused, summary and field
        expect(page.locator("#error-summary a[href='#id_body']")).to_be_visible()
        screens.shot(page, "portal-empty-message")
        page.fill("#id_body", QUESTION[language])
        page.set_input_files("#id_attachment", str(attachment))
        screens.shot(page, "portal-write")
        page.get_by_role("button", name=words["send"]).click()
        expect(page.locator(".message-mine .message-body")).to_have_text(QUESTION[language])
        screens.shot(page, "portal-sent")
        # The consultant is told without the words.
        (notice,) = [m for m in mail.outbox if m.to == [consultant.email]]
        assert QUESTION[language] not in str(notice.body)

        # The consultant signs in with their TOTP code, sees the badge, reads and replies.
        admin = staff_context.new_page()
        admin.set_default_timeout(15_000)
        _sign_in_to_the_admin(admin, base, consultant)
        admin.goto(base + reverse("admin:applicants_case_changelist"))
        badge = admin.locator("a.unread-messages")
        expect(badge).to_have_text(words["unread"])
        screens.shot(admin, "admin-case-list")
        badge.click()
        expect(admin.locator(".message-applicant .message-body")).to_have_text(QUESTION[language])
        expect(admin.locator(".message-applicant a[href$='/attachment/']")).to_be_visible()
        admin.fill("#id_body", ANSWER[language])
        screens.shot(admin, "admin-conversation")
        admin.locator("form[enctype='multipart/form-data'] input[type=submit]").click()
        expect(admin.locator(".message-consultancy .message-body")).to_have_text(ANSWER[language])
        assert Message.objects.get(side="applicant").read_at is not None
        (reply_notice,) = [m for m in mail.outbox if m.to == [email]]
        assert ANSWER[language] not in str(reply_notice.body)

        # The applicant sees the unread count at the top of the portal and the case, then the reply.
        page.goto(base + _portal(language))
        expect(page.locator(".unread-messages")).to_contain_text(words["unread"])
        screens.shot(page, "portal-home-unread")
        page.locator(f"a[href$='/portal/cases/{case.reference}/']").first.click()
        expect(page.locator(".messages-notice .unread-count")).to_have_text(words["unread"])
        screens.shot(page, "portal-case-unread")
        page.locator(".messages-notice a").click()
        expect(page.locator(".message-theirs .message-body")).to_have_text(ANSWER[language])
        expect(page.locator(".message-theirs .message-new")).to_be_visible()
        screens.shot(page, "portal-reply")
        page.goto(base + _portal(language))
        expect(page.locator(".unread-messages")).to_have_count(0)  # reading marked it read
    finally:
        axe.close()
        applicant_context.close()
        staff_context.close()
