"""ONE Pass (AI and Tech) track: pay, 5 of the last 10 years, a qualifying current or last employer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Role
from assessments.engine.result import Criterion, CriterionStatus, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_one_pass_ai_tech import BOOK, AiTechParams

from .common import (
    NOT_GIVEN,
    Context,
    Gaps,
    MoneyCheck,
    Tri,
    any3_of,
    current_or_last,
    duration,
    finish,
    gap,
    money_in,
    money_status,
    not_open,
    sgd,
    status_of,
    tech_employer,
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
GIVE_PARTS = msg(
    gettext_noop(
        "Your total pay split into fixed salary and vested equity (bonuses and allowances do not count)"
    )
)
PARTS_NEEDED = msg(
    gettext_noop(
        "Only the fixed salary and vested non-cash pay (equity, ESOP) count towards the total; cash bonuses and "
        "allowances do not. Give the vested equity separately."
    )
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
    """Total pay counts only the fixed salary plus vested non-cash pay (equity, ESOP): cash bonuses and
    allowances do not top up. A total given without its parts can only show a shortfall."""
    profile = ctx.profile
    fixed = money_in(ctx, profile.monthly_fixed_salary, "SGD")
    equity = money_in(ctx, profile.monthly_vested_equity, "SGD")
    total = money_in(ctx, profile.monthly_total_compensation, "SGD")
    total_min, fixed_min = params.min_total_compensation_sgd, params.min_fixed_salary_sgd
    counted: Decimal | None = None
    if fixed.value is not None and equity.value is not None:
        counted = fixed.value + equity.value
    total_verdict: Tri
    if fixed.at_least(total_min):
        total_verdict = True  # the fixed salary alone reaches the total
    elif counted is not None:
        total_verdict = counted >= total_min
        converted = bool(fixed.pairs) or bool(equity.pairs)
        if converted and abs(counted - total_min) <= total_min * ctx.rates.tolerance:
            total_verdict = None  # too close to call on a converted amount
            fixed.near = total_min
    elif total.at_least(total_min) is False:
        total_verdict = False  # what counts is part of the total, so it falls short too
    else:
        total_verdict = None
    parts_missing = total_verdict is None and total.at_least(total_min) is True
    if total_verdict is False:
        gaps.failed(
            gap(counted if counted is not None else total.value, total_min),
            lambda: msg(
                gettext_noop(
                    "Fixed salary plus vested equity of {threshold} or more a month (you have {actual})"
                ),
                threshold=sgd(total_min),
                actual=_counted_actual(fixed, equity, total),
            ),
        )
    elif parts_missing:
        gaps.unknown(GIVE_PARTS)
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
                gettext_noop(
                    "Fixed salary plus vested non-cash pay (equity, ESOP) of {threshold} or more a month over the "
                    "past year"
                ),
                threshold=sgd(total_min),
            ),
            _counted_actual(fixed, equity, total),
            fixed.missing_rate
            or equity.missing_rate
            or total.missing_rate
            or (PARTS_NEEDED if parts_missing else VESTED),
        )

    def fixed_texts() -> tuple[Message, Message, Message]:
        return (
            msg(gettext_noop("A fixed monthly salary of {threshold} or more"), threshold=sgd(fixed_min)),
            fixed.actual,
            fixed.missing_rate or FIXED_SALARY_MEANING,
        )

    return [
        Criterion(
            version=version,
            code="total_compensation",
            status=money_status(total_verdict, fixed, equity, total),
            texts=total_texts,
        ),
        Criterion(
            version=version, code="fixed_salary", status=money_status(fixed_verdict, fixed), texts=fixed_texts
        ),
    ]


def _counted_actual(fixed: MoneyCheck, equity: MoneyCheck, total: MoneyCheck) -> Message:
    if equity.money is not None or total.money is None:
        return msg(
            gettext_noop("fixed salary {fixed}; vested equity {equity}"),
            fixed=fixed.actual,
            equity=equity.actual,
        )
    return msg(gettext_noop("total pay {total}, parts not given"), total=total.actual)


def _experience(ctx: Context, version: RuleVersion[Any], params: AiTechParams, gaps: Gaps) -> Criterion:
    """Founder, C-suite and technical roles count; other senior roles (VP, partner: "leadership") are not
    clearly covered, so years that need them go to a consultant."""
    qualifying = params.qualifying_role_types
    reviewable = params.review_role_types

    def counts(role: Role) -> Tri:
        return None if role.role_type is None else role.role_type in qualifying

    def counts_with_review(role: Role) -> Tri:
        return None if role.role_type is None else role.role_type in qualifying | reviewable

    years = ctx.career.years(counts, within_years=params.within_years)
    wider = ctx.career.years(counts_with_review, within_years=params.within_years)
    verdict = years.at_least(params.min_years)
    status = status_of(verdict)
    if verdict is not True and wider.at_least(params.min_years) is True:
        status = CriterionStatus.REVIEW
    elif verdict is False and wider.at_least(params.min_years) is None:
        status = CriterionStatus.UNKNOWN
    if status is CriterionStatus.NOT_MET:
        gaps.failed(
            gap(years.known_days, params.min_years * 365),
            lambda: msg(
                gettext_noop(
                    "{required} years as a founder, C-suite executive or technical specialist within the last "
                    "{window} years; you have {years}"
                ),
                required=params.min_years,
                window=params.within_years,
                years=duration(years.known),
            ),
        )
    elif status is CriterionStatus.UNKNOWN:
        gaps.unknown(GIVE_ROLES)

    def texts() -> tuple[Message, Message, Message]:
        explanation = (
            msg(
                gettext_noop(
                    "{years} as a founder, C-suite executive or technical specialist; with your other senior roles "
                    "(such as VP or partner) it is {wider}. Those roles are not clearly covered by the published "
                    "criteria, so a consultant must judge them."
                ),
                years=duration(years.known),
                wider=duration(wider.known),
            )
            if status is CriterionStatus.REVIEW
            else OVERLAPS
        )
        return (
            msg(
                gettext_noop(
                    "At least {required} cumulative years as a founder, C-suite executive or technical specialist "
                    "within the {window} years before the application"
                ),
                required=params.min_years,
                window=params.within_years,
            ),
            duration(years.known),
            explanation,
        )

    return Criterion(
        version=version,
        code="experience",
        status=status,
        texts=texts,
        met_from=ctx.career.met_from(counts, params.min_years, within_years=params.within_years)
        if status is CriterionStatus.NOT_MET
        else None,
    )


def _employer(ctx: Context, version: RuleVersion[Any], params: AiTechParams, gaps: Gaps) -> Criterion:
    roles = ctx.roles

    def qualifies(role: Role) -> Tri:
        return tech_employer(
            role,
            min_valuation_usd=params.min_valuation_usd,
            min_funding_usd=params.min_funding_usd,
            min_aum_usd=params.min_aum_usd,
            min_revenue_usd=params.min_revenue_usd,
        )

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
                    "A current employer that is a tech company with valuation {valuation}, revenue {revenue} or "
                    "funding {funding}, or a tech VC firm with assets under management {aum}"
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
                    "The current or last employer is a tech company with valuation of {valuation}, annual revenue "
                    "of {revenue} or funding raised of {funding}, or a tech VC firm managing {aum}, or more (a VC "
                    "firm's own fundraising does not count)"
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
