"""Turn an assessment (the contract's JSON, already in the active language) into what the result page shows.

The engine decides; this module only orders, groups and labels: calibrated headline words, the best
route per country, the other routes ranked, and one document checklist for the routes that fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .pathway_facts import CHINA, FACTS, SINGAPORE, PathwayFacts, pathway_name

# Best first, as the contract orders outcomes when it combines routes.
OUTCOME_RANK = {
    "eligible": 0,
    "likely_eligible": 1,
    "needs_review": 2,
    "insufficient_information": 3,
    "not_eligible": 4,
    "not_open": 5,
}
FITTING = {"eligible", "likely_eligible", "needs_review"}


@dataclass(frozen=True)
class Headline:
    label: Promise
    meaning: Promise
    tone: str  # Bootstrap colour name for the badge and border


HEADLINES: dict[str, Headline] = {
    "eligible": Headline(
        _("Eligible"), _("Every published criterion is met on the facts you gave."), "success"
    ),
    "likely_eligible": Headline(
        _("Likely eligible — verify"),
        _(
            "The criteria look met, but one rests on a judgement only the authority makes or on an unconfirmed rule."
        ),
        "success",
    ),
    "needs_review": Headline(
        _("Needs a consultant's review"),
        _("This route depends on a judgement a consultant should make with you."),
        "warning",
    ),
    "insufficient_information": Headline(
        _("More information needed"),
        _("We cannot tell yet: a fact this route needs is missing. The criteria below say which."),
        "secondary",
    ),
    "not_eligible": Headline(
        _("Not eligible on these facts"),
        _("At least one required criterion is clearly not met; see why below and what would change it."),
        "danger",
    ),
    "not_open": Headline(
        _("Not open yet"), _("This route takes no new applications on the date assessed."), "secondary"
    ),
}

CRITERION_STATUS = {
    "met": (_("Met"), "success"),
    "not_met": (_("Not met"), "danger"),
    "unknown": (_("Unknown"), "secondary"),
    "review": (_("For review"), "warning"),
}


@dataclass
class CriterionView:
    code: str
    status: str
    status_label: str
    tone: str
    requirement: str
    actual: str
    explanation: str
    source: str


@dataclass(frozen=True)
class HeadlineText:
    """A headline in the active language (resolved once per page, not once per use)."""

    label: str
    meaning: str
    tone: str


@dataclass
class PathwayView:
    code: str
    name: str
    outcome: str
    headline: HeadlineText
    summary: str
    rule_version: str
    criteria: list[CriterionView]
    what_if: list[str]
    documents: list[str]
    points: dict[str, Any] | None
    facts: PathwayFacts | None

    @property
    def rank(self) -> int:
        return OUTCOME_RANK.get(self.outcome, len(OUTCOME_RANK))


@dataclass
class ResultView:
    as_of: date | None
    pathways: list[PathwayView]
    best: dict[str, PathwayView | None] = field(default_factory=dict)
    others: list[PathwayView] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    exchange_rates: dict[str, Any] = field(default_factory=dict)

    @property
    def best_singapore(self) -> PathwayView | None:
        return self.best.get(SINGAPORE)

    @property
    def best_china(self) -> PathwayView | None:
        return self.best.get(CHINA)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        # A source may come as an object (title, url, date): show what a reader needs.
        return " · ".join(str(v) for v in value.values() if v)
    return str(value)


def _headline(outcome: str) -> HeadlineText:
    headline = HEADLINES.get(outcome, HEADLINES["insufficient_information"])
    return HeadlineText(str(headline.label), str(headline.meaning), headline.tone)


def _criterion(data: dict[str, Any]) -> CriterionView:
    status = str(data.get("status", "unknown"))
    label, tone = CRITERION_STATUS.get(status, CRITERION_STATUS["unknown"])
    return CriterionView(
        code=str(data.get("code", "")),
        status=status,
        status_label=str(label),
        tone=tone,
        requirement=_text(data.get("requirement")),
        actual=_text(data.get("actual")),
        explanation=_text(data.get("explanation")),
        source=_text(data.get("source")),
    )


def _pathway(data: dict[str, Any]) -> PathwayView:
    code = str(data["pathway"])
    outcome = str(data["outcome"])
    return PathwayView(
        code=code,
        name=pathway_name(code),
        outcome=outcome,
        headline=_headline(outcome),
        summary=_text(data.get("summary")),
        rule_version=_text(data.get("rule_version")),
        criteria=[_criterion(c) for c in data.get("criteria", [])],
        what_if=[_text(w) for w in data.get("what_if", [])],
        documents=[_text(d) for d in data.get("documents", [])],
        points=data.get("points"),
        facts=FACTS.get(code),
    )


def present(assessment: dict[str, Any]) -> ResultView:
    """Group and rank an assessment for the result page. Order within a rank keeps the contract's order."""
    pathways = [_pathway(p) for p in assessment.get("results", [])]
    ranked = sorted(pathways, key=lambda p: p.rank)
    best: dict[str, PathwayView | None] = {}
    for country in (SINGAPORE, CHINA):
        in_country = [p for p in ranked if p.facts is not None and p.facts.country == country]
        best[country] = in_country[0] if in_country else None
    chosen = {p.code for p in best.values() if p is not None}
    fitting = [p for p in ranked if p.outcome in FITTING] or [p for p in best.values() if p is not None]
    documents: list[str] = []
    for pathway in fitting:
        for document in pathway.documents:
            if document not in documents:
                documents.append(document)
    return ResultView(
        as_of=date.fromisoformat(assessment["as_of"]) if assessment.get("as_of") else None,
        pathways=pathways,
        best=best,
        others=[p for p in ranked if p.code not in chosen],
        documents=documents,
        exchange_rates=dict(assessment.get("exchange_rates", {})),
    )
