"""ONE Pass (general track): the best of the salary route and the achievement route."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, Outcome, PathwayResult, all_required, best
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_one_pass import BOOK, OnePassParams, OnePassRenewalParams
from assessments.engine.years import years_in_roles

from .common import (
    MET,
    NOT_GIVEN,
    NOT_MET,
    REVIEW,
    UNKNOWN,
    Context,
    Gaps,
    Tri,
    all3,
    any3,
    finish,
    gap,
    ge,
    money_in,
    not_open,
    renewal_review,
    sgd,
    status_of,
    usd,
)

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "salary": (
        msg(gettext_noop("12 consecutive monthly payslips up to the application date")),
        msg(gettext_noop("Latest tax assessment (or latest filed tax return)")),
    ),
    "prospective_salary": (msg(gettext_noop("Signed contract or offer letter from the Singapore employer")),),
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


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    if isinstance(params, OnePassRenewalParams):
        return renewal_review(
            version,
            ctx,
            msg(
                gettext_noop(
                    "An average fixed monthly salary of {salary} or more over the past 5 years, or a Singapore company "
                    "employing at least {count} locals each earning {local_salary} or more"
                ),
                salary=sgd(params.min_average_fixed_salary_sgd),
                count=params.min_local_employees,
                local_salary=sgd(params.min_local_employee_salary_sgd),
            ),
            msg(
                gettext_noop(
                    "ONE Pass renewal rests on 5 years of Singapore salary or your company's local hires, which this "
                    "self-assessment does not collect: a consultant must review them."
                )
            ),
        )
    return _evaluate(ctx, version, params)


def _offer_salary_verdict(ctx: Context, params: OnePassParams) -> tuple[Tri, Message]:
    profile = ctx.profile
    if profile.has_singapore_job_offer is False:
        return False, msg(gettext_noop("no Singapore job offer"))
    offer = profile.singapore_job_offer
    check = money_in(ctx, offer.monthly_fixed_salary if offer else None, "SGD")
    return all3(profile.has_singapore_job_offer, check.at_least(params.min_fixed_salary_sgd)), check.actual


def _salary(
    ctx: Context, version: RuleVersion[Any], params: OnePassParams, gaps: Gaps
) -> tuple[Criterion, Tri]:
    profile = ctx.profile
    threshold = sgd(params.min_fixed_salary_sgd)
    fixed = money_in(ctx, profile.monthly_fixed_salary, "SGD")
    past = all3(
        fixed.at_least(params.min_fixed_salary_sgd),
        ge(profile.months_at_current_salary, params.min_months_at_salary),
    )
    prospective, offer_actual = _offer_salary_verdict(ctx, params)
    verdict = any3(past, prospective)
    months = profile.months_at_current_salary
    actual = msg(
        gettext_noop("{salary}; months at this salary: {months}; Singapore offer: {offer}"),
        salary=fixed.actual,
        months=months if months is not None else NOT_GIVEN,
        offer=offer_actual,
    )
    explanation = msg(
        gettext_noop(
            "Either the last 12 consecutive months at this fixed salary, or a Singapore employer's offer at it."
        )
    )
    if verdict is False:
        if fixed.value is not None and fixed.value >= params.min_fixed_salary_sgd and months is not None:
            gaps.failed(
                gap(months, params.min_months_at_salary),
                msg(
                    gettext_noop(
                        "{required} consecutive months at a fixed salary of {threshold}; you have {months}"
                    ),
                    required=params.min_months_at_salary,
                    threshold=threshold,
                    months=months,
                ),
            )
        else:
            gaps.failed(
                gap(fixed.value, params.min_fixed_salary_sgd),
                msg(
                    gettext_noop(
                        "A fixed monthly salary of {threshold} or more for 12 months, or a Singapore offer at it "
                        "(you have {actual})"
                    ),
                    threshold=threshold,
                    actual=fixed.actual,
                ),
            )
    elif verdict is None:
        explanation = fixed.missing_rate or explanation
        gaps.unknown(
            msg(
                gettext_noop(
                    "Your fixed monthly salary, months at that salary and any Singapore offer's salary"
                )
            )
        )
    criterion = Criterion(
        "salary",
        status_of(verdict),
        msg(
            gettext_noop(
                "A fixed monthly salary of {threshold} or more over the last 12 months, or offered in Singapore"
            ),
            threshold=threshold,
        ),
        actual,
        explanation,
        version.source_for("salary"),
    )
    return criterion, prospective


def _single_employer(ctx: Context, version: RuleVersion[Any], prospective: Tri, gaps: Gaps) -> Criterion:
    declared = ctx.profile.salary_from_single_employer
    verdict = True if prospective else declared
    if verdict is False:
        gaps.failed(1.0, msg(gettext_noop("The qualifying salary paid by a single employer")))
    elif verdict is None:
        gaps.unknown(msg(gettext_noop("Whether one employer pays your fixed salary")))
    actual = (
        msg(gettext_noop("the Singapore offer is from one employer"))
        if prospective
        else msg(gettext_noop("yes"))
        if declared
        else NOT_GIVEN
        if declared is None
        else msg(gettext_noop("no"))
    )
    return Criterion(
        "single_employer",
        status_of(verdict),
        msg(gettext_noop("The salary is paid by a single employer (not added up across employers)")),
        actual,
        msg(gettext_noop("MOM does not aggregate salaries from several employers.")),
        version.source_for("single_employer"),
    )


def _established(ctx: Context, version: RuleVersion[Any], params: OnePassParams, gaps: Gaps) -> Criterion:
    profile = ctx.profile
    requirement = msg(
        gettext_noop(
            "Overseas candidates: at least {months} months at an established company (market cap {cap} or revenue "
            "{revenue}) or a job with one in Singapore"
        ),
        months=params.min_months_at_established_company,
        cap=usd(params.established_min_market_cap_usd),
        revenue=usd(params.established_min_revenue_usd),
    )
    source = version.source_for("established_company")
    if profile.on_singapore_work_pass:
        return Criterion(
            "established_company",
            MET,
            requirement,
            msg(gettext_noop("you hold a Singapore work pass")),
            msg(gettext_noop("The established-company test applies only to overseas candidates.")),
            source,
        )

    def established(role: Role) -> Tri:
        return any3(
            ge(role.valuation_usd, params.established_min_market_cap_usd),
            ge(role.annual_revenue_usd, params.established_min_revenue_usd),
        )

    years = years_in_roles(profile.roles, established, as_of=ctx.as_of)
    overseas = years.known.days * 12 // 365 >= params.min_months_at_established_company
    overseas_verdict: Tri = (
        True
        if overseas
        else (
            False
            if years.possible is not None
            and years.possible.days * 12 // 365 < params.min_months_at_established_company
            else None
        )
    )
    offer = profile.singapore_job_offer
    in_singapore = (
        False
        if profile.has_singapore_job_offer is False
        else all3(profile.has_singapore_job_offer, offer.employer_established if offer else None)
    )
    verdict = any3(overseas_verdict, in_singapore)
    if verdict is not True and profile.on_singapore_work_pass is None:
        verdict = None
    actual = msg(
        gettext_noop("{months} months at an established company; Singapore employer established: {offer}"),
        months=years.known.days * 12 // 365,
        offer=msg(gettext_noop("yes"))
        if in_singapore
        else NOT_GIVEN
        if in_singapore is None
        else msg(gettext_noop("no")),
    )
    if verdict is False:
        gaps.failed(
            1.0,
            msg(
                gettext_noop(
                    "{months} months at a company with market cap of {cap} or revenue of {revenue}, or an offer from "
                    "such a company in Singapore"
                ),
                months=params.min_months_at_established_company,
                cap=usd(params.established_min_market_cap_usd),
                revenue=usd(params.established_min_revenue_usd),
            ),
        )
    elif verdict is None:
        gaps.unknown(
            msg(
                gettext_noop(
                    "Whether you hold a Singapore work pass, and your employers' market cap or revenue"
                )
            )
        )
    return Criterion(
        "established_company",
        status_of(verdict),
        requirement,
        actual,
        msg(
            gettext_noop(
                "If your Singapore employer is not established, MOM says to re-apply after 12 months at the salary."
            )
        ),
        source,
    )


def _achievements(ctx: Context, version: RuleVersion[Any]) -> Criterion:
    a = ctx.profile.achievements
    facts: tuple[Tri, ...] = (
        (a.international_award, a.national_talent_programme, a.fortune_global_500_experience, a.holds_patents)
        if a
        else (None,)
    )
    declared = any3(*facts)
    status = REVIEW if declared else (UNKNOWN if declared is None else NOT_MET)
    actual = (
        msg(gettext_noop("achievements declared"))
        if declared
        else msg(gettext_noop("none declared"))
        if declared is False
        else NOT_GIVEN
    )
    return Criterion(
        "outstanding_achievements",
        status,
        msg(
            gettext_noop(
                "Outstanding achievements in arts and culture, sports, science and technology, or academia and research"
            )
        ),
        actual,
        msg(
            gettext_noop(
                "MOM assesses achievements case by case with the relevant agencies; there is no numeric test."
            )
        ),
        version.source_for("outstanding_achievements"),
    )


def _evaluate(ctx: Context, version: RuleVersion[Any], params: OnePassParams) -> PathwayResult:
    gaps = Gaps()
    salary, prospective = _salary(ctx, version, params, gaps)
    single = _single_employer(ctx, version, prospective, gaps)
    established = _established(ctx, version, params, gaps)
    achievements = _achievements(ctx, version)
    salary_route = all_required([salary, single, established])
    achievement_route = {
        REVIEW: Outcome.NEEDS_REVIEW,
        UNKNOWN: Outcome.INSUFFICIENT_INFORMATION,
        NOT_MET: Outcome.NOT_ELIGIBLE,
    }[achievements.status]
    outcome = best(salary_route, achievement_route)
    criteria = [salary, single, established, achievements]
    docs = dict(DOCUMENTS)
    if prospective:
        docs["salary"] = DOCUMENTS["prospective_salary"]
    return finish(version, outcome, criteria, gaps, docs, ctx)
