"""Every self-assessment page in 中文 is Chinese throughout: no English left over from a missed string."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from .intake_answers import answer_everything, step_data

pytestmark = pytest.mark.django_db

# Latin words that are names, codes or units in both languages.
ALLOWED = {
    "Tech.Pass",
    "ONE",
    "Pass",
    "AI",
    "EntrePass",
    "Employment",
    "S",
    "HSK",
    "COMPASS",
    "STEM",
    "CEO",
    "CTO",
    "SGD",
    "CNY",
    "USD",
    "EUR",
    "GBP",
    "HKD",
    "K",
    "R",
    "A",
    "B",
    "C",
    "MOM",
    "English",
    "PhD",
    "VP",
    "US",
    "Tech",
    "EP",
    "ACRA",
    "ESOP",
    "IP",
    "PDF",
    "JPEG",
    "PNG",
}


def foreign_words(page: str) -> set[str]:
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    words = set(re.findall(r"[A-Za-z][A-Za-z.'\u2019\-]*[A-Za-z]|[A-Za-z]", text))
    # Answers the applicant typed (e.g. a university's name) are theirs, not ours.
    words -= {"Technical", "University", "of", "Munich", "Example", "Robotics", "VP", "Engineering"}
    return {word for word in words if word not in ALLOWED and word.rstrip(".") not in ALLOWED}


def zh(path: str) -> str:
    return "/zh-hans" + path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/assessment/about/",
        "/assessment/education/",
        "/assessment/pay/",
        "/assessment/career/",
        "/assessment/plans/",
        "/assessment/singapore-offer/",
        "/assessment/china-offer/",
        "/assessment/company/",
        "/assessment/achievements/",
        "/assessment/check/",
    ],
)
def test_each_intake_page_in_chinese_has_no_english_left(client: Client, path: str) -> None:
    client.post(zh("/assessment/about/"), step_data("about"))
    answer_everything(client)
    client.post(
        "/assessment/plans/",
        step_data(
            "plans",
            has_singapore_job_offer="yes",
            has_china_job_offer="yes",
            has_or_plans_singapore_company="yes",
        ),
    )
    page = client.get(zh(path)).content.decode()
    assert '<html lang="zh-hans">' in page
    page = re.sub(r"\b(?:sg|cn)_[a-z_]+/[\w-]+", " ", page)  # rule version ids are codes, not words
    assert foreign_words(page) == set()


def test_error_messages_in_chinese_are_chinese(client: Client) -> None:
    page = client.post(zh("/assessment/pay/"), step_data("pay", monthly_fixed_salary="-1")).content.decode()
    assert "金额不能为负数。" in page
    assert foreign_words(page) == set()


def test_the_check_sees_english_on_an_english_page(client: Client) -> None:
    assert {"Continue", "Date", "birth"} <= foreign_words(client.get("/assessment/about/").content.decode())


def test_the_result_page_in_chinese_has_no_english_left(client: Client) -> None:
    answer_everything(client)
    page = client.post(zh("/assessment/result/")).content.decode()
    assert "您的结果" in page
    # Sources cite official pages by their (English) titles and addresses; everything else is Chinese.
    page = re.sub(r'<p class="small text-body-secondary mb-0">来源：.*?</p>', "", page, flags=re.S)
    page = re.sub(r"<p class=\"small text-body-secondary\">使用的汇率：.*?</p>", "", page, flags=re.S)
    # Rule version ids (sg_tech_pass/2023) are codes staff quote, not words.
    page = re.sub(r"\b(?:sg|cn)_[a-z_]+/[\w-]+", " ", page)
    assert foreign_words(page) == set()


@pytest.mark.usefixtures("celery_eager")
def test_the_portal_pages_in_chinese_have_no_english_left(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    from applicants.models import Case

    from .portal_helpers import open_portal

    applicant = open_portal(client, django_capture_on_commit_callbacks)
    client.get("/portal/")  # shows (and so consumes) the English welcome message of the sign-up
    reference = Case.objects.get(applicant=applicant).reference
    # Checklist items are the engine's document names, translated on display.
    for path in ("/portal/", f"/portal/cases/{reference}/", "/portal/reassess/", "/portal/delete-account/"):
        page = client.get(zh(path)).content.decode()
        page = re.sub(r'<p class="small text-body-secondary mb-0">来源：.*?</p>', "", page, flags=re.S)
        page = re.sub(r"\b(?:sg|cn)_[a-z_]+/[\w-]+", " ", page).replace(reference, " ")
        assert foreign_words(page) - {"Lena", "Fischer", "zip", "data.json"} == set(), path
