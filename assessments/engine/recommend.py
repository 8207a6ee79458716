"""`recommend(assessment, profile)`: one judgement from eight results (contract v2 `recommendation`).

Pure, like the rest of the engine. Routes that fit (eligible, likely eligible, needs review) are ranked by
outcome (certainty first), then by what the pass allows (several employers, founding a company, family),
then by how long it is granted for, then by whether you can apply yourself (an employer-sponsored pass
adds a job search and the employer's time), then in contract order. The best overall and the best per
country are recommended, with one or two reasons and a single next step. Routes that do not fit yet but
open with a job offer are `conditional`: the offer they need, from the rule data in force.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from assessments.engine.descriptions import CHINA, COUNTRIES, NAMES, SINGAPORE
from assessments.engine.messages import Amount, Message, gettext_noop, msg
from assessments.engine.pathways.cn_points import cn_points
from assessments.engine.pathways.common import Context, age_on, home_countries
from assessments.engine.profile import Profile
from assessments.engine.rates import ExchangeRates
from assessments.engine.registry import REGISTRY, pathway
from assessments.engine.result import (
    RANK,
    Assessment,
    Conditional,
    CriterionStatus,
    Outcome,
    PathwayResult,
    Recommendation,
)
from assessments.engine.rules import cn_work_permit as cn_rules
from assessments.engine.rules import sg_employment_pass as ep_rules

FITTING = frozenset({Outcome.ELIGIBLE, Outcome.LIKELY_ELIGIBLE, Outcome.NEEDS_REVIEW})
# A deadline or change this close to `as_of` is worth a reason of its own.
HORIZON = timedelta(days=365)

REASONS: dict[Outcome, str] = {
    Outcome.ELIGIBLE: gettext_noop(
        "You meet every published criterion for {pathway}, the route that allows the most of those that "
        "fit you: {allows}"
    ),
    Outcome.LIKELY_ELIGIBLE: gettext_noop(
        "You appear to meet the criteria for {pathway}, though one rests on a fact only the authority "
        "confirms: {allows}"
    ),
    Outcome.NEEDS_REVIEW: gettext_noop(
        "{pathway} may fit you, but a consultant must judge one of its criteria with you first."
    ),
}
DEADLINE_REASON = gettext_noop("New applications for {pathway} close on {deadline}: apply before then.")
# (citizen, permanent resident) per country: what applies instead of that country's passes.
HOME_REASONS: dict[str, tuple[str, str]] = {
    CHINA: (
        gettext_noop(
            "As a Chinese citizen you need no visa to work in China; Chinese talent programmes for citizens are "
            "outside this assessment."
        ),
        gettext_noop("As a permanent resident of China you need no visa to work in China."),
    ),
    SINGAPORE: (
        gettext_noop("As a Singapore citizen you need no pass to work in Singapore."),
        gettext_noop("As a Singapore permanent resident you need no pass to work in Singapore."),
    ),
}
NOTHING_FITS = gettext_noop("No route fits on the facts you gave yet.")
OPENS_WITH_OFFER = gettext_noop("{pathway} opens to you with {condition}.")

NEXT_STEPS: dict[str, str] = {
    "sg_tech_pass": gettext_noop(
        "Gather your payslips and proof of your leading roles, and apply for the Tech.Pass on the myMOM Portal."
    ),
    "sg_one_pass": gettext_noop(
        "Gather proof of your salary or achievements, and apply for the ONE Pass on the myMOM Portal."
    ),
    "sg_one_pass_ai_tech": gettext_noop(
        "Gather proof of your AI or tech track record, and apply for the ONE Pass (AI and Tech) on the myMOM "
        "Portal."
    ),
    "sg_employment_pass": gettext_noop("Ask your Singapore employer to apply for your Employment Pass."),
    "sg_entrepass": gettext_noop("Prepare your business plan and evidence, and apply for the EntrePass."),
    "cn_k_visa": gettext_noop(
        "Apply for the K visa at a Chinese embassy or consulate, with your degree certificate and proof of "
        "your work."
    ),
    "cn_work_permit": gettext_noop("Ask your Chinese employer to apply for your work permit notice."),
    "cn_r_visa": gettext_noop(
        "Ask the Chinese employer inviting you to confirm your high-level talent status, then apply for the "
        "R visa."
    ),
}
NEXT_REVIEW = gettext_noop("Go through {pathway} with a consultant before you apply.")
NEXT_OFFER = gettext_noop("Look for a job offer: {pathway} opens to you with {condition}.")
NEXT_UNKNOWN = gettext_noop("Answer the questions marked unknown for {pathway}, then assess again.")
NEXT_NOTHING = gettext_noop("Talk to a consultant about the routes these rules do not cover.")

EP_CONDITION = gettext_noop(
    "an offer of at least {amount} a month, and 40 COMPASS points (your qualifications give {points})"
)
EP_CONDITION_AGE = gettext_noop(
    "an offer of at least {amount} a month (MOM's table may accept from {minimum} at your age), and 40 "
    "COMPASS points (your qualifications give {points})"
)
CN_CONDITION = gettext_noop("an offer of {amount} a year, which makes you category B ({points} points)")
CN_CONDITION_ANY = gettext_noop(
    "a job offer from a Chinese employer: your degree and experience already make you category B"
)


def rank_key(result: PathwayResult) -> tuple[int, int, int, bool, int]:
    """Smaller is better: outcome, what the pass allows, validity, needs an employer, contract order."""
    entry = pathway(result.pathway)
    facts = entry.facts
    rights = sum(1 for right in (facts.several_employers, facts.found_company, facts.bring_family) if right)
    return (
        RANK[result.outcome],
        -rights,
        -facts.validity_months,
        facts.needs_employer,
        REGISTRY.index(entry),
    )


def deadline(code: str, as_of: date, application_type: str) -> date | None:
    """The last day the version in force takes applications, when the next version takes none."""
    book = pathway(code).book
    version = book.select(as_of, application_type)
    if version.params is None or version.effective_to is None:
        return None
    following = book.select(version.effective_to + timedelta(days=1), application_type)
    return version.effective_to if following.params is None else None


def recommend(assessment: Assessment, profile: Profile) -> Recommendation:
    """The recommended route overall and per country, why, the next step, and the routes an offer opens."""
    fitting = sorted((r for r in assessment.results if r.outcome in FITTING), key=rank_key)
    by_country = {
        country.upper(): next((r.pathway for r in fitting if pathway(r.pathway).country == country), None)
        for country in COUNTRIES
    }
    conditional = _conditionals(assessment, profile)
    best = fitting[0] if fitting else None
    reasons = _reasons(best, assessment, profile, conditional)
    return Recommendation(
        overall=best.pathway if best else None,
        by_country=by_country,
        reasons=reasons,
        next_step=_next_step(best, assessment, conditional),
        conditional=conditional,
    )


def _name(code: str) -> Message:
    return msg(NAMES[code])


def _reasons(
    best: PathwayResult | None, assessment: Assessment, profile: Profile, conditional: list[Conditional]
) -> list[Message]:
    reasons: list[Message] = []
    if best is not None:
        facts = pathway(best.pathway).facts
        reasons.append(msg(REASONS[best.outcome], pathway=_name(best.pathway), allows=msg(facts.allows)))
        closes = deadline(best.pathway, assessment.as_of, profile.application_type)
        if closes is not None and closes - assessment.as_of <= HORIZON:
            reasons.append(msg(DEADLINE_REASON, pathway=_name(best.pathway), deadline=closes))
            return reasons
    else:
        reasons.append(msg(NOTHING_FITS))
    citizen_of, resident_of = home_countries(profile)
    home = next((c for c in COUNTRIES if c in citizen_of | resident_of), None)
    if home is not None:
        citizen, resident = HOME_REASONS[home]
        reasons.append(msg(citizen if home in citizen_of else resident))
    elif best is None and conditional:
        first = conditional[0]
        reasons.append(msg(OPENS_WITH_OFFER, pathway=_name(first.pathway), condition=first.condition))
    return reasons[:2]


def _next_step(best: PathwayResult | None, assessment: Assessment, conditional: list[Conditional]) -> Message:
    if best is not None:
        if best.outcome is Outcome.NEEDS_REVIEW:
            return msg(NEXT_REVIEW, pathway=_name(best.pathway))
        return msg(NEXT_STEPS[best.pathway])
    if conditional:
        first = conditional[0]
        return msg(NEXT_OFFER, pathway=_name(first.pathway), condition=first.condition)
    unknown = next(
        (
            r
            for r in sorted(assessment.results, key=rank_key)
            if r.outcome is Outcome.INSUFFICIENT_INFORMATION
        ),
        None,
    )
    if unknown is not None:
        return msg(NEXT_UNKNOWN, pathway=_name(unknown.pathway))
    return msg(NEXT_NOTHING)


def _conditionals(assessment: Assessment, profile: Profile) -> list[Conditional]:
    items = []
    employment_pass = assessment.result("sg_employment_pass")
    if _opens_with_offer(employment_pass, profile.has_singapore_job_offer):
        items.append(_employment_pass_offer(assessment.as_of, profile))
    work_permit = assessment.result("cn_work_permit")
    if _opens_with_offer(work_permit, profile.has_china_job_offer):
        offer = _work_permit_offer(assessment.as_of, profile)
        if offer is not None:
            items.append(offer)
    return items


def _opens_with_offer(result: PathwayResult, has_offer: bool | None) -> bool:
    """Not fitting now, and the offer (or its pay) is what fails or is missing."""
    if result.outcome in FITTING or result.outcome in (Outcome.NOT_APPLICABLE, Outcome.NOT_OPEN):
        return False
    if has_offer is not True:
        return True
    return any(c.code == "qualifying_salary" and c.status is CriterionStatus.NOT_MET for c in result.criteria)


def employment_pass_salary(
    params: ep_rules.EmploymentPassParams, age: int | None, sector: str | None
) -> tuple[Decimal, Decimal]:
    """(the offer that meets the qualifying salary for certain at this age and sector, the sector minimum).

    At or below the minimum age the minimum applies; above it MOM's per-age table (not encoded) decides
    between the minimum and the top of the scale, so the top is the figure that surely meets it.
    """
    financial = sector == "financial_services"
    minimum = params.qs_min_financial_sgd if financial else params.qs_min_sgd
    top = params.qs_top_financial_sgd if financial else params.qs_top_sgd
    if top is None or (age is not None and age <= params.qs_min_age):
        return minimum, minimum
    return top, minimum


def qualification_points(profile: Profile) -> int:
    """COMPASS C2 from the education given: a world top-100 degree 20, another degree 10, else 0."""
    degrees = [e for e in profile.education or () if e.level in ("bachelor", "master", "doctorate")]
    if any(e.world_top_100 for e in degrees):
        return 20
    return 10 if degrees else 0


def _employment_pass_offer(as_of: date, profile: Profile) -> Conditional:
    version = ep_rules.BOOK.select(as_of, profile.application_type)
    params = version.params
    assert params is not None  # the Employment Pass is open in every encoded window
    offer = profile.singapore_job_offer if profile.has_singapore_job_offer else None
    context = Context(profile, ExchangeRates(as_of, {}))
    amount, minimum = employment_pass_salary(params, context.age, offer.sector if offer else None)
    points = qualification_points(profile)
    money = Amount(amount, "SGD")
    condition = (
        msg(EP_CONDITION, amount=money, points=points)
        if amount == minimum
        else msg(EP_CONDITION_AGE, amount=money, minimum=Amount(minimum, "SGD"), points=points)
    )
    pass_mark = params.compass.pass_mark if params.compass else None
    return Conditional("sg_employment_pass", condition, money, "month", points, pass_mark)


def _work_permit_offer(as_of: date, profile: Profile) -> Conditional | None:
    """Category B with the least salary band that reaches the B line, counting no other offer facts."""
    params = cn_rules.BOOK.select(as_of, profile.application_type).params
    assert params is not None
    without_offer = profile.model_copy(update={"has_china_job_offer": False, "china_job_offer": None})
    points = cn_points(Context(without_offer, ExchangeRates(as_of, {})))
    age = age_on(profile.date_of_birth, as_of)
    # The degree-and-experience route gives B with any offer only within the B age cap (above it the
    # authority may relax the cap: that is a consultant's judgement, not a condition to promise).
    if points.bachelor_route is True and age is not None and age <= params.category_b_max_age:
        return Conditional("cn_work_permit", msg(CN_CONDITION_ANY), None, "year", points.low, None)
    for floor, band in reversed(params.salary_bands):
        if points.low + band >= params.category_b_points:
            money = Amount(floor, "CNY")
            total = points.low + band
            return Conditional(
                "cn_work_permit",
                msg(CN_CONDITION, amount=money, points=total),
                money,
                "year",
                total,
                params.category_b_points,
            )
    return None


__all__ = [
    "deadline",
    "employment_pass_salary",
    "qualification_points",
    "rank_key",
    "recommend",
]
