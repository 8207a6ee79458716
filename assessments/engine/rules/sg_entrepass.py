"""EntrePass (MOM). Reference: pathways.md §4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import gettext_noop
from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_entrepass"


@dataclass(frozen=True, slots=True)
class EntrePassParams:
    max_company_age_months: int
    min_funding_round_sgd: Decimal
    # True: "at most N months old" (a company exactly N months old qualifies); False: "less than N months".
    age_limit_inclusive: bool = True


@dataclass(frozen=True, slots=True)
class EntrePassRenewalParams:
    min_shareholding: Decimal
    second_renewal_min_spending_sgd: Decimal


MOM_ELIGIBILITY = Source(
    "MOM, Eligibility for EntrePass",
    "https://www.mom.gov.sg/passes-and-permits/entrepass/eligibility",
    "undated",
    Confidence.OFFICIAL,
)
MOM_ELIGIBILITY_2017 = Source(
    "MOM, Eligibility for EntrePass (earlier wording: company less than 6 months old)",
    "http://www.mom.gov.sg/passes-and-permits/entrepass/eligibility",
    "undated (before 2023)",
    Confidence.OFFICIAL,
)
MOM_RENEW = Source(
    "MOM, Renew an EntrePass",
    "https://mom.gov.sg/maintenance/passes-and-permits/entrepass/renew-a-pass",
    "undated",
    Confidence.OFFICIAL,
)

VERSIONS: tuple[RuleVersion[Any], ...] = (
    RuleVersion(
        pathway=PATHWAY,
        id="sg_entrepass/2017",
        title="Singapore Pte Ltd (new or less than 6 months old) and one innovation criterion",
        effective_from=date(2017, 8, 3),
        effective_to=date(2022, 12, 31),
        applies_to=NEW,
        sources=(MOM_ELIGIBILITY_2017,),
        confidence=Confidence.OFFICIAL,
        notes=(
            "MOM's earlier page: 'If registered, the company must be less than 6 months old on the date you apply.' "
            "The December 2026 audit places the change to 12 months at the start of 2023; the exact day is "
            "UNCONFIRMED, so 1 Jan 2023 is used. Innovation criteria as in the current version."
        ),
        params=EntrePassParams(
            max_company_age_months=6, min_funding_round_sgd=Decimal(100000), age_limit_inclusive=False
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_entrepass/current",
        title="Singapore Pte Ltd (new or at most 12 months old) and one innovation criterion",
        effective_from=date(2023, 1, 1),
        effective_to=None,
        applies_to=NEW,
        sources=(MOM_ELIGIBILITY,),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Criteria are MOM's current page (official): a registered company more than 12 months old is "
            "assessed under the renewal criteria (a consultant reviews it). The date of the current "
            "five-criterion wording is UNCONFIRMED (one weak source says 2024); the 12-month company age is "
            "applied from 1 Jan 2023 (December 2026 audit). Ineligible business types (e.g. coffee shops, bars, "
            "massage, employment agencies) are not checked."
        ),
        params=EntrePassParams(max_company_age_months=12, min_funding_round_sgd=Decimal(100000)),
        change_kind="criteria",
        change_summary=gettext_noop(
            "A registered company may be up to 12 months old (was: less than 6 months); an older one is assessed "
            "under the renewal criteria."
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_entrepass/renewal_current",
        title="Renewal: 30% shareholding, business spending and local jobs by renewal cycle",
        effective_from=date(2017, 8, 3),
        effective_to=None,
        applies_to=RENEWAL,
        sources=(MOM_RENEW,),
        confidence=Confidence.OFFICIAL,
        notes="Renewal facts (spending, local PMEs, shareholding) are not collected: a consultant reviews them.",
        params=EntrePassRenewalParams(
            min_shareholding=Decimal("0.30"), second_renewal_min_spending_sgd=Decimal(100000)
        ),
    ),
)

BOOK: RuleBook[EntrePassParams | EntrePassRenewalParams] = RuleBook(PATHWAY, VERSIONS)
