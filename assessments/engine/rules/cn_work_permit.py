"""China Foreigner's Work Permit, categories A/B/C and the points table. Reference: pathways.md §6."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.engine.messages import gettext_noop
from assessments.engine.rules.base import BOTH, Confidence, RuleBook, RuleVersion, Source

PATHWAY = "cn_work_permit"


@dataclass(frozen=True, slots=True)
class WorkPermitParams:
    # (minimum annual salary in CNY, points), highest first; below the last band: 0.
    salary_bands: tuple[tuple[Decimal, int], ...]
    salary_max: int
    education_points: tuple[tuple[str, int], ...]
    education_max: int
    experience_min_years: int  # fewer whole years: 0 points
    experience_points_at_min: int
    experience_max: int
    months_bands: tuple[tuple[int, int], ...]
    months_max: int
    language_former_national: int
    language_chinese_taught_degree: int
    # HSK level -> points (level 5 and 6 use the level-5 figure).
    language_hsk: tuple[tuple[int, int], ...]
    language_max: int
    region_points: int
    # (lowest age, highest age, points); older than the last band: 0.
    age_bands: tuple[tuple[int, int, int], ...]
    age_max: int
    extra_credit: int
    extra_credit_for_patents: bool
    category_a_points: int
    category_b_points: int
    category_b_min_years: int
    category_b_max_age: int  # configurable per city (e.g. Shanghai reportedly 63 with 70 points)
    min_age: int
    # Salary routes: annual salary at least this many times the city's previous-year average wage.
    category_a_wage_multiple: int = 6
    category_b_wage_multiple: int = 4


SMEBROTHER = Source(
    "Interim points table (reproduction)",
    "https://smebrother.com/blogs/news/%E5%A4%96%E5%9C%8B%E4%BA%BA%E4%BE%86%E8%8F%AF%E5%B7%A5%E4%BD%9C%E7%A9%8D%E5%88%86%E8%A6%81%E7%B4%A0%E8%A8%88%E5%88%86%E8%B3%A6%E5%80%BC%E8%A1%A8",
    "undated",
    Confidence.OFFICIAL,
)
HYIT = Source(
    "Trial points table, Huaiyin Institute of Technology",
    "https://jlc.hyit.edu.cn/info/1069/1226.htm",
    "2017-04-06",
    Confidence.OFFICIAL,
)
OIOLAW = Source(
    "Annex 3 Classification Standards (reproduction)",
    "https://oiolaw.com/ja/category/laws-and-regulations/page/5",
    "2017",
    Confidence.OFFICIAL,
)

_SALARY = tuple(
    (Decimal(floor), points)
    for floor, points in ((450000, 20), (350000, 17), (250000, 14), (150000, 11), (70000, 8), (50000, 5))
)
_EDUCATION = (("doctorate", 20), ("master", 15), ("bachelor", 10))
_MONTHS = ((9, 15), (6, 10), (3, 5))
_AGE = ((18, 25, 10), (26, 45, 15), (46, 55, 10), (56, 60, 5))

INTERIM = WorkPermitParams(
    salary_bands=_SALARY,
    salary_max=20,
    education_points=_EDUCATION,
    education_max=20,
    experience_min_years=2,
    experience_points_at_min=5,
    experience_max=20,
    months_bands=_MONTHS,
    months_max=15,
    language_former_national=5,
    language_chinese_taught_degree=5,
    language_hsk=((5, 5), (4, 4), (3, 3), (2, 2), (1, 1)),
    language_max=5,
    region_points=10,
    age_bands=_AGE,
    age_max=15,
    extra_credit=5,
    extra_credit_for_patents=True,
    category_a_points=85,
    category_b_points=60,
    category_b_min_years=2,
    category_b_max_age=60,
    min_age=18,
)
TRIAL = WorkPermitParams(
    salary_bands=_SALARY,
    salary_max=20,
    education_points=_EDUCATION,
    education_max=20,
    experience_min_years=2,
    experience_points_at_min=5,
    experience_max=15,
    months_bands=_MONTHS,
    months_max=15,
    language_former_national=0,
    language_chinese_taught_degree=10,
    language_hsk=((5, 10), (4, 8), (3, 6), (2, 4), (1, 2)),
    language_max=10,
    region_points=10,
    age_bands=_AGE,
    age_max=15,
    extra_credit=5,
    extra_credit_for_patents=False,
    category_a_points=85,
    category_b_points=60,
    category_b_min_years=2,
    category_b_max_age=60,
    min_age=18,
)

VERSIONS = (
    RuleVersion(
        pathway=PATHWAY,
        id="cn_work_permit/2017_trial",
        title="Trial points table (pilot regions)",
        effective_from=date(2016, 11, 1),
        effective_to=date(2017, 3, 31),
        applies_to=BOTH,
        sources=(HYIT,),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Circulated in early 2017; we date it to the pilot (1 Nov 2016 - 31 Mar 2017). Before the engine's "
            "coverage start, so kept as data for history and never selected."
        ),
        params=TRIAL,
    ),
    RuleVersion(
        pathway=PATHWAY,
        id="cn_work_permit/2017_interim",
        change_kind="criteria",
        change_summary=gettext_noop(
            "The work permit system applies nationwide with the interim points table."
        ),
        title="Interim points table (max 120): A >= 85, B >= 60 or bachelor + 2 years",
        effective_from=date(2017, 4, 1),
        effective_to=None,
        applies_to=BOTH,
        sources=(SMEBROTHER, OIOLAW),
        confidence=Confidence.OFFICIAL,
        notes=(
            "Nationwide from 1 Apr 2017. Category A/B routes other than points and the bachelor route (talent "
            "programmes, awards, 4x/6x local average wage, language teachers) need a consultant. The '5 "
            "consecutive years working in China' extra credit and local encouragement bonuses are not "
            "collected. Category B age cap is configurable (Shanghai reportedly 63; UNCONFIRMED)."
        ),
        params=INTERIM,
        criterion_sources={"category": 1},
    ),
)

BOOK: RuleBook[WorkPermitParams] = RuleBook(PATHWAY, VERSIONS)
