"""Employment Pass: a Singapore job offer, stage 1 qualifying salary, stage 2 COMPASS."""

from __future__ import annotations

from decimal import Decimal

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.result import Criterion, PathwayResult, Points, PointsFactor, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.sg_employment_pass import BOOK, Compass, EmploymentPassParams

from .common import (
    MET,
    NOT_GIVEN,
    NOT_MET,
    REVIEW,
    UNKNOWN,
    Context,
    Gaps,
    MoneyCheck,
    finish,
    gap,
    money_in,
    sgd,
)

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

FACTORS = {
    "C1": msg(gettext_noop("C1 Salary")),
    "C2": msg(gettext_noop("C2 Qualifications")),
    "C3": msg(gettext_noop("C3 Diversity")),
    "C4": msg(gettext_noop("C4 Support for local employment")),
    "C5": msg(gettext_noop("C5 Skills bonus (Shortage Occupation List)")),
    "C6": msg(gettext_noop("C6 Strategic economic priorities bonus")),
}


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    assert version.params is not None  # the Employment Pass is open in every encoded window
    return _evaluate(ctx, version, version.params)


def _job_offer(ctx: Context, version: RuleVersion[EmploymentPassParams], gaps: Gaps) -> Criterion:
    has_offer = ctx.profile.has_singapore_job_offer
    if has_offer is False:
        gaps.failed(1.0, msg(gettext_noop("A job offer from a Singapore employer")))
        status, actual = NOT_MET, msg(gettext_noop("no"))
    elif has_offer is None:
        gaps.unknown(msg(gettext_noop("Whether you have a job offer from a Singapore employer")))
        status, actual = UNKNOWN, NOT_GIVEN
    else:
        status, actual = MET, msg(gettext_noop("yes"))
    return Criterion(
        "job_offer",
        status,
        msg(gettext_noop("A job offer from a Singapore employer, who applies for the pass")),
        actual,
        msg(gettext_noop("The Employment Pass is employer-sponsored.")),
        version.source_for("job_offer"),
    )


def _qualifying_salary(
    ctx: Context,
    version: RuleVersion[EmploymentPassParams],
    p: EmploymentPassParams,
    offer: MoneyCheck,
    gaps: Gaps,
) -> Criterion:
    sector = ctx.profile.singapore_job_offer.sector if ctx.profile.singapore_job_offer else None
    age = ctx.age
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
    requirement = msg(
        gettext_noop(
            "A fixed monthly salary offer of at least the qualifying salary for your age and sector: from {minimum} "
            "(financial services {minimum_fs}) at age {young} or younger, rising with age"
        ),
        minimum=sgd(p.qs_min_sgd),
        minimum_fs=sgd(p.qs_min_financial_sgd),
        young=p.qs_min_age,
    )
    source = version.source_for("qualifying_salary")
    if offer.value is None:
        gaps.unknown(msg(gettext_noop("The fixed monthly salary in your Singapore offer")))
        return Criterion(
            "qualifying_salary",
            UNKNOWN,
            requirement,
            offer.actual,
            offer.missing_rate or msg(gettext_noop("The offered fixed monthly salary is needed.")),
            source,
        )
    value = offer.value
    if value < minimum:
        gaps.failed(
            gap(value, minimum),
            msg(
                gettext_noop("A fixed monthly salary offer of {threshold} or more (your offer is {actual})"),
                threshold=sgd(minimum),
                actual=offer.actual,
            ),
        )
        return Criterion(
            "qualifying_salary",
            NOT_MET,
            requirement,
            offer.actual,
            msg(gettext_noop("The offer is below the lowest qualifying salary for any age.")),
            source,
        )
    if top is not None and value >= top:
        return Criterion(
            "qualifying_salary",
            MET,
            requirement,
            offer.actual,
            msg(
                gettext_noop("The offer meets the qualifying salary at any age ({top} or more)."),
                top=sgd(top),
            ),
            source,
        )
    if sector is None:
        gaps.unknown(msg(gettext_noop("The sector of the Singapore job (financial services or other)")))
        return Criterion(
            "qualifying_salary",
            UNKNOWN,
            requirement,
            offer.actual,
            msg(gettext_noop("The qualifying salary depends on whether the job is in financial services.")),
            source,
        )
    if age is not None and age <= p.qs_min_age:
        return Criterion(
            "qualifying_salary",
            MET,
            requirement,
            offer.actual,
            msg(gettext_noop("At your age the minimum qualifying salary applies.")),
            source,
        )
    if age is not None and age >= p.qs_top_age and top is not None:
        gaps.failed(
            gap(value, top),
            msg(
                gettext_noop("A fixed monthly salary offer of {threshold} or more (your offer is {actual})"),
                threshold=sgd(top),
                actual=offer.actual,
            ),
        )
        return Criterion(
            "qualifying_salary",
            NOT_MET,
            requirement,
            offer.actual,
            msg(
                gettext_noop("At age {age} and over the qualifying salary is {top}."),
                age=p.qs_top_age,
                top=sgd(top),
            ),
            source,
        )
    return Criterion(
        "qualifying_salary",
        REVIEW,
        requirement,
        offer.actual,
        msg(
            gettext_noop(
                "The offer is between the minimum and the top of the age scale: MOM's per-age table decides; use MOM's "
                "Self-Assessment Tool."
            )
        ),
        source,
    )


