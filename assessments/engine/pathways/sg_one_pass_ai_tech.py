"""ONE Pass (AI and Tech) track: pay, 5 of the last 10 years, a qualifying current or last employer."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_one_pass_ai_tech import BOOK, AiTechParams

from .common import (
    NOT_GIVEN,
    Context,
    Gaps,
    Tri,
    all3,
    any3,
    any3_of,
    finish,
    gap,
    ge,
    money_in,
    not_open,
    sgd,
    status_of,
    usd,
)

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "total_compensation": (
        msg(gettext_noop("Payslips for the last 12 months and statements of vested equity")),
    ),
    "fixed_salary": (msg(gettext_noop("Employment contract showing the fixed monthly salary")),),
    "experience": (
        msg(
            gettext_noop(
                "Employment contracts or employer letters confirming each role, its type and its dates"
            )
        ),
    ),
    "employer": (
        msg(
            gettext_noop(
                "Evidence of the employer's valuation, revenue, funding or assets under management, and that "
                "technology is its core business"
            )
        ),
    ),
}

VESTED = msg(
    gettext_noop("Vested equity (e.g. ESOP) may make up the part above the fixed salary, subject to MOM.")
)
FIXED_SALARY_MEANING = msg(
    gettext_noop("Fixed salary is basic pay plus fixed allowances; bonuses and equity do not count.")
)
GIVE_TOTAL = msg(gettext_noop("Your total monthly compensation including vested equity"))
GIVE_SALARY = msg(gettext_noop("Your fixed monthly salary (in any currency)"))
GIVE_ROLES = msg(gettext_noop("The role type and dates of each role"))
OVERLAPS = msg(
    gettext_noop("Overlapping roles count once; an ongoing role counts up to the assessment date.")
)
GIVE_EMPLOYER = msg(gettext_noop("Your current or last employer's type and figures"))
NO_ROLES = msg(gettext_noop("no roles listed"))
TECH_MEANING = msg(
    gettext_noop("A tech company has a digital or technology offering as its core product or service.")
)


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    if version.params is None:
        return not_open(version, ctx)
    return _evaluate(ctx, version, version.params)


def _pay(ctx: Context, version: RuleVersion[Any], params: AiTechParams, gaps: Gaps) -> list[Criterion]:
    profile = ctx.profile
    fixed = money_in(ctx, profile.monthly_fixed_salary, "SGD")
    total = money_in(ctx, profile.monthly_total_compensation, "SGD")
    total_min, fixed_min = params.min_total_compensation_sgd, params.min_fixed_salary_sgd
    total_verdict = total.at_least(total_min)
    if total_verdict is None and fixed.at_least(total_min):
        total_verdict = True  # total compensation includes the fixed salary
    if total_verdict is False:
        gaps.failed(
            gap(total.value, total_min),
            lambda: msg(
                gettext_noop("Total monthly compensation of {threshold} or more (you have {actual})"),
                threshold=sgd(total_min),
                actual=total.actual,
            ),
        )
    elif total_verdict is None:
        gaps.unknown(GIVE_TOTAL)
    fixed_verdict = fixed.at_least(fixed_min)
    if fixed_verdict is False:
        gaps.failed(
            gap(fixed.value, fixed_min),
            lambda: msg(
                gettext_noop("A fixed monthly salary of {threshold} or more (you have {actual})"),
                threshold=sgd(fixed_min),
                actual=fixed.actual,
            ),
        )
    elif fixed_verdict is None:
        gaps.unknown(GIVE_SALARY)

    def total_texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop("Total monthly compensation of {threshold} or more over the past year"),
                threshold=sgd(total_min),
            ),
            total.actual,
            total.missing_rate or VESTED,
        )

    def fixed_texts() -> tuple[Message, Message, Message]:
        return (
            msg(gettext_noop("A fixed monthly salary of {threshold} or more"), threshold=sgd(fixed_min)),
            fixed.actual,
            fixed.missing_rate or FIXED_SALARY_MEANING,
        )

    return [
        Criterion(
            version=version, code="total_compensation", status=status_of(total_verdict), texts=total_texts
        ),
        Criterion(version=version, code="fixed_salary", status=status_of(fixed_verdict), texts=fixed_texts),
    ]


def _experience(ctx: Context, version: RuleVersion[Any], params: AiTechParams, gaps: Gaps) -> Criterion:
    qualifying = params.qualifying_role_types

    def counts(role: Role) -> Tri:
        return None if role.role_type is None else role.role_type in qualifying

    years = ctx.career.years(counts, within_years=params.within_years)
    verdict = years.at_least(params.min_years)
    if verdict is False:
        gaps.failed(
            gap(years.known_days, params.min_years * 365),
            lambda: msg(
                gettext_noop(
                    "{required} years as a founder, C-suite executive or technical specialist within the last "
                    "{window} years; you have {years}"
                ),
                required=params.min_years,
                window=params.within_years,
                years=years.known,
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_ROLES)

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop(
                    "At least {required} cumulative years as a founder, C-suite executive or technical specialist "
                    "within the {window} years before the application"
                ),
                required=params.min_years,
                window=params.within_years,
            ),
            msg(gettext_noop("{years} years"), years=years.known),
            OVERLAPS,
        )

    return Criterion(version=version, code="experience", status=status_of(verdict), texts=texts)


def current_or_last(roles: list[Role]) -> list[Role]:
    """The ongoing roles, or else the role(s) that ended last."""
    ongoing = [r for r in roles if r.end is None]
    if ongoing:
        return ongoing
    last = max(r.end for r in roles if r.end is not None)
    return [r for r in roles if r.end == last]


def _employer(ctx: Context, version: RuleVersion[Any], params: AiTechParams, gaps: Gaps) -> Criterion:
    roles = ctx.roles

    def qualifies(role: Role) -> Tri:
        kind = role.organisation_type
        if kind is not None and kind not in ("tech_company", "tech_vc"):
            return False
        figures = any3(
            ge(role.valuation_usd, params.min_valuation_usd),
            ge(role.annual_revenue_usd, params.min_revenue_usd),
            ge(role.aum_usd, params.min_aum_usd),
            ge(role.funding_raised_usd, params.min_funding_usd),
        )
        return all3(None if kind is None else True, figures)

    organisation: str | None = None
    if roles is None:
        verdict: Tri = None
    elif not roles:
        verdict = False
    else:
        candidates = current_or_last(roles)
        verdict = any3_of([qualifies(r) for r in candidates])
        organisation = candidates[0].organisation
    if verdict is False:
        gaps.failed(
            1.0,
            lambda: msg(
                gettext_noop(
                    "A current employer that is a tech company or tech VC with valuation {valuation}, revenue "
                    "{revenue}, assets under management {aum} or funding {funding}"
                ),
                valuation=usd(params.min_valuation_usd),
                revenue=usd(params.min_revenue_usd),
                aum=usd(params.min_aum_usd),
                funding=usd(params.min_funding_usd),
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_EMPLOYER)

    def texts() -> tuple[Message, Message, Message]:
        if roles is None:
            actual = NOT_GIVEN
        elif not roles:
            actual = NO_ROLES
        else:
            actual = msg(
                gettext_noop("current or last employer: {organisation}"),
                organisation=organisation or NOT_GIVEN,
            )
        return (
            msg(
                gettext_noop(
                    "The current or last employer is a tech company or tech VC with valuation of {valuation}, "
                    "annual revenue of {revenue}, assets under management of {aum} or funding of {funding}, or more"
                ),
                valuation=usd(params.min_valuation_usd),
                revenue=usd(params.min_revenue_usd),
                aum=usd(params.min_aum_usd),
                funding=usd(params.min_funding_usd),
            ),
            actual,
            TECH_MEANING,
        )

    return Criterion(version=version, code="employer", status=status_of(verdict), texts=texts)


def _evaluate(ctx: Context, version: RuleVersion[Any], params: AiTechParams) -> PathwayResult:
    gaps = Gaps()
    criteria = [
        *_pay(ctx, version, params, gaps),
        _experience(ctx, version, params, gaps),
        _employer(ctx, version, params, gaps),
    ]
    return finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
