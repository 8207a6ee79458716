"""A complete, valid set of intake answers as the step pages post them, for view and browser tests."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse


def formset(prefix: str, entries: list[dict[str, str]]) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(entries)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for index, entry in enumerate(entries):
        data.update({f"{prefix}-{index}-{key}": value for key, value in entry.items()})
    return data


def prefixed(prefix: str, fields: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}-{key}": value for key, value in fields.items()}


ABOUT = {
    "date_of_birth_day": "31",
    "date_of_birth_month": "5",
    "date_of_birth_year": "1990",
    "nationality": "DE",
    "application_type": "new",
    "on_singapore_work_pass": "no",
}
QUALIFICATION = {
    "level": "master",
    "field": "stem",
    "institution": "Technical University of Munich",
    "well_known_institution": "yes",
    "world_top_100": "yes",
    "taught_in_chinese": "no",
    "completed_year": "2014",
}
PAY = {
    "currency": "SGD",
    "monthly_fixed_salary": "25000",
    "monthly_total_compensation": "32000",
    "salary_from_single_employer": "yes",
    "months_at_current_salary": "14",
}
ROLE = {
    "organisation": "Example Robotics",
    "title": "VP Engineering",
    "start": "2017-01-01",
    "end": "",
    "role_type": "leadership",
    "organisation_type": "tech_company",
    "organisation_well_known": "yes",
    "valuation_usd": "800000000",
    "funding_raised_usd": "",
    "annual_revenue_usd": "",
    "aum_usd": "",
    "stem_teaching_or_research": "no",
}
PLANS = {"has_singapore_job_offer": "no", "has_china_job_offer": "no", "has_or_plans_singapore_company": "no"}
ACHIEVEMENTS = {
    "hsk_level": "2",
    "former_chinese_national": "no",
    "international_award": "no",
    "national_talent_programme": "unknown",
    "fortune_global_500_experience": "yes",
    "holds_patents": "no",
}


def step_data(slug: str, **overrides: str) -> dict[str, str]:
    if slug == "education":
        return formset("education", [{**QUALIFICATION, **overrides}])
    if slug == "career":
        return formset("career", [{**ROLE, **overrides}])
    base: dict[str, Any] = {"about": ABOUT, "pay": PAY, "plans": PLANS, "achievements": ACHIEVEMENTS}[slug]
    return prefixed(slug, {**base, **overrides})


MAIN_STEPS = ("about", "education", "pay", "plans", "career", "achievements")


def answer_everything(client: Client) -> None:
    for slug in MAIN_STEPS:
        response = client.post(reverse("applicants:intake-step", args=[slug]), step_data(slug))
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
