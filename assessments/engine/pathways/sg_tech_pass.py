"""Tech.Pass: salary and leading-role experience (Version C), or any 2 of 3 (Versions A/B)."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, Outcome, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_tech_pass import BOOK, TechPassParams, TechPassRenewalParams
from assessments.engine.years import years_in_roles

from .common import (
    MET,
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

LEADING = frozenset({"founder", "c_suite", "leadership"})

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "salary": (
        msg(gettext_noop("Payslips for the last 12 months and your latest tax statement")),
        msg(gettext_noop("Employment contract showing the fixed monthly salary")),
    ),
    "leading_role": (
        msg(
            gettext_noop(
                "Employment contracts or employer letters confirming each leading role and its dates"
            )
        ),
        msg(
            gettext_noop(
                "Evidence of the company's valuation, market capitalisation or funding, or the VC firm's assets "
                "under management (filings, term sheets, funding databases)"
            )
        ),
    ),
    "product_role": (msg(gettext_noop("Evidence of the product's revenue or monthly active users")),),
}


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        if version.id == "sg_tech_pass/closed_2027":
            return not_open(
                version,
                ctx,
                msg(
                    gettext_noop(
                        "Tech.Pass takes no new applications from 1 January 2027: the ONE Pass (AI and Tech) track "
                        "replaces it (the cut-over details are unconfirmed)."
                    )
                ),
            )
        return not_open(version, ctx)
    if isinstance(params, TechPassRenewalParams):
        return renewal_review(
            version,
            ctx,
            msg(
                gettext_noop(
                    "Assessable income of {income} or more, or business spending of {spending} or more with local "
                    "hires, and at least two current roles"
                ),
                income=sgd(params.min_assessable_income_sgd),
                spending=sgd(params.min_business_spending_sgd),
            ),
            msg(
                gettext_noop(
                    "Tech.Pass renewal rests on your tax assessment, your company's spending and your current roles, "
                    "which this self-assessment does not collect: a consultant must review them."
                )
            ),
        )
    return _evaluate(ctx, version, params)


def _salary(ctx: Context, version: RuleVersion[Any], params: TechPassParams, gaps: Gaps) -> Criterion:
    threshold = sgd(params.min_fixed_salary_sgd)
    fixed = money_in(ctx, ctx.profile.monthly_fixed_salary, "SGD")
    requirement = msg(gettext_noop("A fixed monthly salary of {threshold} or more"), threshold=threshold)
    verdict = fixed.at_least(params.min_fixed_salary_sgd)
    explanation = msg(
        gettext_noop("Fixed salary is basic pay plus fixed allowances; bonuses and equity do not count.")
    )
    status = status_of(verdict)
    if verdict is False:
        total = money_in(ctx, ctx.profile.monthly_total_compensation, "SGD")
        if total.value is not None and fixed.value is not None and total.value > fixed.value:
            status = REVIEW
            explanation = msg(
                gettext_noop(
                    "Your fixed salary is below the threshold but you have other pay of {total} a month in total; "
                    "EDB assesses non-cash income case by case."
                ),
                total=total.actual,
            )
        gaps.failed(
            gap(fixed.value, params.min_fixed_salary_sgd),
            msg(
                gettext_noop("A fixed monthly salary of {threshold} or more (you have {actual})"),
                threshold=threshold,
                actual=fixed.actual,
            ),
        )
    elif verdict is None:
        explanation = fixed.missing_rate or msg(gettext_noop("Your fixed monthly salary is needed."))
        gaps.unknown(msg(gettext_noop("Your fixed monthly salary (in any currency)")))
    return Criterion("salary", status, requirement, fixed.actual, explanation, version.source_for("salary"))


def _qualifying_company(role: Role, params: TechPassParams) -> Tri:
    company = all3(
        role.organisation_type == "tech_company" if role.organisation_type is not None else None,
        any3(
            ge(role.valuation_usd, params.min_valuation_usd),
            ge(role.funding_raised_usd, params.min_funding_usd),
        ),
    )
    if params.min_vc_aum_usd is None:
        return company
    vc = all3(
        role.organisation_type == "tech_vc" if role.organisation_type is not None else None,
        ge(role.aum_usd, params.min_vc_aum_usd),
    )
    return any3(company, vc)


def _leading_role(ctx: Context, version: RuleVersion[Any], params: TechPassParams, gaps: Gaps) -> Criterion:
    def counts(role: Role) -> Tri:
        leading = role.role_type in LEADING if role.role_type is not None else None
        return all3(leading, _qualifying_company(role, params))

    years = years_in_roles(ctx.profile.roles, counts, as_of=ctx.as_of)
    verdict = years.at_least(params.min_leading_years)
    if params.min_vc_aum_usd is not None:
        requirement = msg(
            gettext_noop(
                "At least {years} cumulative years in a leading role (founder, C-suite or leadership) at a tech "
                "company valued at {valuation} or more or that raised {funding} or more, or at a tech VC firm "
                "managing {aum} or more"
            ),
            years=params.min_leading_years,
            valuation=usd(params.min_valuation_usd),
            funding=usd(params.min_funding_usd),
            aum=usd(params.min_vc_aum_usd),
        )
    else:
        requirement = msg(
            gettext_noop(
                "At least {years} cumulative years in a leading role at a tech company valued at {valuation} or "
                "more or that raised {funding} or more"
            ),
            years=params.min_leading_years,
            valuation=usd(params.min_valuation_usd),
            funding=usd(params.min_funding_usd),
        )
    actual = msg(gettext_noop("{years} years"), years=years.known)
    explanation = msg(
        gettext_noop("Overlapping roles count once; an ongoing role counts up to the assessment date.")
    )
    if verdict is False:
        gaps.failed(
            gap(years.known.days, params.min_leading_years * 365),
            msg(
                gettext_noop(
                    "{required} years in a leading role at a qualifying tech company; you have {years}"
                ),
                required=params.min_leading_years,
                years=years.known,
            ),
        )
    elif verdict is None:
        explanation = msg(
            gettext_noop(
                "{years} years are proven; for some roles the role type, the organisation type, its figures or "
                "the start date is not given."
            ),
            years=years.known,
        )
        gaps.unknown(
            msg(gettext_noop("The role type, organisation type, dates and company figures of each role"))
        )
    return Criterion(
        "leading_role",
        status_of(verdict),
        requirement,
        actual,
        explanation,
        version.source_for("leading_role"),
    )


def _product_role(ctx: Context, version: RuleVersion[Any], params: TechPassParams) -> Criterion:
    assert params.min_product_revenue_usd is not None
    minimum = params.min_product_revenue_usd

    def counts(role: Role) -> Tri:
        # Monthly active users are not collected, so a role short on revenue stays possible.
        return (
            True
            if all3(
                role.role_type in LEADING | {"technical"} if role.role_type else None,
                ge(role.annual_revenue_usd, minimum),
            )
            else None
        )

    years = years_in_roles(ctx.profile.roles, counts, as_of=ctx.as_of)
    verdict = years.at_least(params.min_leading_years)
    return Criterion(
        "product_role",
        UNKNOWN if verdict is not True else MET,
        msg(
            gettext_noop(
                "At least {years} cumulative years leading the development of a tech product with {users} monthly "
                "active users or {revenue} revenue"
            ),
            years=params.min_leading_years,
            users=100_000,
            revenue=usd(minimum),
        ),
        msg(gettext_noop("{years} years"), years=years.known),
        msg(gettext_noop("Monthly active users are not collected; only product revenue is checked.")),
        version.source_for("product_role"),
    )


def _evaluate(ctx: Context, version: RuleVersion[Any], params: TechPassParams) -> PathwayResult:
    gaps = Gaps()
    salary = _salary(ctx, version, params, gaps)
    leading = _leading_role(ctx, version, params, gaps)
    if params.combination == "all_of":
        criteria = [salary, leading]
        return finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    product = _product_role(ctx, version, params)
    criteria = [salary, leading, product]
    statuses = [c.status for c in criteria]
    met = statuses.count(MET)
    review = statuses.count(REVIEW)
    unknown = statuses.count(UNKNOWN)
    if met >= 2:
        outcome = Outcome.ELIGIBLE
    elif met + review >= 2:
        outcome = Outcome.NEEDS_REVIEW
    elif met + review + unknown >= 2:
        outcome = Outcome.INSUFFICIENT_INFORMATION
    else:
        outcome = Outcome.NOT_ELIGIBLE
    assert statuses.count(NOT_MET) + met + review + unknown == 3
    return finish(version, outcome, criteria, gaps, DOCUMENTS, ctx)
