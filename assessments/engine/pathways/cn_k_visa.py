"""China K visa: young, and a STEM degree from or STEM work at a well-known institution (indicative)."""

from __future__ import annotations

from typing import Any

from assessments.engine.messages import Message, gettext_noop, msg
from assessments.engine.profile import Education, Role
from assessments.engine.result import Criterion, CriterionStatus, Outcome, PathwayResult, all_required
from assessments.engine.rules.base import RuleVersion
from assessments.engine.rules.cn_k_visa import BOOK, KVisaParams

from .common import NOT_GIVEN, Context, Gaps, Tri, all3, any3, any3_of, finish, not_open, status_of

DOCUMENTS: dict[str, tuple[Message, ...]] = {
    "stem_talent": (
        msg(gettext_noop("Degree certificate and transcript (STEM bachelor's or higher)")),
        msg(gettext_noop("Proof of current STEM teaching or research work, if you rely on it")),
    ),
}

SUMMARIES = {
    Outcome.NEEDS_REVIEW: msg(
        gettext_noop(
            "A consultant must judge at least one K visa criterion: the published rules give no figures for it. "
            "The K visa is not a work permit."
        )
    ),
    Outcome.LIKELY_ELIGIBLE: msg(
        gettext_noop(
            "You appear to meet the reported K visa criteria; this is indicative only, and the K visa is not a work "
            "permit."
        )
    ),
    Outcome.NOT_ELIGIBLE: msg(
        gettext_noop(
            "You do not meet the reported K visa criteria on these facts; the K visa is not a work permit in any case."
        )
    ),
    Outcome.INSUFFICIENT_INFORMATION: msg(
        gettext_noop(
            "Some facts needed for the K visa are missing; note that the K visa is not a work permit."
        )
    ),
}
GIVE_BIRTH = msg(gettext_noop("Your date of birth"))
STEM_REQUIREMENT = msg(
    gettext_noop(
        "A STEM bachelor's degree or higher from a well-known university or research institution, or current STEM "
        "teaching or research at one"
    )
)
GIVE_STEM = msg(
    gettext_noop("Your degrees (level, field, institution) and current teaching or research work")
)
GRADUATE = msg(gettext_noop("STEM degree from a well-known institution"))
WORKING = msg(gettext_noop("STEM teaching or research at a well-known institution"))
NEITHER = msg(gettext_noop("neither shown"))
NO_LIST = msg(gettext_noop("No official list of well-known institutions is published; the embassy judges."))
RESEARCH_ORGANISATIONS = frozenset({"university", "research_institute"})


def evaluate(ctx: Context) -> PathwayResult:
    version = BOOK.select(ctx.as_of, ctx.profile.application_type)
    params = version.params
    if params is None:
        return not_open(version, ctx)
    gaps = Gaps()
    criteria = [_age(ctx, version, params, gaps), _stem(ctx, version, params, gaps)]
    outcome = all_required(criteria)
    summary_outcome = Outcome.LIKELY_ELIGIBLE if outcome is Outcome.ELIGIBLE else outcome
    return finish(version, outcome, criteria, gaps, DOCUMENTS, ctx, summary=SUMMARIES.get(summary_outcome))


def _age(ctx: Context, version: RuleVersion[Any], params: KVisaParams, gaps: Gaps) -> Criterion:
    age = ctx.age
    low, high = params.min_age, params.max_age
    verdict: Tri = None if age is None else low <= age <= high
    # The band is reported, not published (Decree 814 and the ministries' Q&A give no figures): outside it a
    # consultant judges; the engine never refuses on it.
    status = CriterionStatus.REVIEW if verdict is False else status_of(verdict)
    if verdict is None:
        gaps.unknown(GIVE_BIRTH)

    def texts() -> tuple[Message, Message, Message]:
        return (
            msg(gettext_noop("Aged {low} to {high} (reported range, unconfirmed)"), low=low, high=high),
            NOT_GIVEN if age is None else msg(gettext_noop("{age} years old"), age=age),
            msg(
                gettext_noop(
                    "The official age range is not published; {low}-{high} is the widely reported figure."
                ),
                low=low,
                high=high,
            )
            if verdict is not False
            else msg(
                gettext_noop(
                    "Your age is outside the reported {low}-{high} range, but no official range is published: a "
                    "consultant must judge whether you count as young."
                ),
                low=low,
                high=high,
            ),
        )

    return Criterion(version=version, code="age", status=status, texts=texts, cap=Outcome.LIKELY_ELIGIBLE)


def _stem(ctx: Context, version: RuleVersion[Any], params: KVisaParams, gaps: Gaps) -> Criterion:
    profile = ctx.profile
    levels = params.degree_levels

    def degree(e: Education) -> Tri:
        return all3(
            None if e.level is None else e.level in levels,
            None if e.field is None else e.field == "stem",
            e.well_known_institution,
        )

    def engaged(r: Role) -> Tri:
        kind = r.organisation_type
        return all3(
            r.end is None,
            r.stem_teaching_or_research,
            r.organisation_well_known,
            None if kind is None else kind in RESEARCH_ORGANISATIONS,
        )

    graduate: Tri = None if profile.education is None else any3_of([degree(e) for e in profile.education])
    working: Tri = None if profile.roles is None else any3_of([engaged(r) for r in profile.roles])
    verdict = any3(graduate, working)
    if verdict is False:
        gaps.failed(1.0, STEM_REQUIREMENT)
    elif verdict is None:
        gaps.unknown(GIVE_STEM)
    actual = GRADUATE if graduate else WORKING if working else NEITHER if verdict is False else NOT_GIVEN
    texts = (STEM_REQUIREMENT, actual, NO_LIST)
    return Criterion(
        version=version,
        code="stem_talent",
        status=status_of(verdict),
        texts=lambda: texts,
        cap=Outcome.LIKELY_ELIGIBLE,
    )
