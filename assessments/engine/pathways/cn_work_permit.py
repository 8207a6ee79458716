"""China work permit: a China job offer and the category (A/B/C) from points and the bachelor route."""

from __future__ import annotations

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, CriterionStatus, PathwayResult, Points, all_required

from .cn_points import CnPoints, cn_points, factor_hints
from .common import NOT_GIVEN, Context, Gaps, duration, finish, gap, status_of, yes_no

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

OFFER_REQUIREMENT = msg(gettext_noop("A job offer from an employer in China, who applies for the permit"))
OFFER_EXPLANATION = msg(gettext_noop("The work permit is tied to the employer and the labour contract."))
NEED_OFFER = msg(gettext_noop("A job offer from an employer in China"))
GIVE_OFFER = msg(gettext_noop("Whether you have a job offer from an employer in China"))
BASELINE = msg(gettext_noop("Baseline condition for every category."))
GIVE_BIRTH = msg(gettext_noop("Your date of birth"))
QUOTA = msg(gettext_noop("Category C is quota-managed and granted case by case: a consultant must judge."))
UNDECIDED = msg(gettext_noop("The unknown points factors decide between category C and a higher category."))
GIVE_POINTS = msg(
    gettext_noop("The facts marked unknown in the points breakdown, which could lift you to category B or A")
)
AGE_DECIDES = msg(gettext_noop("Category B has an age limit, so your date of birth decides."))
GIVE_WAGE = msg(
    gettext_noop(
        "The work city's average annual wage of the previous year: a salary of 6 times it is category A (a "
        "consultant can check the figure)"
    )
)
NOT_DECIDED = msg(gettext_noop("not yet decided"))


def evaluate(ctx: Context) -> PathwayResult:
    points = cn_points(ctx)
    version = points.version
    p = version.params
    assert p is not None
    gaps = Gaps()

    has_offer = ctx.profile.has_china_job_offer
    if has_offer is False:
        gaps.failed(1.0, NEED_OFFER)
    elif has_offer is None:
        gaps.unknown(GIVE_OFFER)
    offer_texts = (OFFER_REQUIREMENT, yes_no(has_offer), OFFER_EXPLANATION)
    offer = Criterion(
        version=version,
        code="china_job_offer",
        status=status_of(has_offer),
        texts=lambda: offer_texts,
    )

    age = ctx.age
    minimum = p.min_age
    if age is None:
        gaps.unknown(GIVE_BIRTH)
    elif age < minimum:
        gaps.failed(1.0, lambda: msg(gettext_noop("An age of at least {age}"), age=minimum))

    def age_texts() -> tuple[Message, Message, Message]:
        return (
            msg(gettext_noop("Aged at least {age}"), age=minimum),
            NOT_GIVEN if age is None else msg(gettext_noop("{age} years old"), age=age),
            BASELINE,
        )

    adult = Criterion(
        version=version,
        code="minimum_age",
        status=status_of(None if age is None else age >= minimum),
        texts=age_texts,
    )
    criteria = [offer, adult, _category(ctx, points, gaps)]
    result = finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    result.points = Points(
        total=points.low, pass_mark=p.category_b_points, category=points.category, rows=points.breakdown
    )
    return result


def _category(ctx: Context, points: CnPoints, gaps: Gaps) -> Criterion:
    version = points.version
    p = version.params
    assert p is not None
    status: CriterionStatus
    age = ctx.age
    over_age = False
    if points.category_low == "A":
        status = CriterionStatus.MET
    elif points.category_low == "B":
        # B's age limit is "in principle not over 60" and may be relaxed where genuinely needed: above it a
        # consultant judges; where the age is unknown it decides, so it is asked for.
        if age is None:
            status = CriterionStatus.UNKNOWN
        elif age > p.category_b_max_age:
            status = CriterionStatus.REVIEW
            over_age = True
        else:
            status = CriterionStatus.MET
    elif points.category_high == "C":
        status = CriterionStatus.REVIEW
        _hint_next(ctx, points, p.category_b_points, "B", gaps)
        if (
            points.bachelor_route is False
            and points.years.at_least(p.category_b_min_years) is False
            and (age is None or age <= p.category_b_max_age)
        ):
            gaps.failed(
                gap(points.years.known_days, p.category_b_min_years * 365),
                lambda: msg(
                    gettext_noop(
                        "{years} years of relevant work experience with a bachelor's degree would qualify for "
                        "category B; you have {have}"
                    ),
                    years=p.category_b_min_years,
                    have=duration(points.years.known),
                ),
            )
    else:
        status = CriterionStatus.UNKNOWN
        gaps.unknown(GIVE_POINTS)
    if points.salary_a is None and points.category_low != "A" and points.salary.value is not None:
        gaps.unknown(GIVE_WAGE)

    def texts() -> tuple[Message, Message, Message]:
        requirement = msg(
            gettext_noop(
                "Category A ({a} points or more, or a salary of {a_times} times the city's average wage) or B ({b} "
                "points or more, a bachelor's degree with {years} years of relevant experience, a master's degree "
                "from a world top-100 university, or {b_times} times the average wage; age normally up to {age}); "
                "category C is quota-managed"
            ),
            a=p.category_a_points,
            a_times=p.category_a_wage_multiple,
            b=p.category_b_points,
            years=p.category_b_min_years,
            b_times=p.category_b_wage_multiple,
            age=p.category_b_max_age,
        )
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
                category=points.category or NOT_DECIDED,
            )
        if status is CriterionStatus.MET:
            explanation = msg(
                gettext_noop("Category {category}: the permit is not quota-managed."),
                category=points.category_low,
            )
        elif over_age:
            explanation = msg(
                gettext_noop(
                    "Category B is normally for people up to {age}; the limit can be relaxed where the post "
                    "genuinely needs you, so a consultant must judge."
                ),
                age=p.category_b_max_age,
            )
        elif points.category_low == "B":
            explanation = AGE_DECIDES
        else:
            explanation = QUOTA if status is CriterionStatus.REVIEW else UNDECIDED
        return requirement, actual, explanation

    # Category C now, B once the bachelor's route's years are reached (the age limit still applies).
    met_from = (
        points.bachelor_route_from
        if status is CriterionStatus.REVIEW and not over_age and points.category_high == "C"
        else None
    )
    return Criterion(version=version, code="category", status=status, texts=texts, met_from=met_from)


def _hint_next(ctx: Context, points: CnPoints, target: int, category: str, gaps: Gaps) -> None:
    """What-ifs for category C: the points missing for the next category, and changes that give them."""
    needed = target - points.low
    ratio = gap(points.low, target)
    gaps.failed(
        ratio,
        lambda: msg(
            gettext_noop(
                "{needed} more points would reach category {category} (you have {points} of {target})"
            ),
            needed=needed,
            category=category,
            points=points.low,
            target=target,
        ),
    )
    gaps.failed(ratio + 0.001, lambda: factor_hints(ctx, points))
