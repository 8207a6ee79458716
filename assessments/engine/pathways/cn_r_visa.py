"""China R visa: Category A talent (85 points or a category-A route), with an inviting entity's letter."""

from __future__ import annotations

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, CriterionStatus, PathwayResult, Points, all_required
from assessments.engine.rules.cn_r_visa import BOOK

from .cn_points import cn_points, factor_hints
from .common import Context, Gaps, any3, finish, gap

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

REACHES_A = msg(gettext_noop("Your points reach category A."))
ROUTE_REVIEW = msg(
    gettext_noop(
        "A talent programme or award can make you category A; the authority judges it: a consultant must review."
    )
)
NEITHER = msg(gettext_noop("Neither the points nor a category-A route reach category A."))
UNDECIDED = msg(gettext_noop("Unknown points factors or achievements decide whether you reach category A."))
GIVE_FACTS = msg(
    gettext_noop("The facts marked unknown in the points breakdown, and your talent programmes or awards")
)
EXPLANATIONS = {
    CriterionStatus.MET: REACHES_A,
    CriterionStatus.REVIEW: ROUTE_REVIEW,
    CriterionStatus.NOT_MET: NEITHER,
    CriterionStatus.UNKNOWN: UNDECIDED,
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
    status: CriterionStatus
    if points.category_low == "A":
        status = CriterionStatus.MET
    elif route:
        status = CriterionStatus.REVIEW
    elif points.category_high != "A" and route is False:
        status = CriterionStatus.NOT_MET
        ratio = gap(points.low, target)
        gaps.failed(
            ratio,
            lambda: msg(
                gettext_noop(
                    "{needed} more points would reach category {category} (you have {points} of {target})"
                ),
                needed=target - points.low,
                category="A",
                points=points.low,
                target=target,
            ),
        )
        gaps.failed(ratio + 0.001, lambda: factor_hints(ctx, points))
    else:
        status = CriterionStatus.UNKNOWN
        gaps.unknown(GIVE_FACTS)

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop(
                    "Category A talent: {target} work-permit points or more, or a category-A route such as a national "
                    "talent programme or an internationally recognised award"
                ),
                target=target,
            ),
            msg(
                gettext_noop("{low} points proven (up to {high} possible)"), low=points.low, high=points.high
            ),
            EXPLANATIONS[status],
        )

    item = Criterion(version=version, code="category_a", status=status, texts=texts)
    result = finish(version, all_required([item]), [item], gaps, DOCUMENTS, ctx)
    result.points = Points(
        total=points.low, pass_mark=target, category=points.category, rows=points.breakdown
    )
    return result
