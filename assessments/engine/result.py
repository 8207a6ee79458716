"""What an assessment returns: outcomes, criteria, points, what-ifs and documents (contract §2).

Results are slots dataclasses holding raw `Message`s; `to_data()` makes them JSON-able (msgids plus
parameters) and `render_assessment()` (render.py) turns that into the contract's plain-text shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from assessments.engine.messages import Message


class Outcome(StrEnum):
    """Pathway outcome words, best first (the order routes are combined in)."""

    ELIGIBLE = "eligible"
    LIKELY_ELIGIBLE = "likely_eligible"
    NEEDS_REVIEW = "needs_review"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    NOT_ELIGIBLE = "not_eligible"
    NOT_OPEN = "not_open"


class CriterionStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    REVIEW = "review"


RANK: dict[Outcome, int] = {outcome: rank for rank, outcome in enumerate(Outcome)}


def best(*outcomes: Outcome) -> Outcome:
    """The best of several routes' outcomes (contract: eligible > likely > review > unknown > not)."""
    return min(outcomes, key=RANK.__getitem__)


def capped(outcome: Outcome, cap: Outcome) -> Outcome:
    """`outcome`, but never better than `cap` (e.g. unconfirmed rules give at most likely_eligible)."""
    return cap if RANK[outcome] < RANK[cap] else outcome


@dataclass(slots=True)
class Criterion:
    """One criterion's verdict. `cap` is the best outcome this criterion allows when met."""

    code: str
    status: CriterionStatus
    requirement: Message
    actual: Message
    explanation: Message
    source: str
    cap: Outcome = Outcome.ELIGIBLE

    def to_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status.value,
            "requirement": self.requirement.to_data(),
            "actual": self.actual.to_data(),
            "explanation": self.explanation.to_data(),
            "source": self.source,
        }


def all_required(criteria: list[Criterion]) -> Outcome:
    """All criteria required: the worst decides (not_met > unknown > review), then the caps apply."""
    statuses = {c.status for c in criteria}
    if CriterionStatus.NOT_MET in statuses:
        return Outcome.NOT_ELIGIBLE
    if CriterionStatus.UNKNOWN in statuses:
        return Outcome.INSUFFICIENT_INFORMATION
    outcome = Outcome.NEEDS_REVIEW if CriterionStatus.REVIEW in statuses else Outcome.ELIGIBLE
    for criterion in criteria:
        outcome = capped(outcome, criterion.cap)
    return outcome


@dataclass(slots=True)
class PointsFactor:
    """One factor of a points test; `points` None = a fact it needs is unknown."""

    factor: Message
    points: int | None
    max: int

    def to_data(self) -> dict[str, Any]:
        return {"factor": self.factor.to_data(), "points": self.points, "max": self.max}


@dataclass(slots=True)
class Points:
    total: int
    pass_mark: int
    category: str | None
    breakdown: list[PointsFactor]

    def to_data(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "pass_mark": self.pass_mark,
            "category": self.category,
            "breakdown": [f.to_data() for f in self.breakdown],
        }


@dataclass(slots=True)
class PathwayResult:
    pathway: str
    outcome: Outcome
    rule_version: str
    summary: Message
    criteria: list[Criterion] = field(default_factory=list)
    what_if: list[Message] = field(default_factory=list)
    documents: list[Message] = field(default_factory=list)
    points: Points | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "pathway": self.pathway,
            "outcome": self.outcome.value,
            "rule_version": self.rule_version,
            "summary": self.summary.to_data(),
            "criteria": [c.to_data() for c in self.criteria],
            "what_if": [m.to_data() for m in self.what_if],
            "documents": [m.to_data() for m in self.documents],
        }
        if self.points is not None:
            data["points"] = self.points.to_data()
        return data


@dataclass(slots=True)
class Assessment:
    """All eight pathway results for one profile, plus every exchange rate used and its date."""

    as_of: date
    engine_version: str
    results: list[PathwayResult]
    exchange_rates: dict[str, Decimal]
    exchange_rate_dates: dict[str, date]

    def result(self, pathway: str) -> PathwayResult:
        for result in self.results:
            if result.pathway == pathway:
                return result
        raise KeyError(pathway)

    def to_data(self) -> dict[str, Any]:
        """JSON-able: the contract shape with every human text as `{"id": msgid, "params": {...}}`."""
        return {
            "as_of": self.as_of.isoformat(),
            "engine_version": self.engine_version,
            "results": [r.to_data() for r in self.results],
            "exchange_rates": {pair: str(rate) for pair, rate in sorted(self.exchange_rates.items())},
            "exchange_rate_dates": {
                pair: d.isoformat() for pair, d in sorted(self.exchange_rate_dates.items())
            },
        }

    def to_contract(self) -> dict[str, Any]:
        """The exact contract JSON, in English."""
        from assessments.engine.render import render_assessment

        return render_assessment(self.to_data())
