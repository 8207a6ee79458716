"""EntrePass: a Singapore company (new or at most 12 months old) and one innovation criterion."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, CriterionStatus, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_entrepass import BOOK, EntrePassParams, EntrePassRenewalParams
from assessments.engine.years import months_before

from .common import (
    NOT_GIVEN,
    Context,
    Gaps,
    any3,
    finish,
    money_in,
    money_status,
    not_open,
    renewal_review,
    sgd,
    status_of,
    yes_no,
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

COMPANY_REQUIREMENT = msg(
    gettext_noop("Has started or intends to start a Singapore private limited company (ACRA-registered)")
)
BUSINESS_TYPES = msg(
    gettext_noop(
        "Certain business types (e.g. coffee shops, bars, massage, employment agencies) are not eligible."
    )
)
NEED_COMPANY = msg(gettext_noop("Starting a Singapore private limited company"))
GIVE_COMPANY = msg(gettext_noop("Whether you have or plan a Singapore private limited company"))
GIVE_INCORPORATION = msg(gettext_noop("The company's incorporation date (or planned date)"))
INCORPORATION_NEEDED = msg(
    gettext_noop("Give the incorporation date, or the planned date if the company is not yet incorporated.")
)
NOT_YET_INCORPORATED = msg(gettext_noop("not yet incorporated"))
INCORPORATE_AFTER = msg(
    gettext_noop("A company not yet incorporated can be registered once the application is approved.")
)
YOUNG_ENOUGH = msg(gettext_noop("The company is young enough for a new application."))
GIVE_INNOVATION = msg(gettext_noop("Your funding, incubator, exit, IP and research-collaboration facts"))
ANY_ONE = msg(gettext_noop("Any one innovation criterion is enough."))
RENEWAL_EXPLANATION = msg(
    gettext_noop(
        "EntrePass renewal rests on your shareholding, the company's spending and its local hires, which this "
        "self-assessment does not collect: a consultant must review them."
    )
)


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    if isinstance(params, EntrePassRenewalParams):
        requirement = msg(
            gettext_noop(
                "At least {share} of the company's shares, ongoing business activity, and business spending and local "
                "jobs for the renewal cycle (from {spending} at the second renewal)"
            ),
            share=f"{params.min_shareholding:.0%}",
            spending=sgd(params.second_renewal_min_spending_sgd),
        )
        return renewal_review(version, ctx, requirement, RENEWAL_EXPLANATION)
    gaps = Gaps()
    criteria = [*_company(ctx, version, params, gaps), _innovation(ctx, version, params, gaps)]
    return finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)


def _company(ctx: Context, version: RuleVersion[Any], params: EntrePassParams, gaps: Gaps) -> list[Criterion]:
    business = ctx.profile.business
    has = business.has_or_plans_singapore_company if business else None
    if has is False:
        gaps.failed(1.0, NEED_COMPANY)
    elif has is None:
        gaps.unknown(GIVE_COMPANY)
    company_texts = (COMPANY_REQUIREMENT, yes_no(has), BUSINESS_TYPES)
    company = Criterion(
        version=version, code="singapore_company", status=status_of(has), texts=lambda: company_texts
    )

    limit = params.max_company_age_months
    incorporated = business.company_incorporated_on if business else None
    not_yet = business is not None and business.company_incorporated is False and incorporated is None

    def requirement() -> Message:
        if params.age_limit_inclusive:
            return msg(
                gettext_noop("The company is not yet incorporated or is at most {months} months old"),
                months=limit,
            )
        return msg(
            gettext_noop("The company is not yet incorporated or is less than {months} months old"),
            months=limit,
        )

    if not_yet:
        # A planned company has no date: a valid answer, not missing information.
        return [
            company,
            Criterion(
                version=version,
                code="company_age",
                status=CriterionStatus.MET,
                texts=lambda: (requirement(), NOT_YET_INCORPORATED, INCORPORATE_AFTER),
            ),
        ]
    if incorporated is None:
        gaps.unknown(GIVE_INCORPORATION)
        return [
            company,
            Criterion(
                version=version,
                code="company_age",
                status=status_of(None),
                texts=lambda: (requirement(), NOT_GIVEN, INCORPORATION_NEEDED),
            ),
        ]
    cutoff = months_before(ctx.as_of, limit)
    young = incorporated >= cutoff if params.age_limit_inclusive else incorporated > cutoff
    # An older company is not refused: MOM assesses it under the renewal criteria, which a consultant checks.
    status = CriterionStatus.MET if young else CriterionStatus.REVIEW

    def texts() -> tuple[Message, Message, Message]:
        explanation = (
            YOUNG_ENOUGH
            if young
            else msg(
                gettext_noop(
                    "MOM assesses a company registered more than {months} months before the application under the "
                    "EntrePass renewal criteria (shareholding, business spending and local jobs), which this "
                    "self-assessment does not collect: a consultant must review them."
                ),
                months=limit,
            )
        )
        return requirement(), msg(gettext_noop("incorporated on {date}"), date=incorporated), explanation

    return [company, Criterion(version=version, code="company_age", status=status, texts=texts)]


def _innovation(ctx: Context, version: RuleVersion[Any], params: EntrePassParams, gaps: Gaps) -> Criterion:
    business = ctx.profile.business
    funding = money_in(ctx, business.largest_funding_round if business else None, "SGD")
    threshold = params.min_funding_round_sgd
    verdict = any3(
        funding.at_least(threshold),
        business.recognised_incubator if business else None,
        business.founded_and_sold_tech_business if business else None,
        business.registered_ip if business else None,
        business.singapore_research_collaboration if business else None,
    )
    if verdict is False:
        gaps.failed(
            1.0,
            lambda: msg(
                gettext_noop(
                    "One innovation criterion, e.g. a single funding round of {threshold} or more (your largest is "
                    "{actual}) or support from a recognised incubator"
                ),
                threshold=sgd(threshold),
                actual=funding.actual,
            ),
        )
    elif verdict is None:
        gaps.unknown(GIVE_INNOVATION)

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(
                gettext_noop(
                    "At least one of: a single funding round of {threshold} or more; a recognised incubator or "
                    "accelerator; founded and sold a tech business; registered IP; a research collaboration in "
                    "Singapore"
                ),
                threshold=sgd(threshold),
            ),
            msg(gettext_noop("largest funding round {funding}"), funding=funding.actual),
            (funding.missing_rate or ANY_ONE) if verdict is None else ANY_ONE,
        )

    return Criterion(version=version, code="innovation", status=money_status(verdict, funding), texts=texts)
