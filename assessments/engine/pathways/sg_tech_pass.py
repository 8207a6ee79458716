"""Tech.Pass: salary and leading-role experience (Version C), or any 2 of 3 (Versions A/B)."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, CriterionStatus, Outcome, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_tech_pass import BOOK, TechPassParams, TechPassRenewalParams

from .common import (
    Context,
    Gaps,
    Tri,
    all3,
    duration,
    finish,
    gap,
    ge,
    money_in,
    money_status,
    not_open,
    renewal_review,
    sgd,
    status_of,
    tech_employer,
    usd,
)

LEADING = frozenset({"founder", "c_suite", "leadership"})
PRODUCT_ROLES = LEADING | {"technical"}

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

FIXED_SALARY_MEANING = msg(
    gettext_noop("Fixed salary is basic pay plus fixed allowances; bonuses and equity do not count.")
)
SALARY_NEEDED = msg(gettext_noop("Your fixed monthly salary is needed."))
GIVE_SALARY = msg(gettext_noop("Your fixed monthly salary (in any currency)"))
OVERLAPS = msg(
    gettext_noop("Overlapping roles count once; an ongoing role counts up to the assessment date.")
)
GIVE_ROLES = msg(gettext_noop("The role type, organisation type, dates and company figures of each role"))
NO_MAU = msg(gettext_noop("Monthly active users are not collected; only product revenue is checked."))
RENEWAL_EXPLANATION = msg(
    gettext_noop(
        "Tech.Pass renewal rests on your tax assessment, your company's spending and your current roles, which "
        "this self-assessment does not collect: a consultant must review them."
    )
)


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    if isinstance(params, TechPassRenewalParams):
        return renewal_review(version, ctx, renewal_requirement(params), RENEWAL_EXPLANATION)
    return _evaluate(ctx, version, params)


def renewal_requirement(params: TechPassRenewalParams) -> Message:
    """Every renewal route the version's source lists, and the roles all of them need."""
    hires, investment = params.local_hires, params.investment
    if hires is None or investment is None:
        return msg(
            gettext_noop(
                "Assessable income of {income} or more, or business spending of {spending} or more with local "
                "jobs; and at least {roles} current roles"
            ),
            income=sgd(params.min_assessable_income_sgd),
            spending=sgd(params.min_business_spending_sgd),
            roles=params.min_current_roles,
        )
    return msg(
        gettext_noop(
            "Any one of: assessable income of {income} or more; business spending of {spending} or more with at "
            "least {pmes} local professional, manager or executive earning {pme_salary} or more, or at least "
            "{locals} locals earning {local_salary} or more; or founding a Singapore tech company that raised "
            "more than {investment} in the past {months} months, one investment from a recognised firm. And at "
            "least {roles} current roles"
        ),
        income=sgd(params.min_assessable_income_sgd),
        spending=sgd(params.min_business_spending_sgd),
        pmes=hires.min_local_pmes,
        pme_salary=sgd(hires.local_pme_min_salary_sgd),
        locals=hires.min_local_qualifying_employees,
        local_salary=sgd(hires.local_qualifying_salary_sgd),
        investment=usd(investment.min_investment_raised_usd),
        months=investment.window_months,
        roles=params.min_current_roles,
    )


