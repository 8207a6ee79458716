"""ONE Pass (AI and Tech) track, from 1 Jan 2027. Reference: pathways.md §2.3."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import gettext_noop
from assessments.engine.result import Outcome
from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_one_pass_ai_tech"


@dataclass(frozen=True, slots=True)
class AiTechParams:
    min_total_compensation_sgd: Decimal
    min_fixed_salary_sgd: Decimal
    min_years: int
    within_years: int
    qualifying_role_types: frozenset[str]
    # Senior roles the sources neither name nor exclude (VP, partner): years that need them are reviewed.
    review_role_types: frozenset[str]
    min_valuation_usd: Decimal
    min_revenue_usd: Decimal
    min_aum_usd: Decimal
    min_funding_usd: Decimal


FRAGOMEN = Source(
    "Fragomen, Singapore: New ONE Pass (AI and Tech Track)",
    "https://www.fragomen.com/insights/singapore-new-one-pass-ai-and-tech-track-to-be-available-in-january-2027.html",
    "2026-03-11",
    Confidence.FIRM,
)
CNA = Source(
    "CNA, ONE Pass (AI and Tech)",
    "https://www.channelnewsasia.com/singapore/one-pass-ai-tech-talent-work-visa-mom-5965706",
    "2026-03-03",
    Confidence.PRESS,
)

VERSIONS: tuple[RuleVersion[Any], ...] = (
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass_ai_tech/before_launch",
        title="Before the AI and Tech track opens",
        effective_from=date(2020, 1, 1),
        effective_to=date(2026, 12, 31),
        applies_to=NEW | RENEWAL,
        sources=(FRAGOMEN, CNA),
        confidence=Confidence.FIRM,
        notes="Announced 3 Mar 2026; available from January 2027 (Fragomen: 1 Jan 2027).",
        params=None,
        closure=gettext_noop(
            "The ONE Pass (AI and Tech) track opens on 1 January 2027; it takes no applications on {as_of}."
        ),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass_ai_tech/2027",
        change_kind="opens",
        change_summary=gettext_noop(
            "The ONE Pass (AI and Tech) track opens, replacing Tech.Pass for new applications."
        ),
        title="Total pay S$30,000 with fixed S$22,500, 5 of the last 10 years as founder/C-suite/technical, qualifying tech employer",
        effective_from=date(2027, 1, 1),
        effective_to=None,
        applies_to=NEW,
        sources=(FRAGOMEN, CNA),
        confidence=Confidence.PRESS,
        notes=(
            "Sources are press and law-firm reports of MOM's 3 Mar 2026 statement; MOM's own page was not yet "
            "published, so results are at most likely_eligible. Only vested equity may top up the fixed salary. "
            "Funding look-back window UNCONFIRMED. A tech division of a non-tech company may qualify: declare "
            "it as tech_company."
        ),
        params=AiTechParams(
            min_total_compensation_sgd=Decimal(30000),
            min_fixed_salary_sgd=Decimal(22500),
            min_years=5,
            within_years=10,
            qualifying_role_types=frozenset({"founder", "c_suite", "technical"}),
            review_role_types=frozenset({"leadership"}),
            min_valuation_usd=Decimal(500_000_000),
            min_revenue_usd=Decimal(200_000_000),
            min_aum_usd=Decimal(500_000_000),
            min_funding_usd=Decimal(30_000_000),
        ),
        outcome_cap=Outcome.LIKELY_ELIGIBLE,
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="sg_one_pass_ai_tech/renewal_unpublished",
        change_kind="criteria",
        change_summary=gettext_noop(
            "ONE Pass (AI and Tech) renewals begin; their criteria are not yet published."
        ),
        title="Renewal criteria not published",
        effective_from=date(2027, 1, 1),
        effective_to=None,
        applies_to=RENEWAL,
        sources=(FRAGOMEN,),
        confidence=Confidence.UNCONFIRMED,
        notes="Renewal criteria, documents and fees for this track were not published in the sources found.",
        params=None,
    ),
)

BOOK: RuleBook[AiTechParams] = RuleBook(PATHWAY, VERSIONS)
