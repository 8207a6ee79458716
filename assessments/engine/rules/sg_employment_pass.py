"""Employment Pass: stage 1 qualifying salary, stage 2 COMPASS. Reference: pathways.md §3.

New applications select the version by application date; renewals by pass expiry, which the profile
does not carry, so a renewal uses `as_of` as the expiry date (renew shortly before expiry).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.engine.messages import gettext_noop
from assessments.engine.result import Outcome
from assessments.engine.rules.base import NEW, RENEWAL, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "sg_employment_pass"


@dataclass(frozen=True, slots=True)
class Compass:
    pass_mark: int
    exempt_fixed_salary_sgd: Decimal
    small_firm_pmets: int  # a firm with fewer PMETs than this gets C3 = C4 = 10
    c1_top_percentile: Decimal  # >= -> 20
    c1_mid_percentile: Decimal  # >= -> 10
    c3_top_share: Decimal  # < -> 20
    c3_mid_share: Decimal  # < -> 10
    c4_top_percentile: Decimal  # >= -> 20
    c4_mid_percentile: Decimal  # >= -> 10 [firm]
    sol_bonus: int
    sol_bonus_reduced: int
    sol_reduced_share: Decimal  # nationality share >= this -> reduced bonus
    sep_bonus: int


@dataclass(frozen=True, slots=True)
class EmploymentPassParams:
    qs_min_sgd: Decimal
    qs_min_financial_sgd: Decimal
    # Top of the age scale (age 45+); None = not published for this version.
    qs_top_sgd: Decimal | None
    qs_top_financial_sgd: Decimal | None
    qs_min_age: int  # at or below this age the minimum applies
    qs_top_age: int  # at or above this age the top of the scale applies
    compass: Compass | None


COMPASS_2023 = Compass(
    pass_mark=40,
    exempt_fixed_salary_sgd=Decimal(22500),
    small_firm_pmets=25,
    c1_top_percentile=Decimal(90),
    c1_mid_percentile=Decimal(65),
    c3_top_share=Decimal("0.05"),
    c3_mid_share=Decimal("0.25"),
    c4_top_percentile=Decimal(50),
    c4_mid_percentile=Decimal(20),
    sol_bonus=20,
    sol_bonus_reduced=10,
    sol_reduced_share=Decimal(1) / Decimal(3),
    sep_bonus=10,
)

BT_2024 = Source(
    "Business Times, EP QS S$5,600 from 2025",
    "https://www.businesstimes.com.sg/singapore/minimum-qualifying-salary-for-employment-pass-to-increase-to-s-5-600-from-2025",
    "2024-03-04",
    Confidence.PRESS,
)
AG_2022 = Source(
    "Allen & Gledhill, EP QS from 1 Sep 2022",
    "https://www.allenandgledhill.com/sg/publication/articles/22308/updates-to-employment-pass-qualifying-salary-from-1-september-2022-for-new-applications",
    "2022-08-31",
    Confidence.FIRM,
)
MOM_2020 = Source(
    "MOM press release, Raising qualifying salaries for Employment Pass and S Pass (renewals from 1 May 2021; "
    "S$3,900 figure not re-verified against the page in this review)",
    "https://www.mom.gov.sg/newsroom/press-releases/2020/0827-raising-the-qualifying-salaries-for-employment-pass-and-s-pass",
    "2020-08-27",
    Confidence.UNCONFIRMED,
)
CNA_2022 = Source(
    "CNA, Budget 2022 EP QS",
    "https://www.channelnewsasia.com/singapore/foreign-worker-pass-permit-salary-ep-s-pass-2506511",
    "2022-02-18",
    Confidence.PRESS,
)
BT_2026 = Source(
    "Business Times, Budget 2026 salary threshold adjustments",
    "https://www.businesstimes.com.sg/singapore/economy-policy/budget-2026-quick-takes-salary-threshold-adjustments-ep-s-pass-holders",
    "2026-02-12",
    Confidence.PRESS,
)
MOM_COMPASS = Source(
    "MOM, written answer on COMPASS exemptions and small firms",
    "http://www.mom.gov.sg/newsroom/parliament-questions-and-replies/2024/0403-written-answer-to-pq-on-eps-applications-under-compass",
    "2024-04-03",
    Confidence.OFFICIAL,
)
MOM_BONUS = Source(
    "MOM, details on COMPASS bonus criteria",
    "https://www.mom.gov.sg/newsroom/press-releases/2023/0329-details-on-compass-bonus-criteria",
    "2023-03-29",
    Confidence.OFFICIAL,
)

_COMMON_NOTES = (
    "MOM's per-age qualifying-salary table is not encoded: a salary at or above the top of the scale meets "
    "it at any age, below the minimum fails, in between MOM's Self-Assessment Tool decides (review). "
)
_COMPASS_NOTES = (
    "COMPASS C4's 20th-percentile lower band is from law-firm sources [firm]; verify on MOM's page. "
    "Exemptions for intra-corporate transferees and roles of one month or less are not assessed."
)


def _version(
    id: str,
    title: str,
    start: date,
    end: date | None,
    applies_to: frozenset[str],
    params: EmploymentPassParams,
    sources: tuple[Source, ...],
    notes: str,
    *,
    change_kind: str = "threshold",
    change_summary: str | None = None,
) -> RuleVersion[EmploymentPassParams]:
    unconfirmed = any(source.confidence is Confidence.UNCONFIRMED for source in sources)
    confidence = Confidence.UNCONFIRMED if unconfirmed else Confidence.OFFICIAL
    return RuleVersion(
        pathway=PATHWAY,
        id=f"{PATHWAY}/{id}",
        title=title,
        effective_from=start,
        effective_to=end,
        applies_to=applies_to,
        sources=sources,
        confidence=confidence,
        notes=notes,
        params=params,
        outcome_cap=Outcome.ELIGIBLE if confidence is not Confidence.UNCONFIRMED else Outcome.LIKELY_ELIGIBLE,
        change_kind=change_kind,
        change_summary=change_summary,
        # COMPASS criteria cite MOM's COMPASS reply, the second source of every version that has COMPASS.
        criterion_sources={"compass": 1} if params.compass is not None else {},
    )


V2020 = EmploymentPassParams(
    qs_min_sgd=Decimal(4500),
    qs_min_financial_sgd=Decimal(5000),
    qs_top_sgd=None,
    qs_top_financial_sgd=None,
    qs_min_age=23,
    qs_top_age=45,
    compass=None,
)
V2019_RENEWAL = EmploymentPassParams(
    qs_min_sgd=Decimal(3900),
    qs_min_financial_sgd=Decimal(3900),
    qs_top_sgd=None,
    qs_top_financial_sgd=None,
    qs_min_age=23,
    qs_top_age=45,
    compass=None,
)
V2022 = EmploymentPassParams(
    qs_min_sgd=Decimal(5000),
    qs_min_financial_sgd=Decimal(5500),
    qs_top_sgd=Decimal(10500),
    qs_top_financial_sgd=Decimal(11500),
    qs_min_age=23,
    qs_top_age=45,
    compass=None,
)
V2022_COMPASS = EmploymentPassParams(
    qs_min_sgd=V2022.qs_min_sgd,
    qs_min_financial_sgd=V2022.qs_min_financial_sgd,
    qs_top_sgd=V2022.qs_top_sgd,
    qs_top_financial_sgd=V2022.qs_top_financial_sgd,
    qs_min_age=23,
    qs_top_age=45,
    compass=COMPASS_2023,
)
V2025 = EmploymentPassParams(
    qs_min_sgd=Decimal(5600),
    qs_min_financial_sgd=Decimal(6200),
    qs_top_sgd=Decimal(10700),
    qs_top_financial_sgd=Decimal(11800),
    qs_min_age=23,
    qs_top_age=45,
    compass=COMPASS_2023,
)
V2027 = EmploymentPassParams(
    qs_min_sgd=Decimal(6000),
    qs_min_financial_sgd=Decimal(6600),
    qs_top_sgd=Decimal(11500),
    qs_top_financial_sgd=Decimal(12700),
    qs_min_age=23,
    qs_top_age=45,
    compass=COMPASS_2023,
)

_V2020_NOTES = (
    "Financial services S$5,000 from 1 Dec 2020; the top of the age scale was not found (UNCONFIRMED), so "
    "every salary above the minimum goes to review. "
)

VERSIONS = (
    _version(
        "V2020",
        "QS S$4,500 / FS S$5,000; no COMPASS",
        date(2020, 9, 1),
        date(2022, 8, 31),
        NEW,
        V2020,
        (CNA_2022,),
        _V2020_NOTES + _COMMON_NOTES,
    ),
    _version(
        "V2022",
        "QS S$5,000 / FS S$5,500; no COMPASS yet",
        date(2022, 9, 1),
        date(2023, 8, 31),
        NEW,
        V2022,
        (AG_2022,),
        _COMMON_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass qualifying salary rises to S$5,000 (financial services S$5,500) for new "
            "applications."
        ),
    ),
    _version(
        "V2022_COMPASS",
        "QS S$5,000 / FS S$5,500; COMPASS 40 points",
        date(2023, 9, 1),
        date(2024, 12, 31),
        NEW,
        V2022_COMPASS,
        (AG_2022, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop("COMPASS (40 points) applies to new Employment Pass applications."),
    ),
    _version(
        "V2025",
        "QS S$5,600 / FS S$6,200; COMPASS 40 points",
        date(2025, 1, 1),
        date(2026, 12, 31),
        NEW,
        V2025,
        (BT_2024, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass qualifying salary rises to S$5,600 (financial services S$6,200) for new "
            "applications."
        ),
    ),
    _version(
        "V2027",
        "QS S$6,000 / FS S$6,600; COMPASS 40 points",
        date(2027, 1, 1),
        None,
        NEW,
        V2027,
        (BT_2026, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass qualifying salary rises to S$6,000 (financial services S$6,600) for new "
            "applications."
        ),
    ),
    _version(
        "V2019_renewal",
        "Renewals expiring before 1 May 2021: QS S$3,900",
        date(2020, 9, 1),
        date(2021, 4, 30),
        RENEWAL,
        V2019_RENEWAL,
        (MOM_2020,),
        "The S$4,500 (FS S$5,000) minimum applied to renewals from 1 May 2021 (December 2026 audit; MOM press "
        "release of 27 Aug 2020); before it renewals kept the S$3,900 minimum. " + _COMMON_NOTES,
    ),
    _version(
        "V2020_renewal",
        "Renewals expiring from 1 May 2021: QS S$4,500 / FS S$5,000",
        date(2021, 5, 1),
        date(2023, 8, 31),
        RENEWAL,
        V2020,
        (CNA_2022,),
        _V2020_NOTES + _COMMON_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass renewal minimum rises to S$4,500 (financial services S$5,000) for passes "
            "expiring from 1 May 2021."
        ),
    ),
    _version(
        "V2022_renewal",
        "Renewals expiring from 1 Sep 2023: QS S$5,000 / FS S$5,500",
        date(2023, 9, 1),
        date(2024, 8, 31),
        RENEWAL,
        V2022,
        (AG_2022,),
        _COMMON_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass renewal minimum rises to S$5,000 (financial services S$5,500) for passes "
            "expiring from 1 September 2023."
        ),
    ),
    _version(
        "V2022_COMPASS_renewal",
        "Renewals expiring from 1 Sep 2024: COMPASS applies",
        date(2024, 9, 1),
        date(2025, 12, 31),
        RENEWAL,
        V2022_COMPASS,
        (AG_2022, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop(
            "COMPASS applies to Employment Pass renewals for passes expiring from 1 September 2024."
        ),
    ),
    _version(
        "V2025_renewal",
        "Renewals expiring from 1 Jan 2026: QS S$5,600 / FS S$6,200",
        date(2026, 1, 1),
        date(2027, 12, 31),
        RENEWAL,
        V2025,
        (BT_2024, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass renewal minimum rises to S$5,600 (financial services S$6,200) for passes "
            "expiring from 1 January 2026."
        ),
    ),
    _version(
        "V2027_renewal",
        "Renewals expiring from 1 Jan 2028: QS S$6,000 / FS S$6,600",
        date(2028, 1, 1),
        None,
        RENEWAL,
        V2027,
        (BT_2026, MOM_COMPASS, MOM_BONUS),
        _COMMON_NOTES + _COMPASS_NOTES,
        change_summary=gettext_noop(
            "The Employment Pass renewal minimum rises to S$6,000 (financial services S$6,600) for passes "
            "expiring from 1 January 2028."
        ),
    ),
)

BOOK: RuleBook[EmploymentPassParams] = RuleBook(PATHWAY, VERSIONS)
