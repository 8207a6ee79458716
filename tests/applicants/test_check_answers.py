"""Check your answers reads back what the applicant said, as they would say it, in both languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from .intake_answers import answer_everything, formset, step_data

pytestmark = pytest.mark.django_db


def check_page(client: Client, language: str = "en") -> str:
    prefix = "/zh-hans" if language == "zh-hans" else ""
    return client.get(f"{prefix}/assessment/check/").content.decode()


def test_a_year_is_shown_as_written_without_a_thousands_separator(client: Client) -> None:
    answer_everything(client)

    page = check_page(client)

    assert "2014" in page
    assert "2,014" not in page


def test_yes_no_questions_in_a_list_show_the_answers(client: Client) -> None:
    answer_everything(client)

    page = check_page(client)

    assert "Is it a well-known university or research institution: Yes" in page
    assert "Was the course taught in Chinese: No" in page

    assert "Is the organisation well known in its field: Yes" in page
    assert "Did you teach or do research in a STEM field there: No" in page


def test_the_company_valuation_is_shown_in_millions_of_us_dollars(client: Client) -> None:
    answer_everything(client)

    assert "US$ 800 million" in check_page(client)


def test_the_company_valuation_in_chinese_is_shown_in_yi(client: Client) -> None:
    answer_everything(client)

    assert "8 亿美元" in check_page(client, "zh-hans")


def test_money_typed_with_thousands_separators_is_accepted(client: Client) -> None:
    answer_everything(client)
    data = step_data("career", valuation_usd="2,000,000,000")

    response = client.post(reverse("applicants:intake-step", args=["career"]), data)

    assert response.status_code == 302
    assert "US$ 2,000 million" in check_page(client)


def test_money_fields_accept_separators_in_the_browser_too(client: Client) -> None:
    page = client.get(reverse("applicants:intake-step", args=["career"])).content.decode()

    valuation = re.search(r"<input[^>]*name=\"career-0-valuation_usd\"[^>]*>", page)
    assert valuation is not None
    assert 'type="text"' in valuation.group(0)
    assert 'inputmode="decimal"' in valuation.group(0)


def test_the_only_job_in_the_list_has_no_delete_box(client: Client) -> None:
    page = client.get(reverse("applicants:intake-step", args=["career"])).content.decode()

    assert "career-0-DELETE" not in page


def test_with_two_jobs_each_can_be_removed(client: Client) -> None:
    data = formset("career", [step_data("career"), step_data("career")])
    data["add"] = "1"

    page = client.post(reverse("applicants:intake-step", args=["career"]), data).content.decode()

    assert "career-0-DELETE" in page
    assert "career-1-DELETE" in page


def test_chinese_country_names_are_cldrs_in_pinyin_order(client: Client) -> None:
    page = client.get("/zh-hans/assessment/about/").content.decode()

    assert "塔吉克斯坦" in page
    assert "塔吉克斯斯坦" not in page
    names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', page)
    assert names[:3] == ["阿尔巴尼亚", "阿尔及利亚", "阿富汗"]
    assert names.index("德国") < names.index("法国") < names.index("新加坡") < names.index("中国")


def test_english_country_names_are_alphabetical_ignoring_accents(client: Client) -> None:
    page = client.get("/assessment/about/").content.decode()

    names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', page)
    assert names.index("Åland Islands") < names.index("Albania")
    assert names.index("Germany") < names.index("Singapore") < names.index("Zimbabwe")


def test_a_chinese_error_summary_is_punctuated_in_chinese(client: Client) -> None:
    data = step_data("plans")
    del data["plans-has_china_job_offer"]

    page = client.post("/zh-hans/assessment/plans/", data).content.decode()

    assert "吗？:" not in page
    assert re.search(r"中国雇主[^<]*吗：", page)
