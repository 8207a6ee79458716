"""China K visa (young science and technology talent), from 1 Oct 2025. Reference: pathways.md §5."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.engine.messages import gettext_noop
from assessments.engine.result import Outcome
from assessments.engine.rules.base import BOTH, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "cn_k_visa"


@dataclass(frozen=True, slots=True)
class KVisaParams:
    # "Young": 18-45 is widely reported but in no official text found (UNCONFIRMED).
    min_age: int
    max_age: int
    degree_levels: frozenset[str]


UDN = Source(
    "udn (Xinhua-based), K visa decree and four-ministry Q&A",
    "https://udn.com/news/story/7331/8940256",
    "2025-08-14",
    Confidence.OFFICIAL,
)
PEOPLE = Source(
    "People's Daily, K visa in force",
    "http://en.people.cn/n3/2025/0930/c90000-20373217.html",
    "2025-09-30",
    Confidence.PRESS,
)
BS = Source(
    "Business Standard, CCTV age references",
    "https://www.business-standard.com/amp/immigration/china-to-launch-new-visa-for-stem-talent-as-trump-cracks-down-on-immigrants-125081500506_1.html",
    "2025-08-15",
    Confidence.PRESS,
)

VERSIONS: tuple[RuleVersion[Any], ...] = (
    RuleVersion(
        pathway=PATHWAY,
        id="cn_k_visa/before_launch",
        title="Before the K visa existed",
        effective_from=date(2020, 1, 1),
        effective_to=date(2025, 9, 30),
        applies_to=BOTH,
        sources=(UDN,),
        confidence=Confidence.OFFICIAL,
        notes="State Council Decree No. 814, in force 1 Oct 2025.",
        params=None,
        closure=gettext_noop("The K visa exists from 1 October 2025; it takes no applications on {as_of}."),
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="cn_k_visa/2025",
        change_kind="opens",
        change_summary=gettext_noop("The K visa for young science and technology talent opens."),
        title="Young STEM talent: STEM bachelor+ from, or STEM teaching/research at, a well-known institution",
        effective_from=date(2025, 10, 1),
        effective_to=None,
        applies_to=BOTH,
        sources=(UDN, PEOPLE, BS),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Indicative only: the age range (18-45 reported, UNCONFIRMED), the list of well-known institutions "
            "and the work-experience rules are not officially published. All positive results are at most "
            "likely_eligible. The K visa is not a work permit."
        ),
        params=KVisaParams(
            min_age=18, max_age=45, degree_levels=frozenset({"bachelor", "master", "doctorate"})
        ),
        outcome_cap=Outcome.LIKELY_ELIGIBLE,
        criterion_sources={"age": 2},
    ),
)

BOOK: RuleBook[KVisaParams] = RuleBook(PATHWAY, VERSIONS)
