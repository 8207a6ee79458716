"""China work permit: a China job offer and the category (A/B/C) from points and the bachelor route."""

from __future__ import annotations

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, PathwayResult, Points, all_required

from .cn_points import CnPoints, cn_points, factor_hints
from .common import MET, NOT_GIVEN, NOT_MET, REVIEW, UNKNOWN, Context, Gaps, finish, gap

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "china_job_offer": (
        msg(gettext_noop("Employment contract with the Chinese employer (the employer applies online)")),
        msg(gettext_noop("Criminal record check, legalised or apostilled")),
        msg(gettext_noop("Medical certificate")),
    ),
    "category": (
        msg(gettext_noop("Highest degree certificate, legalised or apostilled")),
        msg(gettext_noop("Proof of relevant work experience (employer reference letters)")),
    ),
}


def evaluate(ctx: Context) -> PathwayResult:
    points = cn_points(ctx)
    version = points.version
    p = version.params
    assert p is not None
    gaps = Gaps()
    criteria: list[Criterion] = []

    has_offer = ctx.profile.has_china_job_offer
    if has_offer is False:
        gaps.failed(1.0, msg(gettext_noop("A job offer from an employer in China")))
    elif has_offer is None:
        gaps.unknown(msg(gettext_noop("Whether you have a job offer from an employer in China")))
    criteria.append(
        Criterion(
            "china_job_offer",
            MET if has_offer else UNKNOWN if has_offer is None else NOT_MET,
            msg(gettext_noop("A job offer from an employer in China, who applies for the permit")),
            msg(gettext_noop("yes"))
            if has_offer
            else NOT_GIVEN
            if has_offer is None
            else msg(gettext_noop("no")),
            msg(gettext_noop("The work permit is tied to the employer and the labour contract.")),
            version.source_for("china_job_offer"),
        )
    )

    age = ctx.age
    if age is not None and age < p.min_age:
        gaps.failed(1.0, msg(gettext_noop("An age of at least {age}"), age=p.min_age))
    criteria.append(
        Criterion(
            "minimum_age",
            UNKNOWN if age is None else MET if age >= p.min_age else NOT_MET,
            msg(gettext_noop("Aged at least {age}"), age=p.min_age),
            NOT_GIVEN if age is None else msg(gettext_noop("{age} years old"), age=age),
            msg(gettext_noop("Baseline condition for every category.")),
            version.source_for("minimum_age"),
        )
    )
    if age is None:
        gaps.unknown(msg(gettext_noop("Your date of birth")))

    criteria.append(_category(ctx, points, gaps))
    result = finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    result.points = Points(
        total=points.low, pass_mark=p.category_b_points, category=points.category, breakdown=points.breakdown
    )
    return result


def _category(ctx: Context, points: CnPoints, gaps: Gaps) -> Criterion:
    p = points.version.params
    assert p is not None
    requirement = msg(
        gettext_noop(
            "Category A ({a} points or more) or B ({b} points or more, or a bachelor's degree with {years} years of "
            "relevant experience up to age {age}); category C is quota-managed"
        ),
        a=p.category_a_points,
        b=p.category_b_points,
        years=p.category_b_min_years,
        age=p.category_b_max_age,
    )
    source = points.version.source_for("category")
    if points.low == points.high:
        actual = msg(
            gettext_noop("{points} points, category {category}"),
            points=points.low,
            category=points.category_low,
        )
    else:
        actual = msg(
            gettext_noop("{low} points proven (up to {high} possible), category {category}"),
            low=points.low,
            high=points.high,
            category=points.category or msg(gettext_noop("not yet decided")),
        )
    if points.category_low in ("A", "B"):
        if points.category_low == "B":
            _hint_next(ctx, points, p.category_a_points, "A", gaps, failed=False)
        return Criterion(
            "category",
            MET,
            requirement,
            actual,
            msg(
                gettext_noop("Category {category}: the permit is not quota-managed."),
                category=points.category_low,
            ),
            source,
        )
    if points.category_high == "C":
        _hint_next(ctx, points, p.category_b_points, "B", gaps, failed=True)
        if points.bachelor_route is False and points.years.at_least(p.category_b_min_years) is False:
            gaps.failed(
                gap(points.years.known.days, p.category_b_min_years * 365),
                msg(
                    gettext_noop(
                        "{years} years of relevant work experience with a bachelor's degree would qualify for category B; "
                        "you have {have}"
                    ),
                    years=p.category_b_min_years,
                    have=points.years.known,
                ),
            )
        return Criterion(
            "category",
            REVIEW,
            requirement,
            actual,
            msg(
                gettext_noop("Category C is quota-managed and granted case by case: a consultant must judge.")
            ),
            source,
        )
    gaps.unknown(
        msg(
            gettext_noop(
                "The facts marked unknown in the points breakdown, which could lift you to category B or A"
            )
        )
    )
    return Criterion(
        "category",
        UNKNOWN,
        requirement,
        actual,
        msg(gettext_noop("The unknown points factors decide between category C and a higher category.")),
        source,
    )


def _hint_next(
    ctx: Context, points: CnPoints, target: int, category: str, gaps: Gaps, *, failed: bool
) -> None:
    needed = target - points.low
    if needed <= 0:
        return
    sentence = msg(
        gettext_noop("{needed} more points would reach category {category} (you have {points} of {target})"),
        needed=needed,
        category=category,
        points=points.low,
        target=target,
    )
    if failed:
        gaps.failed(gap(points.low, target), sentence)
        for hint in factor_hints(ctx, points):
            gaps.failed(gap(points.low, target) + 0.001, hint)