def _salary(ctx: Context, version: RuleVersion[Any], params: TechPassParams, gaps: Gaps) -> Criterion:
    threshold = params.min_fixed_salary_sgd
    fixed = money_in(ctx, ctx.profile.monthly_fixed_salary, "SGD")
    total = money_in(ctx, ctx.profile.monthly_total_compensation, "SGD")
    verdict = fixed.at_least(threshold)
    status = money_status(verdict, fixed)
    if verdict is False:
        # EDB assesses non-cash income case by case: where it could bridge the gap, a consultant judges.
        if total.at_least(threshold):
            status = CriterionStatus.REVIEW
        gaps.failed(
            gap(fixed.value, threshold),
            lambda: msg(
                gettext_noop("A fixed monthly salary of {threshold} or more (you have {actual})"),
                threshold=sgd(threshold),
                actual=fixed.actual,
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_SALARY)

    def texts() -> tuple[Message, Message, Message]:
        if fixed.near is not None:
            explanation = fixed.missing_rate or SALARY_NEEDED
        elif status is CriterionStatus.REVIEW:
            explanation = msg(
                gettext_noop(
                    "Your fixed salary is below the threshold but your total pay is {total} a month; EDB assesses "
                    "non-cash income case by case."
                ),
                total=total.actual,
            )
        elif status is CriterionStatus.UNKNOWN:
            explanation = fixed.missing_rate or SALARY_NEEDED
        else:
            explanation = FIXED_SALARY_MEANING
        return (
            msg(gettext_noop("A fixed monthly salary of {threshold} or more"), threshold=sgd(threshold)),
            fixed.actual,
            explanation,
        )

    return Criterion(version=version, code="salary", status=status, texts=texts)


def _qualifying_company(role: Role, params: TechPassParams) -> Tri:
    return tech_employer(
        role,
        min_valuation_usd=params.min_valuation_usd,
        min_funding_usd=params.min_funding_usd,
        min_aum_usd=params.min_vc_aum_usd,
    )


def _leading_role(ctx: Context, version: RuleVersion[Any], params: TechPassParams, gaps: Gaps) -> Criterion:
    def counts(role: Role) -> Tri:
        kind = role.role_type
        if kind is not None and kind not in LEADING:
            return False
        return all3(None if kind is None else True, _qualifying_company(role, params))

    years = ctx.career.years(counts)
    required = params.min_leading_years
    verdict = years.at_least(required)
    if verdict is False:
        gaps.failed(
            gap(years.known_days, required * 365),
            lambda: msg(
                gettext_noop(
                    "{required} years in a leading role at a qualifying tech company; you have {years}"
                ),
                required=required,
                years=duration(years.known),
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_ROLES)

    def texts() -> tuple[Message, Message, Message]:
        if params.min_vc_aum_usd is not None:
            requirement = msg(
                gettext_noop(
                    "At least {years} cumulative years in a leading role (founder, C-suite or leadership) at a tech "
                    "company valued at {valuation} or more or that raised {funding} or more, or at a tech VC firm "
                    "managing {aum} or more"
                ),
                years=required,
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
                years=required,
                valuation=usd(params.min_valuation_usd),
                funding=usd(params.min_funding_usd),
            )
        explanation = OVERLAPS
        if verdict is None:
            explanation = msg(
                gettext_noop(
                    "{years} proven; for some roles the role type, the organisation type, its figures or the start "
                    "date is not given."
                ),
                years=duration(years.known),
            )
        return requirement, duration(years.known), explanation

    return Criterion(
        version=version,
        code="leading_role",
        status=status_of(verdict),
        texts=texts,
        met_from=ctx.career.met_from(counts, required) if verdict is False else None,
    )


def _product_role(ctx: Context, version: RuleVersion[Any], params: TechPassParams) -> Criterion:
    minimum = params.min_product_revenue_usd
    assert minimum is not None

    def counts(role: Role) -> Tri:
        # Monthly active users are not collected, so a product role short on revenue stays possible.
        if role.role_type is not None and role.role_type not in PRODUCT_ROLES:
            return False
        if role.role_type is not None and ge(role.annual_revenue_usd, minimum):
            return True
        return None

    years = ctx.career.years(counts)
    required = params.min_leading_years

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop(
                    "At least {years} cumulative years leading the development of a tech product with {users} "
                    "monthly active users or {revenue} revenue"
                ),
                years=required,
                users="100,000",
                revenue=usd(minimum),
            ),
            duration(years.known),
            NO_MAU,
        )

    verdict = years.at_least(required)
    return Criterion(
        version=version,
        code="product_role",
        status=status_of(verdict),
        texts=texts,
        met_from=ctx.career.met_from(counts, required) if verdict is False else None,
    )


def _evaluate(ctx: Context, version: RuleVersion[Any], params: TechPassParams) -> PathwayResult:
    gaps = Gaps()
    salary = _salary(ctx, version, params, gaps)
    leading = _leading_role(ctx, version, params, gaps)
    if params.combination == "all_of":
        criteria = [salary, leading]
        return finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    criteria = [salary, leading, _product_role(ctx, version, params)]
    statuses = [c.status for c in criteria]
    met, review, unknown = (
        statuses.count(CriterionStatus.MET),
        statuses.count(CriterionStatus.REVIEW),
        statuses.count(CriterionStatus.UNKNOWN),
    )
    if met >= 2:
        outcome = Outcome.ELIGIBLE
    elif met + review >= 2:
        outcome = Outcome.NEEDS_REVIEW
    elif met + review + unknown >= 2:
        outcome = Outcome.INSUFFICIENT_INFORMATION
    else:
        outcome = Outcome.NOT_ELIGIBLE
    return finish(version, outcome, criteria, gaps, DOCUMENTS, ctx)
