"""ONE Pass (general track): the best of the salary route and the achievement route."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, CriterionStatus, Outcome, PathwayResult, all_required, best
from assessments.engine.rules import sg_employment_pass
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_one_pass import BOOK, OnePassParams, OnePassRenewalParams
from assessments.engine.years import months_before

from .common import (
    NOT_GIVEN,
    Context,
    Gaps,
    Tri,
    all3,
    any3,
    current_employer_roles,
    finish,
    gap,
    ge,
    money_in,
    money_status,
    not_open,
    renewal_review,
    sgd,
    status_of,
    usd,
    yes_no,
)

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "salary": (
        msg(gettext_noop("12 consecutive monthly payslips up to the application date")),
        msg(gettext_noop("Latest tax assessment (or latest filed tax return)")),
    ),
    "established_company": (
        msg(
            gettext_noop(
                "The employer's latest financial information, obtained within 3 months, showing its market "
                "capitalisation or annual revenue"
            )
        ),
        msg(gettext_noop("Employment verification from a background-screening company")),
    ),
    "outstanding_achievements": (
        msg(
            gettext_noop(
                "Evidence of your achievements (awards, programme selection letters, patents, press)"
            )
        ),
    ),
}
# When the salary route rests on a Singapore offer, the offer is the salary evidence.
OFFER_DOCUMENTS = {
    **DOCUMENTS,
    "salary": (msg(gettext_noop("Signed contract or offer letter from the Singapore employer")),),
}

NO_SG_OFFER = msg(gettext_noop("no Singapore job offer"))
SALARY_EXPLANATION = msg(
    gettext_noop(
        "Either the last 12 consecutive months at this fixed salary, or a Singapore employer's offer at it."
    )
)
GIVE_SALARY = msg(
    gettext_noop("Your fixed monthly salary, months at that salary and any Singapore offer's salary")
)
SINGLE_REQUIREMENT = msg(
    gettext_noop("The salary is paid by a single employer (not added up across employers)")
)
SINGLE_EXPLANATION = msg(gettext_noop("MOM does not aggregate salaries from several employers."))
SINGLE_FAILED = msg(gettext_noop("The qualifying salary paid by a single employer"))
SINGLE_UNKNOWN = msg(gettext_noop("Whether one employer pays your fixed salary"))
OFFER_IS_SINGLE = msg(gettext_noop("the Singapore offer is from one employer"))
HOLDS_PASS = msg(gettext_noop("you hold a Singapore work pass"))
OVERSEAS_ONLY = msg(gettext_noop("The established-company test applies only to overseas candidates."))
STALE_STINT = msg(
    gettext_noop(
        "Your most recent job ended more than a year ago; MOM looks at the current or last employer, where the "
        "salary is earned, so an earlier stint at an established company does not count."
    )
)
REAPPLY = msg(
    gettext_noop(
        "If your Singapore employer is not established, MOM says to re-apply after 12 months at the salary."
    )
)
GIVE_ESTABLISHED = msg(
    gettext_noop("Whether you hold a Singapore work pass, and your employers' market cap or revenue")
)
ACHIEVEMENTS_REQUIREMENT = msg(
    gettext_noop(
        "Outstanding achievements in arts and culture, sports, science and technology, or academia and research"
    )
)
ACHIEVEMENTS_EXPLANATION = msg(
    gettext_noop(
        "MOM assesses achievements case by case with the relevant agencies; there is no numeric test."
    )
)
ACHIEVEMENTS_DECLARED = msg(gettext_noop("achievements declared"))
NONE_DECLARED = msg(gettext_noop("none declared"))
RENEWAL_EXPLANATION = msg(
    gettext_noop(
        "ONE Pass renewal rests on 5 years of Singapore salary or your company's local hires, which this "
        "self-assessment does not collect: a consultant must review them."
    )
)


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    if isinstance(params, OnePassRenewalParams):
        requirement = msg(
            gettext_noop(
                "An average fixed monthly salary of {salary} or more over the past 5 years, or a Singapore company "
                "employing at least {count} locals each earning {local_salary} or more"
            ),
            salary=sgd(params.min_average_fixed_salary_sgd),
            count=params.min_local_employees,
            local_salary=sgd(local_hire_salary(ctx.as_of)),
        )
        return renewal_review(version, ctx, requirement, RENEWAL_EXPLANATION)
    return _evaluate(ctx, version, params)


def local_hire_salary(on: date) -> Decimal:
    """A local hire's salary for ONE Pass renewal: the Employment Pass minimum qualifying salary (all sectors
    except financial services) for new applications in force `on`."""
    employment_pass = sg_employment_pass.BOOK.select(on, "new").params
    if employment_pass is None:
        raise LookupError(f"no Employment Pass qualifying salary in force on {on.isoformat()}")
    return employment_pass.qs_min_sgd


def _salary(
    ctx: Context, version: RuleVersion[Any], params: OnePassParams, gaps: Gaps
) -> tuple[Criterion, Tri]:
    profile = ctx.profile
    threshold = params.min_fixed_salary_sgd
    fixed = money_in(ctx, profile.monthly_fixed_salary, "SGD")
    months = profile.months_at_current_salary
    past = all3(fixed.at_least(threshold), ge(months, params.min_months_at_salary))
    has_offer = profile.has_singapore_job_offer
    offer = profile.singapore_job_offer if has_offer is not False else None
    offered = money_in(ctx, offer.monthly_fixed_salary if offer else None, "SGD")
    prospective = False if has_offer is False else all3(has_offer, offered.at_least(threshold))
    verdict = any3(past, prospective)
    if verdict is False:
        if fixed.value is not None and fixed.value >= threshold and months is not None:
            gaps.failed(
                gap(months, params.min_months_at_salary),
                lambda: msg(
                    gettext_noop(
                        "{required} consecutive months at a fixed salary of {threshold}; you have {months}"
                    ),
                    required=params.min_months_at_salary,
                    threshold=sgd(threshold),
                    months=months,
                ),
            )
        else:
            gaps.failed(
                gap(fixed.value, threshold),
                lambda: msg(
                    gettext_noop(
                        "A fixed monthly salary of {threshold} or more for 12 months, or a Singapore offer at it "
                        "(you have {actual})"
                    ),
                    threshold=sgd(threshold),
                    actual=fixed.actual,
                ),
            )
    elif verdict is None:
        gaps.unknown(GIVE_SALARY)

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop(
                    "A fixed monthly salary of {threshold} or more over the last 12 months, or offered in Singapore"
                ),
                threshold=sgd(threshold),
            ),
            msg(
                gettext_noop("{salary}; months at this salary: {months}; Singapore offer: {offer}"),
                salary=fixed.actual,
                months=NOT_GIVEN if months is None else months,
                offer=NO_SG_OFFER if has_offer is False else offered.actual,
            ),
            (fixed.missing_rate or offered.missing_rate or SALARY_EXPLANATION)
            if verdict is None
            else SALARY_EXPLANATION,
        )

    status = money_status(verdict, fixed, offered)
    return Criterion(version=version, code="salary", status=status, texts=texts), prospective


def _single_employer(ctx: Context, version: RuleVersion[Any], prospective: Tri, gaps: Gaps) -> Criterion:
    declared = ctx.profile.salary_from_single_employer
    verdict = True if prospective else declared
    if verdict is False:
        gaps.failed(1.0, SINGLE_FAILED)
    elif verdict is None:
        gaps.unknown(SINGLE_UNKNOWN)
    actual = OFFER_IS_SINGLE if prospective else yes_no(declared)
    texts = (SINGLE_REQUIREMENT, actual, SINGLE_EXPLANATION)
    return Criterion(version=version, code="single_employer", status=status_of(verdict), texts=lambda: texts)


def _established(ctx: Context, version: RuleVersion[Any], params: OnePassParams, gaps: Gaps) -> Criterion:
    profile = ctx.profile
    needed_months = params.min_months_at_established_company

    def requirement() -> Message:
        return msg(
            gettext_noop(
                "Overseas candidates: working for at least {months} months, in the current or most recent job, for "
                "an established company (market cap {cap} or revenue {revenue}) that pays the salary; or a job with "
                "one in Singapore"
            ),
            months=needed_months,
            cap=usd(params.established_min_market_cap_usd),
            revenue=usd(params.established_min_revenue_usd),
        )

    if profile.on_singapore_work_pass:
        return Criterion(
            version=version,
            code="established_company",
            status=CriterionStatus.MET,
            texts=lambda: (requirement(), HOLDS_PASS, OVERSEAS_ONLY),
        )

    def established(role: Role) -> Tri:
        return any3(
            ge(role.valuation_usd, params.established_min_market_cap_usd),
            ge(role.annual_revenue_usd, params.established_min_revenue_usd),
        )

    roles = ctx.roles
    overseas: Tri
    known_months = 0
    recent_enough: Tri = None
    if roles is None:
        overseas = None
    elif not roles:
        overseas = False
    else:
        recent = current_employer_roles(roles)
        ids = {id(r) for r in recent}
        # The current job, or one that ended within the last year: an old stint does not count.
        floor = months_before(ctx.as_of, needed_months)
        recent_enough = any(r.end is None or r.end >= floor for r in recent)
        years = ctx.career.years(lambda r: established(r) if id(r) in ids else False)
        known_months = years.known.whole_months()
        overseas = all3(recent_enough, years.at_least_months(needed_months))
    offer = profile.singapore_job_offer
    has_offer = profile.has_singapore_job_offer
    in_singapore = (
        False if has_offer is False else all3(has_offer, offer.employer_established if offer else None)
    )
    verdict = any3(overseas, in_singapore)
    if verdict is False and profile.on_singapore_work_pass is None:
        verdict = None  # the test may not apply at all
    if verdict is False:
        gaps.failed(
            1.0,
            lambda: msg(
                gettext_noop(
                    "Working for at least {months} months, up to now or until less than a year ago, at a company "
                    "with market cap of {cap} or revenue of {revenue} that pays your salary, or an offer from such "
                    "a company in Singapore"
                ),
                months=needed_months,
                cap=usd(params.established_min_market_cap_usd),
                revenue=usd(params.established_min_revenue_usd),
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_ESTABLISHED)

    def texts() -> tuple[Message, Message, Message]:
        actual = msg(
            gettext_noop(
                "{months} months at an established company in the current or most recent job; Singapore "
                "employer established: {offer}"
            ),
            months=known_months,
            offer=yes_no(in_singapore),
        )
        explanation = STALE_STINT if recent_enough is False else REAPPLY
        return requirement(), actual, explanation

    return Criterion(version=version, code="established_company", status=status_of(verdict), texts=texts)


def _achievements(ctx: Context, version: RuleVersion[Any]) -> Criterion:
    a = ctx.profile.achievements
    declared = (
        any3(
            a.international_award,
            a.national_talent_programme,
            a.fortune_global_500_experience,
            a.holds_patents,
        )
        if a
        else None
    )
    status = (
        CriterionStatus.REVIEW
        if declared
        else (CriterionStatus.UNKNOWN if declared is None else CriterionStatus.NOT_MET)
    )
    actual = ACHIEVEMENTS_DECLARED if declared else NONE_DECLARED if declared is False else NOT_GIVEN
    texts = (ACHIEVEMENTS_REQUIREMENT, actual, ACHIEVEMENTS_EXPLANATION)
    return Criterion(version=version, code="outstanding_achievements", status=status, texts=lambda: texts)


ROUTE_OUTCOME = {
    CriterionStatus.REVIEW: Outcome.NEEDS_REVIEW,
    CriterionStatus.UNKNOWN: Outcome.INSUFFICIENT_INFORMATION,
    CriterionStatus.NOT_MET: Outcome.NOT_ELIGIBLE,
}


def _evaluate(ctx: Context, version: RuleVersion[Any], params: OnePassParams) -> PathwayResult:
    gaps = Gaps()
    salary, prospective = _salary(ctx, version, params, gaps)
    single = _single_employer(ctx, version, prospective, gaps)
    established = _established(ctx, version, params, gaps)
    achievements = _achievements(ctx, version)
    outcome = best(all_required([salary, single, established]), ROUTE_OUTCOME[achievements.status])
    criteria = [salary, single, established, achievements]
    return finish(version, outcome, criteria, gaps, OFFER_DOCUMENTS if prospective else DOCUMENTS, ctx)
