"""The pages satisfy their own Content-Security-Policy in a real browser: no script, style, font or
image is blocked on the public pages, the portal or the staff admin (signed in with a real TOTP code),
with JavaScript on. Violations are collected from the browser's `securitypolicyviolation` events."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page

from applicants.models import DataRequest
from applicants.services.documents import upload_document
from applicants.services.people import create_applicant
from applicants.services.portal import request_data
from applicants.services.privacy import approve_data_request
from tests.applicants.factories import PASSWORD, make_case, make_document, make_user
from tests.applicants.portal_helpers import PDF

# serialized_rollback, as in test_journey.py: the reference rows of the data migrations (groups) are
# restored for this test and kept for the next.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _visit(page: Page, url: str, seen: dict[str, list[str]]) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status < 500, url
    assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), url
    page.wait_for_load_state("networkidle")
    seen[url] = page.evaluate("window.__csp")


def test_no_page_breaks_its_content_security_policy(
    browser: Browser, live_server, screenshots: Path, private_storage: Path
) -> None:
    # A superuser: this test must not depend on the groups of the data migrations, which an earlier
    # transactional test in the run may have flushed.
    manager = make_user("manager", is_superuser=True)
    applicant = create_applicant(full_name="Lena Fischer", email="lena@mail.example")
    case = make_case(applicant=applicant)
    upload_document(document=make_document(case=case), file=ContentFile(PDF, name="a.pdf"))
    export = approve_data_request(
        request=request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT), by=manager
    )
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    seen: dict[str, list[str]] = {}
    try:
        for path in (
            "/",
            "/assessment/about/",
            "/zh-hans/",
            "/portal/login/",
            "/portal/sign-in-link/",
            "/portal/password-reset/",
        ):
            _visit(page, base + path, seen)

        # Staff: password, then the code from their authenticator (computed as the app would).
        page.goto(base + reverse("admin:login"))
        page.fill("#id_username", manager.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        device = TOTPDevice.objects.get(user=manager)
        page.fill(
            "#id_token", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        )
        page.click("input[type=submit]")
        page.wait_for_url(base + reverse("admin:index"))
        seen[base + "/admin/ (after sign-in)"] = page.evaluate("window.__csp")
        for name, args in (
            ("admin:applicants_case_changelist", []),
            ("admin:applicants_case_change", [case.pk]),
            ("admin:applicants_applicant_change", [applicant.pk]),
            ("admin:applicants_applicant_access_log", [applicant.pk]),
            ("admin:applicants_datarequest_changelist", []),
            ("admin:applicants_datarequest_change", [export.pk]),
            ("admin:letters_adviceletter_changelist", []),
            ("admin-rule-versions", []),
        ):
            _visit(page, base + reverse(name, args=args), seen)
        page.screenshot(path=str(screenshots / "csp-admin-case-list.png"), full_page=True)
    finally:
        context.close()

    broken = {url: found for url, found in seen.items() if found}
    assert not broken, "\n".join(f"{url}: {found[:3]}" for url, found in broken.items())
    assert len(seen) >= 15
