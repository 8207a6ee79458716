"""Every public endpoint answers 429 past its limit: a translated page (or JSON for the API) that
says to wait, with Retry-After."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.applicants.intake_answers import answer_everything, step_data
from tests.applicants.portal_helpers import SAVE

pytestmark = pytest.mark.django_db


def _past_the_limit(client: Client, url: str, data: dict[str, str], times: int = 3) -> object:
    for _ in range(times):
        client.post(url, data)
    return client.post(url, data)


def _assert_429_page(response) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many attempts" in response.content.decode()


@pytest.mark.parametrize(
    ("setting", "url", "data"),
    [
        (
            "PORTAL_LOGIN_RATE",
            reverse("applicants:portal-login"),
            {"username": "a@b.example", "password": "x"},
        ),
        ("PORTAL_LOGIN_RATE", reverse("applicants:portal-password-reset"), {"email": "a@b.example"}),
        ("PORTAL_LOGIN_RATE", reverse("applicants:portal-magic-link"), {"email": "a@b.example"}),
        ("PORTAL_LOGIN_RATE", reverse("applicants:portal-resume", args=["token"]), {"password1": "x"}),
        ("STAFF_LOGIN_RATE", reverse("admin:login"), {"username": "someone", "password": "x"}),
        ("INTAKE_STEP_RATE", reverse("applicants:intake-step", args=["about"]), step_data("about")),
    ],
)
def test_public_forms_answer_429_past_their_limit(client: Client, settings, setting, url, data) -> None:
    setattr(settings, setting, "3/m")

    _assert_429_page(_past_the_limit(client, url, data))


def test_saving_an_assessment_is_limited(client: Client, settings, celery_eager) -> None:
    answer_everything(client)
    settings.INTAKE_SUBMIT_RATE = "2/m"
    client.post(reverse("applicants:intake-save"), {})
    client.post(reverse("applicants:intake-save"), {})

    _assert_429_page(client.post(reverse("applicants:intake-save"), SAVE))


@pytest.mark.parametrize(
    ("setting", "url", "data"),
    [
        ("RESULT_EMAIL_RATE", reverse("result-email"), {"email": "a@b.example", "consent": "on"}),
        ("RESULT_PDF_RATE", reverse("result-pdf"), {}),
    ],
)
def test_copies_of_the_result_are_limited(client: Client, settings, celery_eager, setting, url, data) -> None:
    answer_everything(client)
    setattr(settings, setting, "2/m")

    _assert_429_page(_past_the_limit(client, url, data, times=2))


def test_the_limit_counts_per_client_address(client: Client, settings) -> None:
    settings.PORTAL_LOGIN_RATE = "2/m"
    url = reverse("applicants:portal-magic-link")
    for _ in range(3):
        client.post(url, {"email": "a@b.example"}, REMOTE_ADDR="10.0.0.1")

    assert client.post(url, {"email": "a@b.example"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_our_proxy_the_last_forwarded_address_counts(client: Client, settings) -> None:
    settings.BEHIND_PROXY = True
    settings.PORTAL_LOGIN_RATE = "2/m"
    url = reverse("applicants:portal-magic-link")
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        # A client cannot escape the limit by sending its own X-Forwarded-For: our proxy appends the
        # real address last.
        client.post(url, {"email": "a@b.example"}, HTTP_X_FORWARDED_FOR=f"{spoofed}, 10.0.0.1")

    assert (
        client.post(url, {"email": "a@b.example"}, HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.0.1").status_code
        == 429
    )


def test_the_429_page_is_in_chinese_for_chinese_visitors(client: Client, settings) -> None:
    settings.PORTAL_LOGIN_RATE = "1/m"
    url = "/zh-hans" + reverse("applicants:portal-magic-link")
    client.post(url, {"email": "a@b.example"})

    response = client.post(url, {"email": "a@b.example"})

    assert response.status_code == 429
    assert "请求过多" in response.content.decode()


def test_the_api_answers_429_in_json(client: Client, settings) -> None:
    settings.ASSESSMENT_API_RATE = "1/m"
    url = reverse("assessments-api:evaluate")
    client.post(url, "{}", content_type="application/json")

    response = client.post(url, "{}", content_type="application/json")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests" in response.json()["errors"][""][0]


def test_limits_fail_open_when_the_cache_is_unreachable(client: Client, settings) -> None:
    # A real Redis client pointed at a port where nothing listens: the counter cannot be read.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PORTAL_LOGIN_RATE = "1/m"
    url = reverse("applicants:portal-magic-link")

    responses = [client.post(url, {"email": "a@b.example"}).status_code for _ in range(3)]

    assert responses == [200, 200, 200]
