"""The China work-permit points table, computed once per profile (the R visa reuses it).

Unknown facts give a range: `low` counts only what is proven, `high` what the unknowns could add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assessments.engine.messages import Amount, Message, gettext_noop, msg
from assessments.engine.profile import Education, Role
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.cn_work_permit import BOOK, WorkPermitParams
from assessments.engine.years import YearsRange

from .common import Context, MoneyCheck, Tri, all3, any3, money_in

BACHELOR_OR_ABOVE = frozenset({"bachelor", "master", "doctorate"})
MASTER_OR_ABOVE = frozenset({"master", "doctorate"})

SALARY = msg(gettext_noop("Annual salary from the Chinese employer"))
EDUCATION = msg(gettext_noop("Education"))
EXPERIENCE = msg(gettext_noop("Relevant work experience"))
MONTHS = msg(gettext_noop("Months a year working in China"))
# One name per HSK level (中文: "HSK 六级", never "等级 6").
HSK_LEVELS = {
    1: gettext_noop("HSK level 1"),
    2: gettext_noop("HSK level 2"),
    3: gettext_noop("HSK level 3"),
    4: gettext_noop("HSK level 4"),
    5: gettext_noop("HSK level 5"),
    6: gettext_noop("HSK level 6"),
}
LANGUAGE = msg(gettext_noop("Chinese language"))
REGION = msg(gettext_noop("Work location in an encouraged region"))
AGE = msg(gettext_noop("Age"))
EXTRA = msg(gettext_noop("Extra credit (top-100 university, Fortune Global 500, patents)"))


@dataclass(slots=True)
class CnPoints:
    version: RuleVersion[WorkPermitParams]
    breakdown: list[tuple[Message, int | None, int]]
    low: int
    high: int
    salary: MoneyCheck
    years: YearsRange
    bachelor_route: (
        Tri  # bachelor's or above and 2 years' experience (the age limit is checked by the caller)
    )
    top_100_master: Tri  # master's or above from a world top-100 university (category B, no points needed)
    salary_a: Tri  # salary >= 6x the city's average wage (category A route)
    salary_b: Tri  # salary >= 4x the city's average wage (category B route)
    wage: MoneyCheck
    category_low: str
    category_high: str
    # With a bachelor's degree and an ongoing counted role short of the B years: the day they are reached.
    bachelor_route_from: date | None = None

    @property
    def category(self) -> str | None:
        """The proven category, or None while the unknowns could lift category C to B or A."""
        if self.category_low == self.category_high or self.category_low != "C":
            return self.category_low
        return None


def _salary_points(value: Decimal, p: WorkPermitParams) -> int:
    for floor, points in p.salary_bands:
        if value >= floor:
            return points
    return 0


def _experience_points(whole_years: int, p: WorkPermitParams) -> int:
    if whole_years < p.experience_min_years:
        return 0
    return min(p.experience_points_at_min + whole_years - p.experience_min_years, p.experience_max)


def _age_points(age: int, p: WorkPermitParams) -> int:
    for low, high, points in p.age_bands:
        if low <= age <= high:
            return points
    return 0


def _hsk_points(level: int, p: WorkPermitParams) -> int:
    """Points for an HSK level (levels above 5 score as 5)."""
    return dict(p.language_hsk).get(min(level, 5), 0)


def _band(value: int, bands: tuple[tuple[int, int], ...]) -> int:
    for floor, points in bands:
        if value >= floor:
            return points
    return 0


def cn_points(ctx: Context) -> CnPoints:
    cached = ctx.cache.get("cn_points")
    if cached is None:
        cached = ctx.cache["cn_points"] = _compute(ctx)
    return cached


def _counts_for_china(role: Role) -> Tri:
    return role.relevant_to_china_job is not False


def _compute(ctx: Context) -> CnPoints:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    p = version.params
    assert p is not None
    profile = ctx.profile
    no_offer = profile.has_china_job_offer is False
    offer = None if no_offer else profile.china_job_offer
    rows: list[tuple[Message, int, int, int]] = []  # factor, proven points, possible points, max

    salary = money_in(ctx, offer.annual_salary if offer else None, "CNY")
    if no_offer:
        rows.append((SALARY, 0, 0, p.salary_max))
    elif salary.value is None:
        rows.append((SALARY, 0, p.salary_max, p.salary_max))
    else:
        points = _salary_points(salary.value, p)
        rows.append((SALARY, points, points, p.salary_max))

    education = profile.education
    degrees = _degrees(education, dict(p.education_points))
    if education is None:
        rows.append((EDUCATION, 0, p.education_max, p.education_max))
    else:
        best = degrees.best_points
        rows.append((EDUCATION, best, p.education_max if degrees.unknown_level else best, p.education_max))

    years = ctx.career.years(_counts_for_china)
    low_exp = _experience_points(years.known.whole_years(), p)
    high_exp = (
        p.experience_max if years.possible is None else _experience_points(years.possible.whole_years(), p)
    )
    rows.append((EXPERIENCE, low_exp, high_exp, p.experience_max))

    months = offer.months_per_year_in_china if offer else None
    if no_offer:
        rows.append((MONTHS, 0, 0, p.months_max))
    elif months is None:
        rows.append((MONTHS, 0, p.months_max, p.months_max))
    else:
        points = _band(months, p.months_bands)
        rows.append((MONTHS, points, points, p.months_max))

    rows.append((LANGUAGE, *_language(ctx, p, degrees.chinese_taught), p.language_max))

    region = offer.in_encouraged_region if offer else None
    if no_offer or region is False:
        rows.append((REGION, 0, 0, p.region_points))
    elif region is None:
        rows.append((REGION, 0, p.region_points, p.region_points))
    else:
        rows.append((REGION, p.region_points, p.region_points, p.region_points))

    age = ctx.age
    if age is None:
        rows.append((AGE, 0, p.age_max, p.age_max))
    else:
        points = _age_points(age, p)
        rows.append((AGE, points, points, p.age_max))

    achievements = profile.achievements
    extra = any3(degrees.top_100, achievements.fortune_global_500_experience if achievements else None)
    if p.extra_credit_for_patents:
        extra = any3(extra, achievements.holds_patents if achievements else None)
    rows.append(
        (EXTRA, p.extra_credit if extra else 0, 0 if extra is False else p.extra_credit, p.extra_credit)
    )

    low = high = 0
    breakdown: list[tuple[Message, int | None, int]] = []
    for factor, proven, possible, top in rows:
        low += proven
        high += possible
        # A factor shows None only while nothing about it is proven, so the breakdown always adds up to `low`.
        breakdown.append((factor, proven if proven == possible or proven else None, top))

    bachelor_route = all3(degrees.bachelor, years.at_least(p.category_b_min_years))
    wage = money_in(ctx, offer.local_average_annual_wage if offer else None, "CNY")

    def multiple(times: int) -> Tri:
        if no_offer:
            return False
        if salary.value is None or wage.value is None or wage.value <= 0:
            return None
        return salary.value >= wage.value * times

    salary_a = multiple(p.category_a_wage_multiple)
    salary_b = multiple(p.category_b_wage_multiple)
    b_routes = (bachelor_route, degrees.top_100_master, salary_b)
    return CnPoints(
        version=version,
        breakdown=breakdown,
        low=low,
        high=high,
        salary=salary,
        years=years,
        bachelor_route=bachelor_route,
        top_100_master=degrees.top_100_master,
        salary_a=salary_a,
        salary_b=salary_b,
        wage=wage,
        category_low=_category(low, salary_a is True, True in b_routes, p),
        category_high=_category(high, salary_a is not False, any(r is not False for r in b_routes), p),
        bachelor_route_from=ctx.career.met_from(_counts_for_china, p.category_b_min_years)
        if degrees.bachelor is True and bachelor_route is False
        else None,
    )


def _category(points: int, a_route: bool, b_route: bool, p: WorkPermitParams) -> str:
    if points >= p.category_a_points or a_route:
        return "A"
    if points >= p.category_b_points or b_route:
        return "B"
    return "C"


@dataclass(slots=True)
class _Degrees:
    """What the education list says, in one pass (three-valued where an entry leaves a fact unknown)."""

    best_points: int
    unknown_level: bool
    bachelor: Tri  # a bachelor's degree or above
    top_100: Tri  # from a world top-100 institution
    chinese_taught: Tri  # a Chinese-taught bachelor's degree or above
    top_100_master: Tri  # a master's or doctorate from a world top-100 university


UNKNOWN_DEGREES = _Degrees(
    best_points=0, unknown_level=True, bachelor=None, top_100=None, chinese_taught=None, top_100_master=None
)
NO_DEGREES = _Degrees(
    best_points=0,
    unknown_level=False,
    bachelor=False,
    top_100=False,
    chinese_taught=False,
    top_100_master=False,
)


def _degrees(education: list[Education] | None, table: dict[str, int]) -> _Degrees:
    if education is None:
        return UNKNOWN_DEGREES
    if not education:
        return NO_DEGREES
    best, unknown_level = 0, False
    bachelor: Tri = False
    top_100: Tri = False
    taught: Tri = False
    master: Tri = False
    for e in education:
        level = e.level
        if level is None:
            unknown_level = True
            degree: Tri = None
        else:
            best = max(best, table.get(level, 0))
            degree = level in BACHELOR_OR_ABOVE
        bachelor = any3(bachelor, degree)
        top_100 = any3(top_100, e.world_top_100)
        taught = any3(taught, all3(e.taught_in_chinese, degree))
        master = any3(master, all3(None if level is None else level in MASTER_OR_ABOVE, e.world_top_100))
    return _Degrees(
        best_points=best,
        unknown_level=unknown_level,
        bachelor=bachelor,
        top_100=top_100,
        chinese_taught=taught,
        top_100_master=master,
    )


def _language(ctx: Context, p: WorkPermitParams, chinese_taught: Tri) -> tuple[int, int]:
    """(proven, possible) language points: the best of former national, Chinese-taught degree and HSK."""
    former = ctx.profile.former_chinese_national
    hsk = ctx.profile.hsk_level
    hsk_points = 0 if hsk is None else _hsk_points(hsk, p)
    known = max(
        p.language_former_national if former else 0,
        p.language_chinese_taught_degree if chinese_taught else 0,
        hsk_points,
    )
    possible = max(
        0 if former is False else p.language_former_national,
        0 if chinese_taught is False else p.language_chinese_taught_degree,
        max(points for _, points in p.language_hsk) if hsk is None else hsk_points,
    )
    return min(known, p.language_max), min(max(possible, known), p.language_max)


def next_hsk(ctx: Context, p: WorkPermitParams) -> tuple[int, int] | None:
    """The next HSK level that would add language points, and the points it adds."""
    hsk = ctx.profile.hsk_level or 0
    current = _hsk_points(hsk, p)
    for level in range(hsk + 1, 6):
        if _hsk_points(level, p) > current:
            return level, _hsk_points(level, p) - current
    return None


def next_salary_band(value: Decimal | None, p: WorkPermitParams) -> tuple[Decimal, int] | None:
    """The next salary band above `value` (CNY) and the points it adds."""
    current = 0 if value is None else _salary_points(value, p)
    for floor, points in reversed(p.salary_bands):
        if points > current and (value is None or value < floor):
            return floor, points - current
    return None


def factor_hints(ctx: Context, points: CnPoints) -> list[Message]:
    """Concrete changes that would add points, computed from the person's own figures."""
    p = points.version.params
    assert p is not None
    hints: list[Message] = []
    band = next_salary_band(points.salary.value, p) if points.salary.value is not None else None
    if band is not None:
        hints.append(
            msg(
                gettext_noop("An annual salary of {amount} or more would raise your points by {points}"),
                amount=_cny(band[0]),
                points=band[1],
            )
        )
    hsk = next_hsk(ctx, p)
    if hsk is not None and ctx.profile.hsk_level is not None:
        hints.append(
            msg(
                gettext_noop("{level} would raise your points by {points}"),
                level=msg(HSK_LEVELS[hsk[0]]),
                points=hsk[1],
            )
        )
    offer = ctx.profile.china_job_offer
    if offer and offer.months_per_year_in_china is not None:
        current = _band(offer.months_per_year_in_china, p.months_bands)
        for floor, value in reversed(p.months_bands):
            if value > current:
                hints.append(
                    msg(
                        gettext_noop(
                            "Working {months} months a year in China would raise your points by {points}"
                        ),
                        months=floor,
                        points=value - current,
                    )
                )
                break
    return hints


def _cny(amount: Decimal) -> Amount:
    return Amount(amount, "CNY")
