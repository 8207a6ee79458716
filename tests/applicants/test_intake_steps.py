"""The self-assessment's question pages, through the test client, as an anonymous visitor."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from applicants.intake.flow import SESSION_KEY, Answers

from .intake_answers import MAIN_STEPS, answer_everything, formset, step_data

pytestmark = pytest.mark.django_db


def born(day: int, month: int, year: int) -> dict[str, str]:
    return {"date_of_birth_day": str(day), "date_of_birth_month": str(month), "date_of_birth_year": str(year)}


def url(slug: str) -> str:
    return reverse("applicants:intake-step", args=[slug])


def post(client: Client, slug: str, **overrides: str):
    return client.post(url(slug), step_data(slug, **overrides))


def stored_steps(client: Client) -> dict[str, Any]:
    steps: dict[str, Any] = client.session.get(SESSION_KEY, {}).get("steps", {})
    return steps


def profile_of(client: Client) -> dict[str, Any]:
    profile = Answers(client.session).profile()
    assert profile is not None, "the answers are incomplete"
    return profile


def error_summary(html: str) -> str:
    match = re.search(
        r'<div class="alert alert-danger[^"]*"[^>]*id="error-summary"[^>]*>(.*?)</div>', html, re.S
    )
    assert match, "the page has no error summary"
    return match.group(1)


def answer_until(client: Client, last: str) -> None:
    for slug in MAIN_STEPS:
        assert post(client, slug).status_code == 302
        if slug == last:
            return


def test_start_page_says_scope_time_what_to_have_and_that_the_authority_decides(client: Client) -> None:
    html = client.get(reverse("home")).content.decode()
    assert "About 10 minutes" in html
    for thing in ("payslips", "degree certificate", "CV"):
        assert thing in html
    assert "The immigration authorities decide every application" in html
    assert url("about") in html


@pytest.mark.parametrize("slug", MAIN_STEPS)
def test_every_main_step_shows_its_question_page_with_progress(client: Client, slug: str) -> None:
    answer_everything(client)
    response = client.get(url(slug))
    assert response.status_code == 200
    assert re.search(r"Step \d of 6", response.content.decode())


@pytest.mark.parametrize(
    ("slug", "next_slug"),
    [
        ("about", "education"),
        ("education", "pay"),
        ("pay", "plans"),
        ("plans", "career"),
        ("career", "achievements"),
    ],
)
def test_a_valid_answer_moves_on_to_the_next_step(client: Client, slug: str, next_slug: str) -> None:
    answer_until(client, slug)
    response = post(client, slug)
    assert response.status_code == 302
    assert response["Location"] == url(next_slug)


def test_the_last_step_leads_to_check_your_answers(client: Client) -> None:
    answer_everything(client)
    response = post(client, "achievements")
    assert response["Location"] == reverse("applicants:intake-check")


@pytest.mark.parametrize(
    ("slug", "overrides", "field_id", "message"),
    [
        ("about", born(1, 1, 2099), "id_about-date_of_birth_0", "must be in the past"),
        ("about", born(1, 1, 1890), "id_about-date_of_birth_0", "more than 100 years old"),
        ("about", born(1, 1, 2020), "id_about-date_of_birth_0", "at least 16"),
        ("about", born(31, 2, 1990), "id_about-date_of_birth_0", "Enter a real date"),
        (
            "about",
            {"date_of_birth_day": "31", "date_of_birth_month": "5", "date_of_birth_year": ""},
            "id_about-date_of_birth_0",
            "must include a year",
        ),
        ("about", {"nationality": "XX"}, "id_about-nationality", "Select a valid choice"),
        (
            "about",
            {"application_type": ""},
            "id_about-application_type_0",
            "Choose a new application or a renewal",
        ),
        ("about", {"on_singapore_work_pass": ""}, "id_about-on_singapore_work_pass_0", "Choose yes, no or"),
        ("pay", {"monthly_fixed_salary": "-5"}, "id_pay-monthly_fixed_salary", "cannot be negative"),
        ("pay", {"monthly_fixed_salary": "lots"}, "id_pay-monthly_fixed_salary", "in figures"),
        (
            "pay",
            {"monthly_fixed_salary": "100.123"},
            "id_pay-monthly_fixed_salary",
            "at most 2 decimal places",
        ),
        (
            "pay",
            {"monthly_total_compensation": "1000"},
            "id_pay-monthly_total_compensation",
            "cannot be lower",
        ),
        ("pay", {"months_at_current_salary": "-1"}, "id_pay-months_at_current_salary", "cannot be negative"),
        ("pay", {"months_at_current_salary": "601"}, "id_pay-months_at_current_salary", "at most 600"),
        ("pay", {"currency": "XYZ"}, "id_pay-currency", "Select a valid choice"),
        ("plans", {"has_singapore_job_offer": ""}, "id_plans-has_singapore_job_offer_0", "Choose yes or no"),
        (
            "plans",
            {"has_china_job_offer": "unknown"},
            "id_plans-has_china_job_offer_0",
            "Select a valid choice",
        ),
        ("achievements", {"holds_patents": ""}, "id_achievements-holds_patents_0", "Choose yes, no or"),
        ("achievements", {"hsk_level": "9"}, "id_achievements-hsk_level", "Select a valid choice"),
    ],
)
def test_each_invalid_answer_gets_a_specific_error_next_to_the_field_and_in_the_summary(
    client: Client, slug: str, overrides: dict[str, str], field_id: str, message: str
) -> None:
    answer_everything(client)
    before = stored_steps(client)[slug]
    response = post(client, slug, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    summary = error_summary(html)
    assert f'href="#{field_id}"' in summary
    assert message in summary
    # ...and next to the field itself (crispy's invalid-feedback block after the input).
    assert html.count(message) >= 2
    assert "is-invalid" in html
    assert stored_steps(client)[slug] == before, "an invalid answer must not replace the valid one"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"level": ""}, "level", "Choose the level of this qualification"),
        ({"completed_year": "2999"}, "completed_year", "cannot be in the future"),
        ({"completed_year": "1900"}, "completed_year", "from 1950 on"),
        ({"completed_year": "twenty"}, "completed_year", "four digits"),
    ],
)
def test_each_invalid_qualification_gets_a_specific_error(
    client: Client, overrides: dict[str, str], field: str, message: str
) -> None:
    answer_until(client, "about")
    html = post(client, "education", **overrides).content.decode()
    summary = error_summary(html)
    assert f'href="#id_education-0-{field}"' in summary
    assert message in summary
    assert "education" not in stored_steps(client)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start": ""}, "start", "Enter the date you started this job"),
        ({"start": "2099-01-01"}, "start", "Enter a start date in the past"),
        ({"end": "2010-01-01"}, "end", "on or after the start date"),
        ({"end": "2099-01-01"}, "end", "cannot be in the future"),
        ({"role_type": ""}, "role_type", "Choose the kind of role"),
        ({"organisation_type": ""}, "organisation_type", "Choose the kind of organisation"),
        ({"valuation_usd": "-1"}, "valuation_usd", "cannot be negative"),
    ],
)
def test_each_invalid_job_gets_a_specific_error(
    client: Client, overrides: dict[str, str], field: str, message: str
) -> None:
    answer_until(client, "pay")
    html = post(client, "career", **overrides).content.decode()
    summary = error_summary(html)
    assert f'href="#id_career-0-{field}"' in summary
    assert message in summary


def test_an_empty_qualification_list_means_none_and_is_accepted(client: Client) -> None:
    answer_until(client, "about")
    response = client.post(url("education"), formset("education", [{}]))
    assert response.status_code == 302
    answer_everything(client)
    client.post(url("education"), formset("education", [{}]))
    assert profile_of(client)["education"] == []


def test_a_validation_error_keeps_what_was_typed_and_the_earlier_answers(client: Client) -> None:
    answer_until(client, "education")
    html = post(
        client, "pay", monthly_fixed_salary="25000", monthly_total_compensation="100"
    ).content.decode()
    assert 'value="25000"' in html
    assert set(stored_steps(client)) == {"about", "education"}


def test_going_back_shows_the_answers_given(client: Client) -> None:
    answer_until(client, "pay")
    html = client.get(url("about")).content.decode()
    assert re.search(
        r"name=\"about-date_of_birth_year\"[^>]*value=\"1990\"|value=\"1990\"[^>]*name=\"about-date_of_birth_year\"",
        html,
    )
    html = client.get(url("pay")).content.decode()
    assert 'value="25000"' in html
    assert f'href="{url("education")}"' in html  # the Back link goes to the previous step


def test_add_another_job_keeps_the_first_and_offers_a_blank_second(client: Client) -> None:
    answer_until(client, "pay")
    data = step_data("career")
    data["add"] = "1"
    html = client.post(url("career"), data).content.decode()
    assert "Job 2" in html
    assert 'value="Example Robotics"' in html
    second = {
        **data,
        "career-TOTAL_FORMS": "2",
        "career-1-title": "Engineer",
        "career-1-start": "2012-01-01",
        "career-1-end": "2016-12-31",
        "career-1-role_type": "technical",
        "career-1-organisation_type": "other",
        "career-1-organisation_well_known": "no",
        "career-1-stem_teaching_or_research": "no",
    }
    del second["add"]
    assert client.post(url("career"), second).status_code == 302
    answer_everything(client)
    client.post(url("career"), second)
    roles = profile_of(client)["roles"]
    assert [role["title"] for role in roles] == ["VP Engineering", "Engineer"]
    assert roles[0]["end"] is None


def test_a_singapore_offer_asks_its_follow_up_and_no_offer_skips_it(client: Client) -> None:
    answer_until(client, "pay")
    assert post(client, "plans", has_singapore_job_offer="yes")["Location"] == url("career")
    assert post(client, "career")["Location"] == url("singapore-offer")
    post(client, "plans", has_singapore_job_offer="no")
    assert post(client, "career")["Location"] == url("achievements")
    assert client.get(url("singapore-offer"))["Location"] == reverse("applicants:intake-check")


def test_follow_ups_for_china_offer_and_company_come_in_order(client: Client) -> None:
    answer_until(client, "career")
    post(client, "plans", has_china_job_offer="yes", has_or_plans_singapore_company="yes")
    post(client, "career", relevant_to_china_job="yes")
    response = client.post(
        url("china-offer"),
        {
            "china-offer-currency": "CNY",
            "china-offer-annual_salary": "600000",
            "china-offer-months_per_year_in_china": "13",
            "china-offer-in_encouraged_region": "no",
        },
    )
    assert "A year has 12 months" in error_summary(response.content.decode())
    response = client.post(
        url("china-offer"),
        {
            "china-offer-currency": "CNY",
            "china-offer-annual_salary": "600000",
            "china-offer-months_per_year_in_china": "10",
            "china-offer-in_encouraged_region": "no",
        },
    )
    assert response["Location"] == url("company")
    company = {
        "company-currency": "SGD",
        "company-recognised_incubator": "yes",
        "company-founded_and_sold_tech_business": "no",
        "company-registered_ip": "unknown",
        "company-singapore_research_collaboration": "no",
    }
    response = client.post(url("company"), {**company, "company-company_incorporated_on": "2099-01-01"})
    assert "cannot be in the future" in error_summary(response.content.decode())
    response = client.post(url("company"), {**company, "company-company_incorporated_on": "2026-01-15"})
    assert response["Location"] == url("achievements")
    post(client, "achievements")
    profile = profile_of(client)
    assert profile["china_job_offer"] == {
        "annual_salary": {"amount": "600000", "currency": "CNY"},
        "months_per_year_in_china": 10,
        "in_encouraged_region": False,
    }
    assert profile["business"] == {
        "has_or_plans_singapore_company": True,
        "company_incorporated": True,
        "company_incorporated_on": "2026-01-15",
        "recognised_incubator": True,
        "founded_and_sold_tech_business": False,
        "singapore_research_collaboration": False,
    }


def test_a_company_not_yet_incorporated_and_the_city_wage_reach_the_profile(client: Client) -> None:
    answer_until(client, "career")
    post(client, "plans", has_china_job_offer="yes", has_or_plans_singapore_company="yes")
    post(client, "career", relevant_to_china_job="yes")
    client.post(
        url("china-offer"),
        {
            "china-offer-currency": "CNY",
            "china-offer-annual_salary": "600000",
            "china-offer-local_average_annual_wage": "120000",
            "china-offer-months_per_year_in_china": "10",
            "china-offer-in_encouraged_region": "no",
        },
    )
    response = client.post(
        url("company"),
        {
            "company-currency": "SGD",
            "company-company_incorporated": "no",
            "company-recognised_incubator": "yes",
            "company-founded_and_sold_tech_business": "no",
            "company-registered_ip": "no",
            "company-singapore_research_collaboration": "no",
        },
    )
    assert response["Location"] == url("achievements")
    post(client, "achievements")
    profile = profile_of(client)
    assert profile["business"]["company_incorporated"] is False
    assert "company_incorporated_on" not in profile["business"]
    assert profile["china_job_offer"]["local_average_annual_wage"] == {"amount": "120000", "currency": "CNY"}


def test_singapore_offer_rejects_a_percentile_above_100_and_keeps_compass_as_fractions(
    client: Client,
) -> None:
    answer_until(client, "career")
    post(client, "plans", has_singapore_job_offer="yes")
    offer = {
        "singapore-offer-currency": "SGD",
        "singapore-offer-monthly_fixed_salary": "12000",
        "singapore-offer-sector": "other",
        "singapore-offer-employer_established": "yes",
        "singapore-offer-shortage_occupation": "no",
        "singapore-offer-sep_firm": "unknown",
    }
    html = client.post(
        url("singapore-offer"), {**offer, "singapore-offer-c1_salary_percentile": "120"}
    ).content.decode()
    assert 'href="#id_singapore-offer-c1_salary_percentile"' in error_summary(html)
    html = client.post(
        url("singapore-offer"), {**offer, "singapore-offer-employer_pmet_count": "-3"}
    ).content.decode()
    assert "cannot be negative" in error_summary(html)
    response = client.post(
        url("singapore-offer"), {**offer, "singapore-offer-nationality_share_of_pmets": "25"}
    )
    assert response.status_code == 302
    post(client, "achievements")
    offer_profile = profile_of(client)["singapore_job_offer"]
    assert offer_profile["monthly_fixed_salary"] == {"amount": "12000", "currency": "SGD"}
    assert offer_profile["compass"] == {"nationality_share_of_pmets": "0.25", "shortage_occupation": False}


def test_the_answers_assemble_into_a_contract_profile_with_unknowns_left_out(client: Client) -> None:
    answer_everything(client)
    profile = profile_of(client)
    assert profile["date_of_birth"] == "1990-05-31"
    assert profile["nationality"] == "DE"
    assert profile["monthly_fixed_salary"] == {"amount": "25000", "currency": "SGD"}
    assert profile["education"][0]["level"] == "master"
    assert profile["roles"][0]["valuation_usd"] == "800000000"
    assert "funding_raised_usd" not in profile["roles"][0]
    assert profile["has_singapore_job_offer"] is False
    assert "national_talent_programme" not in profile["achievements"]  # "I don't know" = unknown
    assert profile["achievements"]["fortune_global_500_experience"] is True
    assert profile["hsk_level"] == 2


def test_an_unknown_step_is_404(client: Client) -> None:
    assert client.get(url("no-such-step")).status_code == 404


def test_check_answers_without_any_answer_goes_back_to_the_start(client: Client) -> None:
    assert client.get(reverse("applicants:intake-check"))["Location"] == reverse("home")


def test_check_answers_lists_each_answer_with_a_change_link(client: Client) -> None:
    answer_everything(client)
    html = client.get(reverse("applicants:intake-check")).content.decode()
    assert "25,000 SGD" in html
    assert "Master&#x27;s degree" in html or "Master's degree" in html
    for slug in MAIN_STEPS:
        assert f'href="{url(slug)}?change=1#' in html
    assert f'href="{url("pay")}?change=1#id_pay-monthly_fixed_salary"' in html
    assert reverse("applicants:intake-result") in html


def test_check_answers_names_the_steps_still_unanswered(client: Client) -> None:
    answer_until(client, "pay")
    html = client.get(reverse("applicants:intake-check")).content.decode()
    assert "Some questions still need an answer" in html
    assert f'href="{url("plans")}"' in html
    assert reverse("applicants:intake-result") not in html


def test_a_change_link_returns_to_check_answers_after_saving(client: Client) -> None:
    answer_everything(client)
    response = client.post(
        url("pay") + "?change=1",
        step_data("pay", monthly_fixed_salary="30000", monthly_total_compensation="30000"),
    )
    assert response["Location"] == reverse("applicants:intake-check")
    assert "30,000 SGD" in client.get(reverse("applicants:intake-check")).content.decode()


def test_a_change_that_opens_a_follow_up_asks_it_before_returning(client: Client) -> None:
    answer_everything(client)
    response = client.post(url("plans") + "?change=1", step_data("plans", has_china_job_offer="yes"))
    # The career step now asks whether each job is relevant to the China offer, then the offer itself.
    assert response["Location"] == url("career") + "?change=1"
    response = client.post(url("career") + "?change=1", step_data("career", relevant_to_china_job="no"))
    assert response["Location"] == url("china-offer") + "?change=1"


def test_finish_without_saving_deletes_the_answers(client: Client) -> None:
    answer_everything(client)
    response = client.post(reverse("applicants:intake-forget"))
    assert response["Location"] == reverse("home")
    assert SESSION_KEY not in client.session


def test_start_page_dates_the_rules_of_each_pathway(client: Client) -> None:
    html = client.get(reverse("home")).content.decode()
    assert "Last verified" in html
    # Each route by its name, not by the rule version's internal id (which means nothing to a reader).
    for name in ("Tech.Pass", "Employment Pass", "K visa", "China work permit", "R visa"):
        assert f'<th scope="row">{name}' in html
    assert "sg_employment_pass/" not in html
    assert "24 November 2026" in html or "Nov. 24, 2026" in html
