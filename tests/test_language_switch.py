"""The language switcher sends the visitor back to the same page in the chosen language, on every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applicants.intake.flow import STEPS

pytestmark = pytest.mark.django_db

PAGES: list[tuple[str, dict[str, Any]]] = [
    ("home", {}),
    *[("applicants:intake-step", {"slug": step.slug}) for step in STEPS],
    ("applicants:intake-check", {}),
    ("applicants:intake-result", {}),
    ("applicants:intake-save", {}),
    ("applicants:intake-saved", {}),
    ("applicants:portal-login", {}),
    ("applicants:portal-magic-link", {}),
    ("applicants:portal-password-reset", {}),
    ("applicants:portal-home", {}),
    ("applicants:portal-case", {"reference": "SG-2026-0001"}),
    ("applicants:portal-reassess", {}),
    ("applicants:portal-my-data", {}),
    ("applicants:portal-delete-account", {}),
]


def _url(name: str, kwargs: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("source", "target"), [("zh-hans", "en"), ("en", "zh-hans")])
@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "zh-CN,zh;q=0.9"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[f"{n}-{k}" for n, k in PAGES])
def test_switching_language_returns_to_the_same_page_in_the_chosen_language(
    client: Client, name: str, kwargs: dict[str, Any], source: str, target: str, accept_language: str
) -> None:
    response = client.post(
        "/i18n/setlang/",
        {"language": target, "next": _url(name, kwargs, source)},
        HTTP_ACCEPT_LANGUAGE=accept_language,
    )

    assert response.status_code == 302
    assert response["Location"] == _url(name, kwargs, target)
    assert response.cookies["django_language"].value == target


def test_switching_to_english_after_choosing_chinese_lands_on_english_pages(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/zh-hans/portal/login/"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/portal/login/"
    assert response.headers["Content-Language"] == "en"


def test_the_query_string_survives_the_switch(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/zh-hans/portal/?page=2"})

    assert response["Location"] == "/portal/?page=2"


def test_a_next_url_on_another_site_is_not_followed(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/zh-hans/"})

    assert response["Location"] == "/"
