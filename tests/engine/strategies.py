"""Hypothesis strategies for valid contract profiles (JSON-like dicts), absent and null fields included."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

AS_OF_DATES = st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 12, 31))
CURRENCIES = st.sampled_from(["SGD", "USD", "CNY", "EUR", "GBP", "JPY", "INR", "XOF"])


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def money(max_amount: int = 2_000_000) -> st.SearchStrategy[dict[str, Any]]:
    amounts = st.one_of(
        st.integers(0, max_amount),
        st.decimals(0, max_amount, places=2, allow_nan=False, allow_infinity=False).map(str),
    )
    return st.fixed_dictionaries({"amount": amounts, "currency": CURRENCIES})


USD_FIGURE = maybe(
    st.sampled_from(
        [0, 1, 29_999_999, 30_000_000, 199_999_999, 200_000_000, 499_999_999, 500_000_000, 10**10]
    )
)
BOOL = maybe(st.booleans())


@st.composite
def roles(draw: st.DrawFn, as_of: date) -> list[dict[str, Any]]:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        start = as_of - timedelta(days=draw(st.integers(0, 9000)))
        length = draw(maybe(st.integers(0, (as_of - start).days)))
        end = None if length is None else start + timedelta(days=length)
        role: dict[str, Any] = {
            "start": draw(maybe(st.just(start.isoformat()))),
            "end": end.isoformat() if end else None,
            "role_type": draw(
                maybe(st.sampled_from(["founder", "c_suite", "leadership", "technical", "other"]))
            ),
            "organisation_type": draw(
                maybe(
                    st.sampled_from(["tech_company", "tech_vc", "university", "research_institute", "other"])
                )
            ),
            "organisation_well_known": draw(BOOL),
            "valuation_usd": draw(USD_FIGURE),
            "funding_raised_usd": draw(USD_FIGURE),
            "annual_revenue_usd": draw(USD_FIGURE),
            "aum_usd": draw(USD_FIGURE),
            "stem_teaching_or_research": draw(BOOL),
            "relevant_to_china_job": draw(BOOL),
        }
        if role["start"] is None and role["end"] is not None:
            role["end"] = None
        items.append(role)
    return items


EDUCATION = st.fixed_dictionaries(
    {},
    optional={
        "level": maybe(st.sampled_from(["secondary", "diploma", "bachelor", "master", "doctorate"])),
        "field": maybe(st.sampled_from(["stem", "non_stem"])),
        "well_known_institution": BOOL,
        "world_top_100": BOOL,
        "taught_in_chinese": BOOL,
    },
)
COMPASS = st.fixed_dictionaries(
    {},
    optional={
        "c1_salary_percentile": maybe(st.integers(0, 100)),
        "qualification_tier": maybe(st.sampled_from(["top_tier", "degree", "none"])),
        "nationality_share_of_pmets": maybe(st.sampled_from([0, 0.04, 0.05, 0.2, 0.25, 0.34, 1])),
        "local_pmet_share_percentile": maybe(st.integers(0, 100)),
        "employer_pmet_count": maybe(st.integers(0, 1000)),
        "shortage_occupation": BOOL,
        "sep_firm": BOOL,
    },
)


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile: each contract field absent, null or a value of the right kind."""
    as_of = draw(AS_OF_DATES)
    optional: dict[str, st.SearchStrategy[Any]] = {
        "application_type": maybe(st.sampled_from(["new", "renewal"])),
        "date_of_birth": maybe(
            st.integers(16 * 365, 75 * 365).map(lambda d: (as_of - timedelta(days=d)).isoformat())
        ),
        "nationality": maybe(st.sampled_from(["SG", "CN", "US", "IN", "GB", "DE"])),
        "on_singapore_work_pass": BOOL,
        "education": maybe(st.lists(EDUCATION, max_size=3)),
        "monthly_fixed_salary": maybe(money(60_000)),
        "monthly_total_compensation": maybe(money(90_000)),
        "salary_from_single_employer": BOOL,
        "months_at_current_salary": maybe(st.integers(0, 120)),
        "roles": maybe(roles(as_of)),
        "hsk_level": maybe(st.integers(0, 6)),
        "former_chinese_national": BOOL,
        "has_singapore_job_offer": BOOL,
        "singapore_job_offer": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "monthly_fixed_salary": maybe(money(40_000)),
                    "sector": maybe(st.sampled_from(["financial_services", "other"])),
                    "employer_established": BOOL,
                    "compass": maybe(COMPASS),
                },
            )
        ),
        "has_china_job_offer": BOOL,
        "china_job_offer": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "annual_salary": maybe(money(1_500_000)),
                    "months_per_year_in_china": maybe(st.integers(0, 12)),
                    "in_encouraged_region": BOOL,
                },
            )
        ),
        "business": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "has_or_plans_singapore_company": BOOL,
                    "company_incorporated_on": maybe(
                        st.integers(-400, 1500).map(lambda d: (as_of - timedelta(days=d)).isoformat())
                    ),
                    "largest_funding_round": maybe(money(500_000)),
                    "recognised_incubator": BOOL,
                    "founded_and_sold_tech_business": BOOL,
                    "registered_ip": BOOL,
                    "singapore_research_collaboration": BOOL,
                },
            )
        ),
        "achievements": maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "international_award": BOOL,
                    "national_talent_programme": BOOL,
                    "fortune_global_500_experience": BOOL,
                    "holds_patents": BOOL,
                },
            )
        ),
    }
    data = draw(st.fixed_dictionaries({"as_of": st.just(as_of.isoformat())}, optional=optional))
    return data
