"""Realistic contract profiles shared by the Django-side assessment tests."""

from __future__ import annotations

from typing import Any


def senior_engineer() -> dict[str, Any]:
    """A staff engineer at a large tech company, with offers in Singapore and China."""
    return {
        "as_of": "2026-11-24",
        "date_of_birth": "1990-05-17",
        "nationality": "IN",
        "on_singapore_work_pass": False,
        "education": [
            {
                "level": "master",
                "field": "stem",
                "institution": "Indian Institute of Technology Bombay",
                "well_known_institution": True,
                "world_top_100": False,
                "taught_in_chinese": False,
                "completed_year": 2014,
            }
        ],
        "monthly_fixed_salary": {"amount": "24000", "currency": "SGD"},
        "monthly_total_compensation": {"amount": "31000", "currency": "SGD"},
        "salary_from_single_employer": True,
        "months_at_current_salary": 14,
        "roles": [
            {
                "organisation": "Flipkart",
                "title": "Engineering Manager",
                "start": "2016-01-01",
                "end": "2021-06-30",
                "role_type": "leadership",
                "organisation_type": "tech_company",
                "organisation_well_known": True,
                "valuation_usd": 35000000000,
            },
            {
                "organisation": "Grab",
                "title": "Director of Engineering",
                "start": "2021-07-01",
                "end": None,
                "role_type": "leadership",
                "organisation_type": "tech_company",
                "organisation_well_known": True,
                "valuation_usd": 14000000000,
            },
        ],
        "hsk_level": 2,
        "former_chinese_national": False,
        "has_singapore_job_offer": True,
        "singapore_job_offer": {
            "monthly_fixed_salary": {"amount": "24000", "currency": "SGD"},
            "sector": "other",
            "employer_established": True,
        },
        "has_china_job_offer": True,
        "china_job_offer": {
            "annual_salary": {"amount": "600000", "currency": "CNY"},
            "months_per_year_in_china": 10,
            "in_encouraged_region": False,
        },
    }
