"""EntrePass: a Singapore company (new or at most 12 months old) and one innovation criterion."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_entrepass import BOOK, EntrePassParams, EntrePassRenewalParams
from assessments.engine.years import years_before

from .common import (
    NOT_GIVEN,
    Context,
    Gaps,
    Tri,
    any3,
    finish,
    money_in,
    not_open,
    renewal_review,
    sgd,
    status_of,
)

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "singapore_company": (
        msg(
            gettext_noop(
                "Business plan in English (about 10 pages: product, market, operations, team, projections)"
            )
        ),
        msg(gettext_noop("ACRA business profile, if the company is already incorporated")),
    ),
    "innovation": (
        msg(
            gettext_noop(
                "Evidence of the innovation criterion you rely on (term sheets or share certificates, incubator "
                "letter, IP registration, research agreement, or sale and purchase agreement)"
            )
        ),
    ),
}


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    if isinstance(params, EntrePassRenewalParams):
        return renewal_review(
            version,
            ctx,
            msg(
                gettext_noop(
                    "At least {share} of the company's shares, ongoing business activity, and business spending and "
                    "local jobs for the renewal cycle (from {spending} at the second renewal)"
                ),
                share=f"{params.min_shareholding:.0%}",
                spending=sgd(params.second_renewal_min_spending_sgd),
            ),
            msg(
                gettext_noop(
                    "EntrePass renewal rests on your shareholding, the company's spending and its local hires, which "
                    "this self-assessment does not collect: a consultant must review them."
                )
            ),
        )
    return _evaluate(ctx, version, params)


def _company(ctx: Context, version: RuleVersion[Any], params: EntrePassParams, gaps: Gaps) -> list[Criterion]:
    business = ctx.profile.business
    has = business.has_or_plans_singapore_company if business else None
    if has is False:
        gaps.failed(1.0, msg(gettext_noop("Starting a Singapore private limited company")))
    elif has is None:
        gaps.unknown(msg(gettext_noop("Whether you have or plan a Singapore private limited company")))
    company = Criterion(
        "singapore_company",
        status_of(has),
        msg(
            gettext_noop(
                "Has started or intends to start a Singapore private limited company (ACRA-registered)"
            )
        ),
        msg(gettext_noop("yes")) if has else NOT_GIVEN if has is None else msg(gettext_noop("no")),
        msg(
            gettext_noop(
                "Certain business types (e.g. coffee shops, bars, massage, employment agencies) are not eligible."
            )
        ),
        version.source_for("singapore_company"),
    )
    incorporated = business.company_incorporated_on if business else None
    limit = params.max_company_age_months
    requirement = msg(
        gettext_noop("The company is not yet incorporated or is at most {months} months old"), months=limit
    )
    if incorporated is None:
        gaps.unknown(msg(gettext_noop("The company's incorporation date (or planned date)")))
        age = Criterion(
            "company_age",
            status_of(None),
            requirement,
            NOT_GIVEN,
            msg(
                gettext_noop(
                    "Give the incorporation date, or the planned date if the company is not yet incorporated."
                )
            ),
            version.source_for("company_age"),
        )
        return [company, age]
    cutoff = years_before(ctx.as_of, limit // 12) if limit % 12 == 0 else None
    assert cutoff is not None, "company age limits are whole years"
    young: Tri = incorporated >= cutoff
    if not young:
        gaps.failed(
            1.0,
            msg(
                gettext_noop(
                    "A company incorporated on or after {cutoff}; an older company is assessed under the renewal criteria"
                ),
                cutoff=cutoff,
            ),
        )
    age = Criterion(
        "company_age",
        status_of(young),
        requirement,
        msg(gettext_noop("incorporated on {date}"), date=incorporated),
        msg(gettext_noop("The company is young enough for a new application."))
        if young
        else msg(
            gettext_noop(
                "A company more than {months} months old is assessed under the EntrePass renewal criteria, not as a "
                "new application."
            ),
            months=limit,
        ),
        version.source_for("company_age"),
    )
    return [company, age]


def _innovation(ctx: Context, version: RuleVersion[Any], params: EntrePassParams, gaps: Gaps) -> Criterion:
    business = ctx.profile.business
    funding = money_in(ctx, business.largest_funding_round if business else None, "SGD")
    facts: tuple[Tri, ...] = (
        funding.at_least(params.min_funding_round_sgd),
        business.recognised_incubator if business else None,
        business.founded_and_sold_tech_business if business else None,
        business.registered_ip if business else None,
        business.singapore_research_collaboration if business else None,
    )
    verdict = any3(*facts)
    threshold = sgd(params.min_funding_round_sgd)
    if verdict is False:
        gaps.failed(
            1.0,
            msg(
                gettext_noop(
                    "One innovation criterion, e.g. a single funding round of {threshold} or more (your largest is {actual}) "
                    "or support from a recognised incubator"
                ),
                threshold=threshold,
                actual=funding.actual,
            ),
        )
    elif verdict is None:
        gaps.unknown(msg(gettext_noop("Your funding, incubator, exit, IP and research-collaboration facts")))
    return Criterion(
        "innovation",
        status_of(verdict),
        msg(
            gettext_noop(
                "At least one of: a single funding round of {threshold} or more; a recognised incubator or accelerator; "
                "founded and sold a tech business; registered IP; a research collaboration in Singapore"
            ),
            threshold=threshold,
        ),
        msg(gettext_noop("largest funding round {funding}"), funding=funding.actual),
        funding.missing_rate
        if verdict is None and funding.missing_rate
        else msg(gettext_noop("Any one innovation criterion is enough.")),
        version.source_for("innovation"),
    )


def _evaluate(ctx: Context, version: RuleVersion[Any], params: EntrePassParams) -> PathwayResult:
    gaps = Gaps()
    criteria = [*_company(ctx, version, params, gaps), _innovation(ctx, version, params, gaps)]
    return finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
