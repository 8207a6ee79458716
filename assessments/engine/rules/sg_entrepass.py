"""EntrePass (MOM). Reference: pathways.md §4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_entrepass"


@dataclass(frozen=True, slots=True)
class EntrePassParams:
    max_company_age_months: int
    min_funding_round_sgd: Decimal


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
MOM_RENEW = Source(
    "MOM, Renew an EntrePass",
    "https://mom.gov.sg/maintenance/passes-and-permits/entrepass/renew-a-pass",
    "undated",
    Confidence.OFFICIAL,
)

VERSIONS = (
    RuleVersion(
        pathway=PATHWAY,
        id="sg_entrepass/current",
        title="Singapore Pte Ltd (new or at most 12 months old) and one innovation criterion",
        effective_from=date(2017, 8, 3),
        effective_to=None,
        applies_to=NEW,
        sources=(MOM_ELIGIBILITY,),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Criteria are MOM's current page (official); the date of the current five-criterion wording is "
            "UNCONFIRMED (one weak source says 2024), so we apply it from the 3 Aug 2017 revision that introduced "
            "the S$100,000 funding test. The 2017 list also had track-record, achievement and investment routes "
            "that this version does not assess. Ineligible business types (e.g. coffee shops, bars, massage, "
            "employment agencies) are not checked."
        ),
        params=EntrePassParams(max_company_age_months=12, min_funding_round_sgd=Decimal(100000)),
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

BOOK: RuleBook[EntrePassParams | EntrePassRenewalParams] = RuleBook(PATHWAY, VERSIONS)  # type: ignore[arg-type]
