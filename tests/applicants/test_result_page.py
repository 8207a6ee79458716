"""The result page: every pathway with its calibrated headline, criteria, what-ifs and documents."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from applicants.intake.flow import SESSION_KEY
from applicants.models import Applicant, Case, ConsentRecord, Document
from assessments.models import Assessment

from .intake_answers import answer_everything, step_data

pytestmark = pytest.mark.django_db

PATHWAYS = ("Tech.Pass", "ONE Pass", "Employment Pass", "EntrePass", "K visa", "China work permit", "R visa")


def result_page(client: Client) -> str:
    response = client.post(reverse("applicants:intake-result"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_result_shows_every_pathway_with_a_calibrated_headline(client: Client) -> None:
    answer_everything(client)
    html = result_page(client)
    for name in PATHWAYS:
        assert name in html
    assert len(re.findall(r'class="card mb-4 border-\w+ pathway"', html)) == 8
    headlines = {
        "Eligible",
        "Likely eligible — verify",
        "Needs a consultant&#x27;s review",
        "More information needed",
        "Not eligible on these facts",
        "Not open yet",
    }
    assert any(word in html for word in headlines)


def test_the_result_compares_the_best_route_in_singapore_and_china(client: Client) -> None:
    answer_everything(client)
    html = result_page(client)
    assert "Best route in Singapore" in html
    assert "Best route in China" in html
    assert "Work for several employers" in html
    assert "The catch" in html


def test_a_failed_salary_criterion_says_why_and_what_would_change_it(client: Client) -> None:
    answer_everything(client)
    client.post(
        reverse("applicants:intake-step", args=["pay"]),
        step_data("pay", monthly_fixed_salary="9000", monthly_total_compensation="9000"),
    )
    html = result_page(client)
    assert "Not met" in html
    assert "What would change the result" in html
    assert "criterion-not_met" in html


def test_the_china_work_permit_shows_its_points_breakdown(client: Client) -> None:
    answer_everything(client)
    html = result_page(client)
    section = html.split('id="route-cn_work_permit"', 1)[1].split("</section>", 1)[0]
    assert "the pass mark is" in section
    assert '<th scope="col">Factor</th>' in section


def test_the_result_lists_documents_to_prepare(client: Client) -> None:
    answer_everything(client)
    html = result_page(client)
    assert "Documents to prepare" in html
    assert re.search(r'<ul class="documents"><li>', html)


def test_the_result_can_be_reloaded_and_printed_with_get(client: Client) -> None:
    answer_everything(client)
    assert client.get(reverse("applicants:intake-result")).status_code == 200


def test_the_result_before_all_answers_sends_back_to_check_answers(client: Client) -> None:
    client.post(reverse("applicants:intake-step", args=["about"]), step_data("about"))
    response = client.post(reverse("applicants:intake-result"))
    assert response["Location"] == reverse("applicants:intake-check")


def test_the_result_page_in_chinese_uses_chinese_headlines(client: Client) -> None:
    answer_everything(client)
    html = client.post("/zh-hans" + reverse("applicants:intake-result")).content.decode()
    assert "您的结果" in html
    assert "新加坡的最佳途径" in html


def test_assess_without_saving_stores_no_row(client: Client) -> None:
    users_before = User.objects.count()
    answer_everything(client)
    result_page(client)
    client.post(reverse("applicants:intake-forget"))
    assert Applicant.objects.count() == 0
    assert Case.objects.count() == 0
    assert Assessment.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    assert Document.objects.count() == 0
    assert User.objects.count() == users_before
    assert SESSION_KEY not in client.session


def test_each_criterion_card_shows_the_applicants_value_and_its_source(client: Client) -> None:
    answer_everything(client)
    html = result_page(client)
    cards = re.findall(r'<li class="border rounded p-2 mb-2 criterion.*?</li>', html, flags=re.S)
    assert len(cards) > 10
    assert sum("Your answer:" in card for card in cards) > 10
    assert all("Source:" in card for card in cards)


@time_machine.travel(date(2026, 12, 2), tick=False)
def test_the_recommendation_and_next_step_come_before_the_side_by_side(client: Client) -> None:
    answer_everything(client)
    page = result_page(client)
    assert "Our recommendation: Tech.Pass" in page
    assert page.index("Our recommendation") < page.index("Next step:") < page.index("side by side")
    assert "<details" in page


@time_machine.travel(date(2026, 12, 2), tick=False)
def test_a_tech_pass_candidate_sees_the_deadline_with_days_left(client: Client) -> None:
    answer_everything(client)
    page = result_page(client)
    assert "Last day for new Tech.Pass applications." in page
    assert "29 days left" in page
    assert "And if you apply on or after" in page


def test_internal_rule_ids_and_raw_rates_stay_out_of_the_applicants_view(client: Client) -> None:
    answer_everything(client)
    page = result_page(client)
    assert not re.search(r"\b(?:sg|cn)_[a-z_]+/[\w-]+", page)
    assert "Exchange rates used" not in page


def test_a_chinese_citizen_named_on_the_about_step_is_told_no_china_visa_is_needed(client: Client) -> None:
    answer_everything(client)
    client.post(reverse("applicants:intake-step", args=["about"]), step_data("about", other_citizenship="CN"))
    page = result_page(client)
    assert "you need no visa to work there. Chinese talent programmes" in page
    assert "Best route in China" in page
    assert "Our recommendation: K visa" not in page


def test_permanent_residence_is_asked_on_the_about_step(client: Client) -> None:
    response = client.post(
        reverse("applicants:intake-step", args=["about"]),
        {**step_data("about"), "about-permanent_residence": ["SG"]},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY]
    answer_everything_but_about(client)
    page = result_page(client)
    assert "As a Singapore permanent resident you need no pass to work in Singapore." in page


def answer_everything_but_about(client: Client) -> None:
    for slug in ("education", "pay", "career", "plans", "achievements"):
        client.post(reverse("applicants:intake-step", args=[slug]), step_data(slug))
