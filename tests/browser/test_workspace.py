"""A consultant's day in a real browser: sign in with password and authenticator code, find the new case
on the dashboard, take it, move it, request a letter, preview it and release it; the applicant sees the
letter in the portal only after release. axe-core checks every admin page visited (no critical or
serious violation), and each page fits 1280 px without scrolling sideways.

The render runs synchronously through `letters.services.render_letter`, the one service the letter
worker's task calls (tests/letters/test_workers.py covers the real worker). Screenshots:
artifacts/screenshots/workspace-*.png.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from applicants.models import Case
from assessments.services import run_assessment
from letters import services
from letters.models import AdviceLetter
from tests.applicants.factories import PASSWORD, consultant, make_applicant, make_case, make_user
from tests.assessments.profiles import senior_engineer

from .axe import AxeChecker
from .conftest import AXE_REPORTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

WIDTH = 1280
VIEWPORT = {"width": WIDTH, "height": 900}


def _check(page: Page, axe: AxeChecker, screenshots: Path, name: str) -> None:
    """axe: no critical or serious violation; the page no wider than the window; a screenshot."""
    report = axe.check(page, name, javascript=True)
    AXE_REPORTS.append(report)
    assert not report.blocking, report.blocking
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name} is {width}px wide at {WIDTH}px"
    page.screenshot(path=str(screenshots / f"workspace-{name}.png"), full_page=True)


def _sign_in(page: Page, base: str, user: User) -> None:
    page.goto(base + reverse("admin:login"))
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.locator("input[name=token]").fill(f"{code:06d}")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(base + reverse("admin:index"))


def _applicant_sees_letter(client: Client, case: Case, letter: AdviceLetter) -> bool:
    page = client.get(reverse("applicants:portal-case", args=[case.reference])).content.decode()
    return reverse("portal-letter-download", args=[letter.pk]) in page


def test_a_consultant_takes_a_new_case_and_releases_its_letter(
    browser: Browser, live_server: object, screenshots: Path
) -> None:
    alice = consultant("alice", first_name="Alice", last_name="Tan")
    person = make_user("jiahao", is_staff=False)
    case = make_case(
        applicant=make_applicant(full_name="Chen Jiahao", nationality="CN", user=person),
        assigned_to=None,
        status=Case.Status.NEW,
        pathways=["sg_tech_pass", "cn_k_visa"],
    )
    run_assessment(
        applicant=case.applicant,
        case=case,
        profile=senior_engineer(),
        as_of=date(2026, 11, 24),
        created_by=None,
    )
    applicant = Client()
    applicant.force_login(person)

    base = str(live_server.url)  # type: ignore[attr-defined]
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(20_000)
    axe = AxeChecker(browser=browser, viewport=VIEWPORT, base_url=base)
    try:
        _sign_in(page, base, alice)

        # The dashboard lists the new case nobody has taken.
        new_cases = page.locator("#unassigned-new-cases")
        expect(new_cases).to_contain_text(case.reference)
        expect(page.locator("#case-charts svg[role=img]")).to_have_count(3)
        _check(page, axe, screenshots, "dashboard")

        # The case list, then the case page.
        page.goto(base + reverse("admin:applicants_case_changelist"))
        _check(page, axe, screenshots, "case-list")
        page.goto(base + reverse("admin:index"))
        new_cases.get_by_role("link", name=case.reference).click()
        expect(page.locator("#case-workspace")).to_contain_text("Our recommendation")
        _check(page, axe, screenshots, "case-page")

        page.get_by_role("button", name="Assign to me").click()
        expect(page.locator(".messagelist")).to_contain_text(f"{case.reference} is assigned to you.")
        page.get_by_label("Comment for the status history (optional)").fill("Starting the review today.")
        page.get_by_role("button", name="Move to “In review”").click()
        expect(page.locator(".messagelist")).to_contain_text("moved to “In review”")
        case.refresh_from_db()
        assert (case.status, case.assigned_to) == (Case.Status.IN_REVIEW, alice)
        _check(page, axe, screenshots, "case-page-in-review")

        # Request a letter, render it (the worker's service), preview it, release it.
        page.get_by_role("link", name="Request an advice letter").click()
        _check(page, axe, screenshots, "letter-request")
        page.get_by_label("your note").fill("File the Tech.Pass in December.")
        page.get_by_role("button", name="Request the letter").click()
        expect(page.locator(".messagelist")).to_contain_text("requested")
        letter = AdviceLetter.objects.get(case=case)
        assert services.render_letter(letter_id=letter.pk) is not None
        assert not _applicant_sees_letter(applicant, case, letter)

        page.goto(base + reverse("admin:applicants_case_letter_review", args=[case.pk, letter.pk]))
        expect(page.locator("iframe")).to_have_count(1)
        _check(page, axe, screenshots, "letter-review")
        preview = page.context.request.get(
            base + reverse("admin:applicants_case_letter_preview", args=[case.pk, letter.pk])
        )
        assert preview.ok
        assert preview.body().startswith(b"%PDF")
        assert not _applicant_sees_letter(applicant, case, letter)

        page.get_by_role("button", name="Release to the applicant").click()
        expect(page.locator(".messagelist")).to_contain_text("released")
        _check(page, axe, screenshots, "letter-released")
        assert _applicant_sees_letter(applicant, case, letter)
    finally:
        axe.close()
        context.close()
