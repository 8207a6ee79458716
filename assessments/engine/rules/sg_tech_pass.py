"""Tech.Pass (EDB) rule versions. Reference: pathways.md §1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from assessments.engine.messages import gettext_noop
from assessments.engine.result import Outcome
from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_tech_pass"


@dataclass(frozen=True, slots=True)
class TechPassParams:
    # "all_of": salary AND experience (Version C); "two_of_three": any 2 of salary, company, product.
    combination: Literal["all_of", "two_of_three"]
    min_fixed_salary_sgd: Decimal
    min_leading_years: int
    min_valuation_usd: Decimal
    min_funding_usd: Decimal
    # Tech-VC route (Version C only); None = no VC route.
    min_vc_aum_usd: Decimal | None
    # Product limb (Versions A/B): product revenue; monthly active users are not collected.
    min_product_revenue_usd: Decimal | None


@dataclass(frozen=True, slots=True)
class LocalHires:
    """The business-spending route's local jobs: enough local PMEs or enough locals on the qualifying salary."""

    min_local_pmes: int
    local_pme_min_salary_sgd: Decimal
    min_local_qualifying_employees: int
    local_qualifying_salary_sgd: Decimal


@dataclass(frozen=True, slots=True)
class InvestmentRoute:
    """Founded a Singapore tech entity that raised more than the minimum in the window (one recognised investor)."""

    min_investment_raised_usd: Decimal
    window_months: int


@dataclass(frozen=True, slots=True)
class TechPassRenewalParams:
    min_assessable_income_sgd: Decimal
    min_business_spending_sgd: Decimal
    min_current_roles: int
    # None where the version's source does not give the figures.
    local_hires: LocalHires | None
    investment: InvestmentRoute | None


EDB_APPLY = Source(
    "EDB, Apply for a Tech.Pass (Japanese edition)",
    "https://www.edb.gov.sg/ja/how-we-help/incentives-and-schemes/tech-pass/apply-for-a-tech-pass.html",
    "undated",
    Confidence.OFFICIAL,
)
CNA_2026 = Source(
    "CNA, ONE Pass (AI and Tech) replaces Tech.Pass",
    "https://www.channelnewsasia.com/singapore/one-pass-ai-tech-talent-work-visa-mom-5965706",
    "2026-03-03",
    Confidence.PRESS,
)
ALLEN_2020 = Source(
    "Allen & Gledhill, EDB to launch new programme",
    "https://www.allenandgledhill.com/sg/publication/articles/17241/edb-to-launnew-programme-to-attract-entrepreneurs-and-leaders-to-develop-s-teecosystem",
    "2020-11-26",
    Confidence.FIRM,
)
ONE_ASIA = Source(
    "One Asia Lawyers, applications accepted from 19 Jan 2021",
    "https://oneasia.legal/6445",
    "2021-02-26",
    Confidence.FIRM,
)
SMTP = Source(
    "SMTP Law, Introduction to Tech.Pass and Tech@SG",
    "https://smtplaw.com/publication/introduction-to-tech-pass-and-techsg",
    "undated",
    Confidence.FIRM,
)
ST_2026 = Source(
    "Straits Times, new AI & Tech track replaces Tech.Pass",
    "https://www.straitstimes.com/singapore/politics/new-work-pass-for-high-earners-in-ai-and-tech-among-changes-to-spore-foreign-workforce-policies",
    "2026-03-03",
    Confidence.PRESS,
)
EDB_RENEW = Source(
    "EDB, Renew my Tech.Pass",
    "https://edb.gov.sg/en/grants/incentives-and-schemes/tech-pass/renew-my-tech-pass.html",
    "undated",
    Confidence.OFFICIAL,
)
EDB_RENEW_JA = Source(
    "EDB, Renew my Tech.Pass (Japanese edition)",
    "https://www.edb.gov.sg/ja/how-we-help/incentives-and-schemes/tech-pass/renew-my-tech-pass.html",
    "undated",
    Confidence.OFFICIAL,
)
KAIZEN = Source(
    "Kaizen CPA, Tech.Pass launch renewal criteria",
    "https://kaizencpa.com/Knowledge/info/id/939.html",
    "undated",
    Confidence.FIRM,
)

