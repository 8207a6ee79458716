"""Employment Pass: a Singapore job offer, stage 1 qualifying salary, stage 2 COMPASS."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import COVERAGE_START
from assessments.engine.result import Criterion, CriterionStatus, PathwayResult, Points, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_employment_pass import BOOK, Compass, EmploymentPassParams

from .common import NOT_GIVEN, Context, Gaps, MoneyCheck, finish, gap, money_in, sgd, status_of, yes_no

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "job_offer": (msg(gettext_noop("Signed job offer from the Singapore employer (the employer applies)")),),
    "qualifying_salary": (msg(gettext_noop("Educational certificates")),),
    "compass": (
        msg(
            gettext_noop(
                "Verification proof of your qualification from a screening agency, if C2 points are claimed"
            )
        ),
    ),
}

C1 = msg(gettext_noop("C1 Salary"))
C2 = msg(gettext_noop("C2 Qualifications"))
C3 = msg(gettext_noop("C3 Diversity"))
C4 = msg(gettext_noop("C4 Support for local employment"))
C5 = msg(gettext_noop("C5 Skills bonus (Shortage Occupation List)"))
C6 = msg(gettext_noop("C6 Strategic economic priorities bonus"))
C2_POINTS = {"top_tier": 20, "degree": 10, "none": 0}

OFFER_REQUIREMENT = msg(gettext_noop("A job offer from a Singapore employer, who applies for the pass"))
OFFER_EXPLANATION = msg(gettext_noop("The Employment Pass is employer-sponsored."))
NEED_OFFER = msg(gettext_noop("A job offer from a Singapore employer"))
GIVE_OFFER = msg(gettext_noop("Whether you have a job offer from a Singapore employer"))
GIVE_OFFER_SALARY = msg(gettext_noop("The fixed monthly salary in your Singapore offer"))
OFFER_SALARY_NEEDED = msg(gettext_noop("The offered fixed monthly salary is needed."))
BELOW_MINIMUM = msg(gettext_noop("The offer is below the lowest qualifying salary for any age."))
GIVE_SECTOR = msg(gettext_noop("The sector of the Singapore job (financial services or other)"))
SECTOR_DECIDES = msg(
    gettext_noop("The qualifying salary depends on whether the job is in financial services.")
)
YOUNG_MINIMUM = msg(gettext_noop("At your age the minimum qualifying salary applies."))
PER_AGE_TABLE = msg(
    gettext_noop(
        "The offer is between the minimum and the top of the age scale: MOM's per-age table decides; use MOM's "
        "Self-Assessment Tool."
    )
)
C4_NOTE = msg(
    gettext_noop("The C4 lower band (20th percentile) comes from law-firm sources; verify on MOM's page.")
)
GIVE_COMPASS = msg(gettext_noop("The COMPASS facts marked unknown in the points breakdown"))


RENEWAL_LEAD_DAYS = 183
GIVE_EXPIRY = msg(gettext_noop("The expiry date of the pass you are renewing"))
EXPIRY_REQUIREMENT = msg(
    gettext_noop("Renewals: the rules in force on the expiry date of the pass being renewed apply")
)
EXPIRY_EXPLANATION = msg(
    gettext_noop(
        "The qualifying salary changes within the next six months, so the expiry date decides which applies."
    )
)
GIVE_BIRTH = msg(gettext_noop("Your date of birth"))
AGE_DECIDES = msg(
    gettext_noop("The qualifying salary rises with age and your offer is in between, so your age decides.")
)


def select(ctx: Context) -> tuple[RuleVersion[EmploymentPassParams], bool]:
    """The version in force, and whether an unknown pass expiry date decides it.

    Renewals follow the expiry date of the pass being renewed (MOM applies the qualifying salary by
    expiry date), not the day of the assessment.
    """
    profile = ctx.profile
    if profile.application_type != "renewal":
        return BOOK.select(ctx.as_of, "new"), False
    expiry = profile.pass_expiry_date
    if expiry is not None and expiry >= COVERAGE_START:
        return BOOK.select(expiry, "renewal"), False
    version = BOOK.select(ctx.as_of, "renewal")
    # A renewal is filed up to about six months before expiry: if the rules change in that time, it decides.
    later = BOOK.select(ctx.as_of + timedelta(days=RENEWAL_LEAD_DAYS), "renewal")
    return version, expiry is None and later is not version


def evaluate(ctx: Context) -> PathwayResult:
    version, expiry_decides = select(ctx)
    params = version.params
    assert params is not None  # the Employment Pass is open in every encoded window
    gaps = Gaps()
    profile = ctx.profile
    has_offer = profile.has_singapore_job_offer
    if has_offer is False:
        gaps.failed(1.0, NEED_OFFER)
    elif has_offer is None:
        gaps.unknown(GIVE_OFFER)
    offer_texts = (OFFER_REQUIREMENT, yes_no(has_offer), OFFER_EXPLANATION)
    criteria = [
        Criterion(
            version=version,
            code="job_offer",
            status=status_of(has_offer),
            texts=lambda: offer_texts,
        )
    ]
    if expiry_decides:
        gaps.unknown(GIVE_EXPIRY)
        criteria.append(
            Criterion(
                version=version,
                code="pass_expiry",
                status=CriterionStatus.UNKNOWN,
                texts=lambda: (EXPIRY_REQUIREMENT, NOT_GIVEN, EXPIRY_EXPLANATION),
            )
        )
    points = None
    if has_offer is not False:
        details = profile.singapore_job_offer
        offer = money_in(ctx, details.monthly_fixed_salary if details else None, "SGD")
        criteria.append(_qualifying_salary(ctx, version, params, offer, gaps))
        if params.compass is not None:
            compass, points = _compass(ctx, version, params.compass, offer, gaps)
            criteria.append(compass)
    result = finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    result.points = points
    return result


def _qualifying_salary(
    ctx: Context, version: RuleVersion[Any], p: EmploymentPassParams, offer: MoneyCheck, gaps: Gaps
) -> Criterion:
    details = ctx.profile.singapore_job_offer
    sector = details.sector if details else None
    age = ctx.age
    top: Decimal | None
    if sector == "financial_services":
        minimum, top = p.qs_min_financial_sgd, p.qs_top_financial_sgd
    elif sector == "other":
        minimum, top = p.qs_min_sgd, p.qs_top_sgd
    else:  # unknown sector: only figures that decide for both sectors
        minimum = min(p.qs_min_sgd, p.qs_min_financial_sgd)
        top = (
            None
            if p.qs_top_sgd is None or p.qs_top_financial_sgd is None
            else max(p.qs_top_sgd, p.qs_top_financial_sgd)
        )
    value = offer.value
    status: CriterionStatus
    explanation: Message
    if value is None:
        gaps.unknown(GIVE_OFFER_SALARY)
        status, explanation = CriterionStatus.UNKNOWN, offer.missing_rate or OFFER_SALARY_NEEDED
    elif any(offer.near_to(threshold) for threshold in (minimum, top) if threshold is not None):
        offer.near = next(t for t in (minimum, top) if t is not None and offer.near_to(t))
        status, explanation = CriterionStatus.REVIEW, offer.missing_rate or PER_AGE_TABLE
    elif value < minimum:
        status, explanation = CriterionStatus.NOT_MET, BELOW_MINIMUM
        _salary_gap(gaps, value, minimum, offer)
    elif top is not None and value >= top:
        status = CriterionStatus.MET
        explanation = msg(
            gettext_noop("The offer meets the qualifying salary at any age ({top} or more)."), top=sgd(top)
        )
    elif sector is None:
        gaps.unknown(GIVE_SECTOR)
        status, explanation = CriterionStatus.UNKNOWN, SECTOR_DECIDES
    elif age is not None and age <= p.qs_min_age:
        status, explanation = CriterionStatus.MET, YOUNG_MINIMUM
    elif age is not None and age >= p.qs_top_age and top is not None:
        status = CriterionStatus.NOT_MET
        explanation = msg(
            gettext_noop("At age {age} and over the qualifying salary is {top}."),
            age=p.qs_top_age,
            top=sgd(top),
        )
        _salary_gap(gaps, value, top, offer)
    elif age is None:
        # Between the bottom and the top of the age scale the age decides: it is asked for.
        gaps.unknown(GIVE_BIRTH)
        status, explanation = CriterionStatus.UNKNOWN, AGE_DECIDES
    else:
        status, explanation = CriterionStatus.REVIEW, PER_AGE_TABLE

    def texts() -> tuple[Message, Message, Message]:
        requirement = msg(
            gettext_noop(
                "A fixed monthly salary offer of at least the qualifying salary for your age and sector: from "
                "{minimum} (financial services {minimum_fs}) at age {young} or younger, rising with age"
            ),
            minimum=sgd(p.qs_min_sgd),
            minimum_fs=sgd(p.qs_min_financial_sgd),
            young=p.qs_min_age,
        )
        return requirement, offer.actual, explanation

    return Criterion(version=version, code="qualifying_salary", status=status, texts=texts)


def _salary_gap(gaps: Gaps, value: Decimal, threshold: Decimal, offer: MoneyCheck) -> None:
    gaps.failed(
        gap(value, threshold),
        lambda: msg(
            gettext_noop("A fixed monthly salary offer of {threshold} or more (your offer is {actual})"),
            threshold=sgd(threshold),
            actual=offer.actual,
        ),
    )


def _band(value: Decimal | None, top: Decimal, mid: Decimal) -> int | None:
    if value is None:
        return None
    return 20 if value >= top else 10 if value >= mid else 0


def compass_points(ctx: Context, c: Compass) -> list[tuple[Message, int | None, int]]:
    """(factor, points or None if unknown, max) for C1..C6."""
    details = ctx.profile.singapore_job_offer
    facts = details.compass if details else None
    if facts is None:
        return [
            (C1, None, 20),
            (C2, None, 20),
            (C3, None, 20),
            (C4, None, 20),
            (C5, None, c.sol_bonus),
            (C6, None, c.sep_bonus),
        ]
    share = facts.nationality_share_of_pmets
    pmets = facts.employer_pmet_count
    small = None if pmets is None else pmets < c.small_firm_pmets
    c1 = _band(facts.c1_salary_percentile, c.c1_top_percentile, c.c1_mid_percentile)
    c2 = None if facts.qualification_tier is None else C2_POINTS[facts.qualification_tier]
    c3: int | None
    c4: int | None
    if small:
        c3 = c4 = 10
    else:
        c3 = None if share is None else 20 if share < c.c3_top_share else 10 if share < c.c3_mid_share else 0
        c4 = _band(facts.local_pmet_share_percentile, c.c4_top_percentile, c.c4_mid_percentile)
        if small is None:  # a small firm would score 10 and 10 whatever the shares
            c3 = c3 if c3 == 10 else None
            c4 = c4 if c4 == 10 else None
    sol = facts.shortage_occupation
    c5: int | None
    if sol is None:
        c5 = None
    elif not sol:
        c5 = 0
    elif share is None:
        c5 = None
    else:
        c5 = c.sol_bonus_reduced if share >= c.sol_reduced_share else c.sol_bonus
    c6 = None if facts.sep_firm is None else (c.sep_bonus if facts.sep_firm else 0)
    return [
        (C1, c1, 20),
        (C2, c2, 20),
        (C3, c3, 20),
        (C4, c4, 20),
        (C5, c5, c.sol_bonus),
        (C6, c6, c.sep_bonus),
    ]


def _compass(
    ctx: Context, version: RuleVersion[Any], c: Compass, offer: MoneyCheck, gaps: Gaps
) -> tuple[Criterion, Points | None]:
    def requirement() -> Message:
        return msg(
            gettext_noop(
                "COMPASS: at least {pass_mark} points, unless the fixed monthly salary offer is {exempt} or more"
            ),
            pass_mark=c.pass_mark,
            exempt=sgd(c.exempt_fixed_salary_sgd),
        )

    if offer.value is not None and offer.value >= c.exempt_fixed_salary_sgd:

        def exempt_texts() -> tuple[Message, Message, Message]:
            return (
                requirement(),
                offer.actual,
                msg(
                    gettext_noop("Exempt from COMPASS: the offer is at or above {exempt}."),
                    exempt=sgd(c.exempt_fixed_salary_sgd),
                ),
            )

        return Criterion(
            version=version, code="compass", status=CriterionStatus.MET, texts=exempt_texts
        ), None
    scored = compass_points(ctx, c)
    known = most = 0  # points proven, and the most the unknown factors could make
    for _, value, top in scored:
        if value is None:
            most += top
        else:
            known += value
            most += value
    points = Points(total=known, pass_mark=c.pass_mark, category=None, rows=scored)
    if known >= c.pass_mark:
        status = CriterionStatus.MET
    elif most < c.pass_mark:
        status = CriterionStatus.NOT_MET
        gaps.failed(
            gap(known, c.pass_mark),
            lambda: msg(
                gettext_noop(
                    "{needed} more COMPASS points (you have {points} of {pass_mark}), for example a salary at or "
                    "above the sector's 65th percentile (C1) or a role on the Shortage Occupation List (C5); or an "
                    "offer of {exempt} or more, which is exempt"
                ),
                needed=c.pass_mark - known,
                points=known,
                pass_mark=c.pass_mark,
                exempt=sgd(c.exempt_fixed_salary_sgd),
            ),
        )
    else:
        status = CriterionStatus.UNKNOWN
        gaps.unknown(GIVE_COMPASS)

    def texts() -> tuple[Message, Message, Message]:
        explanation = C4_NOTE
        if status is CriterionStatus.UNKNOWN:
            explanation = msg(
                gettext_noop(
                    "{points} points are certain and up to {most} are possible; the unknown factors decide."
                ),
                points=known,
                most=most,
            )
        return requirement(), msg(gettext_noop("{points} points"), points=known), explanation

    return Criterion(version=version, code="compass", status=status, texts=texts), points
