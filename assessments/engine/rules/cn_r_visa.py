"""China R visa (high-level foreign talent). Reference: pathways.md §7."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessments.engine.rules.base import BOTH, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "cn_r_visa"


@dataclass(frozen=True, slots=True)
class RVisaParams:
    category_a_points: int


SAFEA = Source(
    "SAFEA/China Daily, How much do you know about Talent Visa (R visa)",
    "http://www.hfmfeb.cn/web/news/2076/2731.html",
    "2018-03-22",
    Confidence.OFFICIAL,
)
BRIEFING = Source(
    "China Briefing, 2013 regulations introduce the R visa",
    "http://www.china-briefing.com/news/2013/07/25/china-releases-final-draft-of-new-visa-and-residence-permit-regulations-for-foreigners.html",
    "2013-07-25",
    Confidence.FIRM,
)

VERSIONS = (
    RuleVersion(
        pathway=PATHWAY,
        id="cn_r_visa/2013",
        title="Category A talent with a Confirmation Letter of High-end Foreign Talent",
        effective_from=date(2013, 9, 1),
        effective_to=None,
        applies_to=BOTH,
        sources=(SAFEA, BRIEFING),
        confidence=Confidence.OFFICIAL,
        notes=(
            "R visa created 1 Sep 2013; talent-visa measures publicised early 2018 (exact date UNCONFIRMED). "
            "Category A is judged with the work-permit points table in force. The confirmation letter is "
            "obtained by the inviting entity: a document, not a criterion. Working still needs a work permit."
        ),
        params=RVisaParams(category_a_points=85),
    ),
)

BOOK: RuleBook[RVisaParams] = RuleBook(PATHWAY, VERSIONS)
