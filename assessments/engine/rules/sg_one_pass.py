"""ONE Pass (MOM), general track. Reference: pathways.md §2.1-2.2, §2.4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import gettext_noop
from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_one_pass"


@dataclass(frozen=True, slots=True)
class OnePassParams:
    min_fixed_salary_sgd: Decimal
    min_months_at_salary: int
    established_min_market_cap_usd: Decimal
    established_min_revenue_usd: Decimal
    min_months_at_established_company: int


@dataclass(frozen=True, slots=True)
class OnePassRenewalParams:
    min_average_fixed_salary_sgd: Decimal
    min_local_employees: int
    # Each local's salary is pegged to the Employment Pass minimum qualifying salary in force (read from the
    # Employment Pass rule book when assessing), not stored here.


MOM_APPLY = Source(
    "MOM, Apply for a ONE Pass",
    "https://www.mom.gov.sg/passes-and-permits/overseas-networks-expertise-pass/apply-for-a-pass",
    "undated",
    Confidence.OFFICIAL,
)
MOM_ESTABLISHED = Source(
    "MOM FAQ, established company",
    "https://www.mom.gov.sg/faq/one-pass/does-my-prospective-employer-need-to-meet-the-criteria-for-an-established-company",
    "undated",
    Confidence.OFFICIAL,
)
EDB_SINGLE = Source(
    "EDB Insights (ST reprint), single employer and achievements",
    "https://www.edb.gov.sg/en/business-insights/insights/academics-to-artists-s-pore-s-new-talent-pass-covers-wide-range-of-sectors.html",
    "2022-09",
    Confidence.OFFICIAL,
)
MOTHERSHIP = Source(
    "Mothership, ONE Pass launch",
    "https://mothership.sg/2022/08/overseas-networks-expertise-pass-30k-salary/",
    "2022-08-30",
    Confidence.PRESS,
)
FERGUS = Source(
    "Fergus Visa, ONE Pass renewal criteria as announced",
    "https://fergusvisa.sg/overseas-networks-expertise-pass",
    "undated",
    Confidence.FIRM,
)

VERSIONS: tuple[RuleVersion[Any], ...] = (
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass/before_launch",
        title="Before ONE Pass opened",
        effective_from=date(2020, 1, 1),
        effective_to=date(2022, 12, 31),
        applies_to=NEW | RENEWAL,
        sources=(MOTHERSHIP,),
        confidence=Confidence.OFFICIAL,
        notes="ONE Pass launched on 1 Jan 2023.",
        params=None,
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass/2023",
        change_kind="opens",
        change_summary=gettext_noop("The ONE Pass opens for applications."),
        title="Salary S$30,000 (single employer, established company if overseas) or outstanding achievements",
        effective_from=date(2023, 1, 1),
        effective_to=None,
        applies_to=NEW,
        sources=(MOM_APPLY, MOM_ESTABLISHED, EDB_SINGLE),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Salary over the last 12 months: we require the current fixed salary and at least 12 consecutive "
            "months at it (whether a 12-month average suffices is UNCONFIRMED). Established company = market "
            "cap (we use valuation_usd) >= US$500m or revenue >= US$200m. The achievement route has no "
            "published numeric test: any declared achievement goes to a consultant."
        ),
        params=OnePassParams(
            min_fixed_salary_sgd=Decimal(30000),
            min_months_at_salary=12,
            established_min_market_cap_usd=Decimal(500_000_000),
            established_min_revenue_usd=Decimal(200_000_000),
            min_months_at_established_company=12,
        ),
        criterion_sources={"established_company": 1, "single_employer": 2, "outstanding_achievements": 2},
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass/renewal_2023",
        change_kind="opens",
        change_summary=gettext_noop("ONE Pass renewals open."),
        title="Renewal: 5-year average fixed salary S$30,000 or a company employing 5 locals",
        effective_from=date(2023, 1, 1),
        effective_to=None,
        applies_to=RENEWAL,
        sources=(FERGUS,),
        confidence=Confidence.FIRM,
        notes=(
            "Renewal criteria as announced in Aug 2022; MOM's page text was not retrieved (provisional). Each "
            "local's salary is pegged to the EP minimum qualifying salary (S$5,000 when announced); we use the EP "
            "minimum in force on the assessment date, read from the Employment Pass rule versions."
        ),
        params=OnePassRenewalParams(
            min_average_fixed_salary_sgd=Decimal(30000),
            min_local_employees=5,
        ),
    ),
)

BOOK: RuleBook[OnePassParams | OnePassRenewalParams] = RuleBook(PATHWAY, VERSIONS)
