"""China R visa: Category A talent (85 points or a category-A route), with an inviting entity's letter."""

from __future__ import annotations

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, PathwayResult, Points, all_required
from assessments.engine.rules.cn_r_visa import BOOK

from .cn_points import cn_points, factor_hints
from .common import MET, NOT_MET, PASSPORT, REVIEW, UNKNOWN, Context, Gaps, any3, finish, gap

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "category_a": (
        msg(
            gettext_noop(
                "Printed Confirmation Letter of High-end Foreign Talent, obtained by the inviting Chinese entity"
            )
        ),
        msg(gettext_noop("Visa application form and photo")),
    ),
}


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    assert params is not None
    points = cn_points(ctx)
    gaps = Gaps()
    achievements = ctx.profile.achievements
    route = (
        any3(achievements.national_talent_programme, achievements.international_award)
        if achievements
        else None
    )
    target = params.category_a_points
    requirement = msg(
        gettext_noop(
            "Category A talent: {target} work-permit points or more, or a category-A route such as a national talent "
            "programme or an internationally recognised award"
        ),
        target=target,
    )
    actual = msg(
        gettext_noop("{low} points proven (up to {high} possible)"), low=points.low, high=points.high
    )
    if points.low >= target:
        status = MET
        explanation = msg(gettext_noop("Your points reach category A."))
    elif route:
        status = REVIEW
        explanation = msg(
            gettext_noop(
                "A talent programme or award can make you category A; the authority judges it: a consultant must review."
            )
        )
    elif points.high < target and route is False:
        status = NOT_MET
        explanation = msg(gettext_noop("Neither the points nor a category-A route reach category A."))
        gaps.failed(
            gap(points.low, target),
            msg(
                gettext_noop(
                    "{needed} more points would reach category {category} (you have {points} of {target})"
                ),
                needed=target - points.low,
                category="A",
                points=points.low,
                target=target,
            ),
        )
        for hint in factor_hints(ctx, points):
            gaps.failed(gap(points.low, target) + 0.001, hint)
    else:
        status = UNKNOWN
        explanation = msg(
            gettext_noop("Unknown points factors or achievements decide whether you reach category A.")
        )
        gaps.unknown(
            msg(
                gettext_noop(
                    "The facts marked unknown in the points breakdown, and your talent programmes or awards"
                )
            )
        )
    criterion = Criterion(
        "category_a", status, requirement, actual, explanation, version.source_for("category_a")
    )
    result = finish(
        version, all_required([criterion]), [criterion], gaps, DOCUMENTS, ctx, base_documents=(PASSPORT,)
    )
    result.points = Points(
        total=points.low, pass_mark=target, category=points.category, breakdown=points.breakdown
    )
    return result
