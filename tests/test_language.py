"""Visitors get their language: the browser's on a first visit, their own choice after that."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_first_visit_from_a_chinese_browser_goes_to_the_chinese_start_page(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"
    assert "Accept-Language" in response["Vary"]


def test_the_query_string_survives_the_redirect(client: Client) -> None:
    response = client.get("/?from=newsletter", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response["Location"] == "/zh-hans/?from=newsletter"


def test_an_english_browser_stays_on_the_unprefixed_pages(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_a_language_chosen_with_the_switcher_wins_over_the_browser(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_form_posts_are_never_redirected(client: Client) -> None:
    response = client.post(
        "/api/v1/assessments/evaluate",
        data="{}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 200


def test_urls_without_a_chinese_version_are_not_redirected(client: Client) -> None:
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 200


def test_the_admin_speaks_the_browsers_language(client: Client) -> None:
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert "登录" in response.content.decode()


def test_the_admin_follows_the_language_chosen_with_the_switcher(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    response = client.get("/admin/login/")

    assert response["Content-Language"] == "zh-hans"