VERSIONS: tuple[RuleVersion[Any], ...] = (
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/before_launch",
        title="Before Tech.Pass opened",
        effective_from=date(2020, 1, 1),
        effective_to=date(2021, 1, 18),
        applies_to=NEW | RENEWAL,
        sources=(ONE_ASIA,),
        confidence=Confidence.FIRM,
        notes="Applications opened in January 2021; 19 Jan 2021 is from one law-firm note.",
        params=None,
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/A_2021",
        change_kind="opens",
        change_summary=gettext_noop("Tech.Pass opens for applications (launch rules: any 2 of 3 criteria)."),
        title="Launch rules: any 2 of 3 (salary S$20,000; company; product)",
        effective_from=date(2021, 1, 19),
        effective_to=date(2023, 8, 31),
        applies_to=NEW,
        sources=(ALLEN_2020, ONE_ASIA),
        confidence=Confidence.FIRM,
        notes=(
            "Start 19 Jan 2021 per One Asia Lawyers. End chosen by us as 31 Aug 2023: the S$22,500 figure of "
            "Version B most plausibly follows MOM's top-10% benchmark of 1 Sep 2023 (UNCONFIRMED). The product "
            "limb's monthly-active-users test is not collected, so it is met only on product revenue."
        ),
        params=TechPassParams(
            combination="two_of_three",
            min_fixed_salary_sgd=Decimal(20000),
            min_leading_years=5,
            min_valuation_usd=Decimal(500_000_000),
            min_funding_usd=Decimal(30_000_000),
            min_vc_aum_usd=None,
            min_product_revenue_usd=Decimal(100_000_000),
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/B_2023",
        change_kind="threshold",
        change_summary=gettext_noop(
            "Tech.Pass's salary criterion rises to S$22,500 (start date unconfirmed)."
        ),
        title="Any 2 of 3 with the salary limb at S$22,500",
        effective_from=date(2023, 9, 1),
        effective_to=date(2024, 12, 31),
        applies_to=NEW,
        sources=(SMTP,),
        confidence=Confidence.FIRM,
        notes=(
            "Reported by practitioners; start date UNCONFIRMED (likely 1 Sep 2023). End chosen by us as "
            "31 Dec 2024: Version B is attested c. 2024 (undated), Version C by EDB's current page and CNA "
            "on 3 Mar 2026; no source dates the change. Results under this version are at most likely_eligible."
        ),
        params=TechPassParams(
            combination="two_of_three",
            min_fixed_salary_sgd=Decimal(22500),
            min_leading_years=5,
            min_valuation_usd=Decimal(500_000_000),
            min_funding_usd=Decimal(30_000_000),
            min_vc_aum_usd=None,
            min_product_revenue_usd=Decimal(100_000_000),
        ),
        outcome_cap=Outcome.LIKELY_ELIGIBLE,
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/C_current",
        change_kind="criteria",
        change_summary=gettext_noop(
            "Tech.Pass needs both the salary and 5 years in a leading role; tech VC firms qualify."
        ),
        title="Salary S$22,500 AND 5 years leading a qualifying tech company or tech VC",
        effective_from=date(2025, 1, 1),
        effective_to=date(2026, 12, 31),
        applies_to=NEW,
        sources=(EDB_APPLY, CNA_2026),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Criteria are EDB's current wording (official). The date the rule became salary AND experience is "
            "UNCONFIRMED: in force by March 2026; 1 Jan 2025 is our boundary. Non-cash income is assessed "
            "case by case. New applications end when the ONE Pass (AI and Tech) track opens on 1 Jan 2027 "
            "(cut-over UNCONFIRMED)."
        ),
        params=TechPassParams(
            combination="all_of",
            min_fixed_salary_sgd=Decimal(22500),
            min_leading_years=5,
            min_valuation_usd=Decimal(500_000_000),
            min_funding_usd=Decimal(30_000_000),
            min_vc_aum_usd=Decimal(500_000_000),
            min_product_revenue_usd=None,
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/closed_2027",
        change_kind="closes",
        change_summary=gettext_noop(
            "New Tech.Pass applications end; the ONE Pass (AI and Tech) track takes their place from 1 "
            "January 2027."
        ),
        title="Closed to new applications (replaced by ONE Pass AI and Tech)",
        effective_from=date(2027, 1, 1),
        effective_to=None,
        applies_to=NEW,
        sources=(ST_2026, CNA_2026),
        confidence=Confidence.PRESS,
        notes=(
            "MOM announced on 3 Mar 2026 that the ONE Pass (AI and Tech) track replaces Tech.Pass from January "
            "2027. That new applications close on 1 Jan 2027 is stated only by an agency blog: UNCONFIRMED."
        ),
        params=None,
        closure=gettext_noop(
            "Tech.Pass takes no new applications from 1 January 2027: the ONE Pass (AI and Tech) track replaces "
            "it (the cut-over details are unconfirmed)."
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/renewal_2021",
        change_kind="opens",
        change_summary=gettext_noop(
            "Tech.Pass renewals open (assessable income S$240,000 or business spending and local jobs)."
        ),
        title="Renewal at launch: assessable income S$240,000 or business spending, plus 2 roles",
        effective_from=date(2021, 1, 19),
        effective_to=date(2023, 8, 31),
        applies_to=RENEWAL,
        sources=(KAIZEN,),
        confidence=Confidence.FIRM,
        notes=(
            "Kaizen gives the income and spending limbs; the local-jobs figures and any investment route at "
            "launch are not given. End date chosen by us: the income limb most plausibly followed the PEP's "
            "S$270,000 from 1 Sep 2023."
        ),
        params=TechPassRenewalParams(
            min_assessable_income_sgd=Decimal(240000),
            min_business_spending_sgd=Decimal(100000),
            min_current_roles=2,
            local_hires=None,
            investment=None,
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_tech_pass/renewal_current",
        change_kind="threshold",
        change_summary=gettext_noop("Tech.Pass renewal income rises to S$270,000 (start date unconfirmed)."),
        title="Renewal: assessable income S$270,000 or business spending, plus 2 roles",
        effective_from=date(2023, 9, 1),
        effective_to=None,
        applies_to=RENEWAL,
        sources=(EDB_RENEW, EDB_RENEW_JA),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Three routes (EDB renew pages): assessable income; business spending with local PMEs (>= S$3,900 "
            "fixed, 3 months' CPF) or local qualifying-salary employees (S$1,600, EntrePass definition; whether EDB "
            "tracks the 2026 rise to S$1,800 is UNCONFIRMED); or a founded Singapore tech entity that raised more "
            "than US$10m in 36 months, one investment from a recognised firm. Role categories (A)/(B) could not be "
            "retrieved (UNCONFIRMED). Whether holders may renew after "
            "the 2027 replacement is UNCONFIRMED (an agency blog says they may)."
        ),
        params=TechPassRenewalParams(
            min_assessable_income_sgd=Decimal(270000),
            min_business_spending_sgd=Decimal(100000),
            min_current_roles=2,
            local_hires=LocalHires(
                min_local_pmes=1,
                local_pme_min_salary_sgd=Decimal(3900),
                min_local_qualifying_employees=3,
                local_qualifying_salary_sgd=Decimal(1600),
            ),
            investment=InvestmentRoute(min_investment_raised_usd=Decimal(10_000_000), window_months=36),
        ),
    ),
)

BOOK: RuleBook[TechPassParams | TechPassRenewalParams] = RuleBook(PATHWAY, VERSIONS)
