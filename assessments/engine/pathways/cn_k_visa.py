"""China K visa: young, and a STEM degree from or STEM work at a well-known institution (indicative)."""

from __future__ import annotations

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Education, Role
from assessments.engine.result import Criterion, Outcome, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.cn_k_visa import BOOK, KVisaParams

from .common import NOT_GIVEN, Context, Gaps, Tri, all3, any3, finish, not_open, status_of

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "stem_talent": (
        msg(gettext_noop("Degree certificate and transcript (STEM bachelor's or higher)")),
        msg(gettext_noop("Proof of current STEM teaching or research work, if you rely on it")),
    ),
}

SUMMARIES = {
    Outcome.LIKELY_ELIGIBLE: gettext_noop(
        "You appear to meet the reported K visa criteria; this is indicative only, and the K visa is not a work permit."
    ),
    Outcome.NOT_ELIGIBLE: gettext_noop(
        "You do not meet the reported K visa criteria on these facts; the K visa is not a work permit in any case."
    ),
    Outcome.INSUFFICIENT_INFORMATION: gettext_noop(
        "Some facts needed for the K visa are missing; note that the K visa is not a work permit."
    ),
}


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    if version.params is None:
        return not_open(
            version,
            ctx,
            msg(
                gettext_noop("The K visa exists from 1 October 2025; it takes no applications on {as_of}."),
                as_of=ctx.as_of,
            ),
        )
    return _evaluate(ctx, version, version.params)


def _age(ctx: Context, version: RuleVersion[KVisaParams], params: KVisaParams, gaps: Gaps) -> Criterion:
    age = ctx.age
    verdict: Tri = None if age is None else params.min_age <= age <= params.max_age
    if verdict is False:
        gaps.failed(
            1.0, msg(gettext_noop("An age between {low} and {high}"), low=params.min_age, high=params.max_age)
        )
    elif verdict is None:
        gaps.unknown(msg(gettext_noop("Your date of birth")))
    return Criterion(
        "age",
        status_of(verdict),
        msg(
            gettext_noop("Aged {low} to {high} (reported range, unconfirmed)"),
            low=params.min_age,
            high=params.max_age,
        ),
        NOT_GIVEN if age is None else msg(gettext_noop("{age} years old"), age=age),
        msg(
            gettext_noop(
                "The official age range is not published; {low}-{high} is the widely reported figure."
            ),
            low=params.min_age,
            high=params.max_age,
        ),
        version.source_for("age"),
        cap=Outcome.LIKELY_ELIGIBLE,
    )


def _stem(ctx: Context, version: RuleVersion[KVisaParams], params: KVisaParams, gaps: Gaps) -> Criterion:
    profile = ctx.profile

    def degree(e: Education) -> Tri:
        return all3(
            e.level in params.degree_levels if e.level is not None else None,
            e.field == "stem" if e.field is not None else None,
            e.well_known_institution,
        )

    def engaged(r: Role) -> Tri:
        kind = r.organisation_type
        return all3(
            r.end is None,
            r.stem_teaching_or_research,
            r.organisation_well_known,
            kind in ("university", "research_institute") if kind is not None else None,
        )

    graduate: Tri = None if profile.education is None else any3(*(degree(e) for e in profile.education))
    working: Tri = None if profile.roles is None else any3(*(engaged(r) for r in profile.roles))
    verdict = any3(graduate, working)
    if verdict is False:
        gaps.failed(
            1.0,
            msg(
                gettext_noop(
                    "A STEM bachelor's degree or higher from a well-known university or research institution, or "
                    "current STEM teaching or research at one"
                )
            ),
        )
    elif verdict is None:
        gaps.unknown(
            msg(
                gettext_noop("Your degrees (level, field, institution) and current teaching or research work")
            )
        )
    actual = (
        msg(gettext_noop("STEM degree from a well-known institution"))
        if graduate
        else msg(gettext_noop("STEM teaching or research at a well-known institution"))
        if working
        else msg(gettext_noop("neither shown"))
        if verdict is False
        else NOT_GIVEN
    )
    return Criterion(
        "stem_talent",
        status_of(verdict),
        msg(
            gettext_noop(
                "A STEM bachelor's degree or higher from a well-known university or research institution, or current "
                "STEM teaching or research at one"
            )
        ),
        actual,
        msg(gettext_noop("No official list of well-known institutions is published; the embassy judges.")),
        version.source_for("stem_talent"),
        cap=Outcome.LIKELY_ELIGIBLE,
    )


def _evaluate(ctx: Context, version: RuleVersion[KVisaParams], params: KVisaParams) -> PathwayResult:
    gaps = Gaps()
    criteria = [_age(ctx, version, params, gaps), _stem(ctx, version, params, gaps)]
    outcome = all_required(criteria)
    summary_id = SUMMARIES.get(outcome if outcome is not Outcome.ELIGIBLE else Outcome.LIKELY_ELIGIBLE)
    summary = msg(summary_id) if summary_id else None
    return finish(version, outcome, criteria, gaps, DOCUMENTS, ctx, summary=summary)