def _band(value: Decimal | None, top: Decimal, mid: Decimal) -> int | None:
    if value is None:
        return None
    return 20 if value >= top else 10 if value >= mid else 0


def _compass(
    ctx: Context, version: RuleVersion[EmploymentPassParams], c: Compass, offer: MoneyCheck, gaps: Gaps
) -> tuple[Criterion, Points | None]:
    requirement = msg(
        gettext_noop(
            "COMPASS: at least {pass_mark} points, unless the fixed monthly salary offer is {exempt} or more"
        ),
        pass_mark=c.pass_mark,
        exempt=sgd(c.exempt_fixed_salary_sgd),
    )
    source = version.source_for("compass")
    if offer.value is not None and offer.value >= c.exempt_fixed_salary_sgd:
        return (
            Criterion(
                "compass",
                MET,
                requirement,
                offer.actual,
                msg(
                    gettext_noop("Exempt from COMPASS: the offer is at or above {exempt}."),
                    exempt=sgd(c.exempt_fixed_salary_sgd),
                ),
                source,
            ),
            None,
        )
    offer_facts = ctx.profile.singapore_job_offer
    facts = offer_facts.compass if offer_facts else None
    share = facts.nationality_share_of_pmets if facts else None
    pmets = facts.employer_pmet_count if facts else None
    small = None if pmets is None else pmets < c.small_firm_pmets
    c1 = _band(facts.c1_salary_percentile if facts else None, c.c1_top_percentile, c.c1_mid_percentile)
    tier = facts.qualification_tier if facts else None
    c2 = None if tier is None else {"top_tier": 20, "degree": 10, "none": 0}[tier]
    if small:
        c3: int | None = 10
        c4: int | None = 10
    else:
        c3 = None if share is None else 20 if share < c.c3_top_share else 10 if share < c.c3_mid_share else 0
        local = facts.local_pmet_share_percentile if facts else None
        c4 = _band(local, c.c4_top_percentile, c.c4_mid_percentile)
        if small is None:  # a small firm would score 10/10 whatever the shares
            c3 = c3 if c3 == 10 else None
            c4 = c4 if c4 == 10 else None
    sol = facts.shortage_occupation if facts else None
    if sol is None:
        c5: int | None = None
    elif not sol:
        c5 = 0
    elif share is None:
        c5 = None
    else:
        c5 = c.sol_bonus_reduced if share >= c.sol_reduced_share else c.sol_bonus
    sep = facts.sep_firm if facts else None
    c6 = None if sep is None else (c.sep_bonus if sep else 0)
    scored = [
        ("C1", c1, 20),
        ("C2", c2, 20),
        ("C3", c3, 20),
        ("C4", c4, 20),
        ("C5", c5, c.sol_bonus),
        ("C6", c6, c.sep_bonus),
    ]
    known = sum(points for _, points, _ in scored if points is not None)
    most = sum(points if points is not None else top for _, points, top in scored)
    points = Points(
        total=known,
        pass_mark=c.pass_mark,
        category=None,
        breakdown=[PointsFactor(FACTORS[name], value, top) for name, value, top in scored],
    )
    actual = msg(gettext_noop("{points} points"), points=known)
    note = msg(
        gettext_noop("The C4 lower band (20th percentile) comes from law-firm sources; verify on MOM's page.")
    )
    if known >= c.pass_mark:
        return Criterion("compass", MET, requirement, actual, note, source), points
    if most < c.pass_mark:
        gaps.failed(
            gap(known, c.pass_mark),
            msg(
                gettext_noop(
                    "{needed} more COMPASS points (you have {points} of {pass_mark}), for example a salary at or above "
                    "the sector's 65th percentile (C1) or a role on the Shortage Occupation List (C5); or an offer of "
                    "{exempt} or more, which is exempt"
                ),
                needed=c.pass_mark - known,
                points=known,
                pass_mark=c.pass_mark,
                exempt=sgd(c.exempt_fixed_salary_sgd),
            ),
        )
        return Criterion("compass", NOT_MET, requirement, actual, note, source), points
    gaps.unknown(msg(gettext_noop("The COMPASS facts marked unknown in the points breakdown")))
    return (
        Criterion(
            "compass",
            UNKNOWN,
            requirement,
            actual,
            msg(
                gettext_noop(
                    "{points} points are certain and up to {most} are possible; the unknown factors decide."
                ),
                points=known,
                most=most,
            ),
            source,
        ),
        points,
    )


def _evaluate(
    ctx: Context, version: RuleVersion[EmploymentPassParams], p: EmploymentPassParams
) -> PathwayResult:
    gaps = Gaps()
    profile = ctx.profile
    offer_salary = profile.singapore_job_offer.monthly_fixed_salary if profile.singapore_job_offer else None
    offer = money_in(ctx, offer_salary if profile.has_singapore_job_offer is not False else None, "SGD")
    criteria = [_job_offer(ctx, version, gaps)]
    points = None
    if profile.has_singapore_job_offer is not False:
        criteria.append(_qualifying_salary(ctx, version, p, offer, gaps))
        if p.compass is not None:
            compass, points = _compass(ctx, version, p.compass, offer, gaps)
            criteria.append(compass)
    result = finish(version, all_required(criteria), criteria, gaps, DOCUMENTS, ctx)
    result.points = points
    return result
