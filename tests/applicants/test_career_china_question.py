"""The career step asks whether a job is relevant to a China offer only after the applicant said they
have one (the offers step now comes first), without JavaScript; the check page and the profile agree."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from applicants.intake.flow import STEPS, Answers

from .intake_answers import answer_everything, step_data

pytestmark = pytest.mark.django_db

QUESTION = {
    "en": "Is this job relevant to the job offered in China?",
    "zh-hans": "这份工作与中国提供的职位相关吗？",
}


def url(slug: str, language: str = "en") -> str:
    path = reverse("applicants:intake-step", args=[slug])
    return path if language == "en" else f"/{language}{path}"


def answer_until_career(client: Client, *, china_offer: str) -> None:
    for slug in ("about", "education", "pay"):
        assert client.post(url(slug), step_data(slug)).status_code == 302
    response = client.post(url("plans"), step_data("plans", has_china_job_offer=china_offer))
    assert response["Location"] == url("career")


def test_the_offers_step_comes_before_the_career_step() -> None:
    slugs = [step.slug for step in STEPS]
    assert slugs.index("plans") < slugs.index("career") < slugs.index("china-offer")


@pytest.mark.parametrize("language", QUESTION)
def test_without_a_china_offer_the_career_step_does_not_ask_about_one(client: Client, language: str) -> None:
    answer_until_career(client, china_offer="no")
    html = client.get(url("career", language)).content.decode()
    assert QUESTION[language] not in html
    assert "relevant_to_china_job" not in html


@pytest.mark.parametrize("language", QUESTION)
def test_with_a_china_offer_the_career_step_asks_it_for_each_job(client: Client, language: str) -> None:
    answer_until_career(client, china_offer="yes")
    html = client.get(url("career", language)).content.decode()
    assert QUESTION[language] in html
    assert 'name="career-0-relevant_to_china_job"' in html


def test_with_a_china_offer_the_question_must_be_answered(client: Client) -> None:
    answer_until_career(client, china_offer="yes")
    html = client.post(url("career"), step_data("career")).content.decode()
    assert 'href="#id_career-0-relevant_to_china_job_0"' in html


def test_the_answer_reaches_the_profile_and_the_check_page(client: Client) -> None:
    answer_until_career(client, china_offer="yes")
    assert client.post(url("career"), step_data("career", relevant_to_china_job="no"))["Location"] == url(
        "china-offer"
    )
    role = Answers(client.session).profile_before(STEPS[-1])["roles"][0]
    assert role["relevant_to_china_job"] is False
    client.post(
        url("china-offer"),
        {
            "china-offer-currency": "CNY",
            "china-offer-annual_salary": "600000",
            "china-offer-in_encouraged_region": "no",
        },
    )
    client.post(url("achievements"), step_data("achievements"))
    check = client.get(reverse("applicants:intake-check")).content.decode()
    assert "Is this job relevant to the job offered in China: No" in check


def test_without_a_china_offer_the_profile_leaves_relevance_out_and_the_check_page_does_not_mention_it(
    client: Client,
) -> None:
    answer_everything(client)
    profile = Answers(client.session).profile()
    assert profile is not None
    assert "relevant_to_china_job" not in profile["roles"][0]  # the contract's default (true) applies
    assert (
        "relevant to the job offered in China"
        not in client.get(reverse("applicants:intake-check")).content.decode()
    )


def test_declaring_a_china_offer_later_makes_the_career_step_unanswered_until_it_is_asked(
    client: Client,
) -> None:
    answer_everything(client)
    client.post(url("plans") + "?change=1", step_data("plans", has_china_job_offer="yes"))
    answers = Answers(client.session)
    assert answers.profile() is None  # nothing can be assessed with the question unasked
    unanswered = answers.first_unanswered()
    assert unanswered is not None
    assert unanswered.slug == "career"
    html = client.get(reverse("applicants:intake-check")).content.decode()
    assert "Some questions still need an answer" in html
    assert reverse("applicants:intake-result") not in html
