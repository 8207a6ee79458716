"""Every URL that is not deliberately public turns an anonymous visitor away, and every HTML page
carries the Content-Security-Policy header, whoever asks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import UNLIMITED, World
from .urlwalk import Route, routes, url_for

pytestmark = pytest.mark.django_db

# Deliberately public: the self-assessment, its API, getting into the portal, the staff sign-in page.
PUBLIC = {
    "healthz",
    "set_language",
    "home",
    "assessments-api:evaluate",
    "assessments-api:schema",
    "openapi",
    "applicants:intake-check",
    "applicants:intake-result",
    "applicants:intake-forget",
    "applicants:intake-save",
    "applicants:intake-saved",
    # A copy of the result, without opening a case; the PDF pages answer 404 outside the session that asked.
    "result-email",
    "result-pdf",
    "result-pdf-status",
    "result-pdf-download",
    "applicants:intake-later",
    "applicants:intake-continue",
    "applicants:intake-step",
    "applicants:portal-login",
    "applicants:portal-logout",
    "applicants:portal-magic-link",
    "applicants:portal-magic",
    "applicants:portal-resume",
    "applicants:portal-confirm",
    "applicants:portal-password-reset",
    "applicants:portal-password-reset-done",
    "applicants:portal-password-reset-confirm",
    "applicants:portal-password-reset-complete",
    # Booking: the page after saving (this session's own case, else 404 or a redirect home) and the
    # e-mailed change-or-cancel link (a signed token, else 410).
    "bookings:book-saved",
    "bookings:booked",
    "bookings:manage",
    "admin:login",
    "admin:logout",  # signing out ends whatever session there is; anonymous visitors land on sign-in
}
# Unnamed patterns, each with a URL it serves: the admin's redirect from an object's bare URL to its
# change page (one per model admin), and its catch-all for unknown admin paths.
UNNAMED = {"<path:object_id>/": "/admin/applicants/case/1/", "(?P<url>.*)$": "/admin/no/such/page/"}
LOGIN_PAGES = ("/admin/login/", "/portal/login/")


def _private_routes() -> list[Route]:
    named, _unnamed = routes()
    return [route for route in named if route.name not in PUBLIC]


def _rejected(response) -> bool:
    if response.status_code in (401, 403):
        return True
    return bool(response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES))


def test_the_walk_finds_every_kind_of_url() -> None:
    named, unnamed = routes()
    names = {route.name for route in named}

    assert set(unnamed) == set(UNNAMED)
    assert names >= PUBLIC
    # Staff, portal and data-protection URLs are all in the walk.
    assert {
        "admin:applicants_case_change",
        "applicants:portal-case",
        "applicants:portal-data-export",
    } <= names
    assert {"admin:applicants_datarequest_download", "admin:applicants_applicant_access_log"} <= names
    assert len(names - PUBLIC) > 90


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_url_that_is_not_public_rejects_an_anonymous_client(method: str) -> None:
    client = Client()
    accepted = []
    for route in _private_routes():
        url = url_for(route)
        assert url is not None, f"cannot build a URL for {route.name}"
        response = getattr(client, method)(url)
        if not _rejected(response):
            accepted.append((route.name, url, response.status_code))
    for url in UNNAMED.values():
        response = getattr(client, method)(url)
        if not _rejected(response):
            accepted.append(("(unnamed)", url, response.status_code))
    assert accepted == []


def _html_responses(client: Client, world: World):
    named, _unnamed = routes()
    overrides = {"reference": world.a.case.reference, "pk": world.a.document.pk}
    for route in named:
        url = url_for(route, **overrides)
        if url is None:
            continue
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            yield route.name, response


def test_every_html_response_carries_the_content_security_policy(world: World, settings) -> None:
    settings.STAFF_LOGIN_RATE = settings.PORTAL_LOGIN_RATE = settings.INTAKE_STEP_RATE = UNLIMITED
    clients = {
        "anonymous": Client(),
        "applicant": world.a.client(),
        "consultant": world.staff(world.assigned),
        "manager": world.staff(world.manager),
    }
    seen = 0
    missing = []
    for who, client in clients.items():
        for name, response in _html_responses(client, world):
            seen += 1
            policy = response.get("Content-Security-Policy", "")
            if "default-src 'self'" not in policy or "frame-ancestors 'none'" not in policy:
                missing.append((who, name, response.status_code))
    assert missing == []
    assert seen > 100


def test_the_policy_allows_no_inline_script_or_style(client: Client) -> None:
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in policy


def test_pages_carry_the_other_security_headers(client: Client) -> None:
    response = client.get(reverse("home"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
