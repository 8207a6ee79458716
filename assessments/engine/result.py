"""What an assessment returns: outcomes, criteria, points, what-ifs and documents (contract §2).

Results are slots dataclasses holding raw `Message`s. `to_data()` makes them JSON-able with every text as
its msgid plus parameters (a snapshot, worded later by `render_assessment()` in render.py); `to_contract()`
writes the same shape with every text worded at once, in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import partial
from typing import Any, Protocol

from assessments.engine.messages import Amount, Message, decimal_to_str
from assessments.engine.render import Catalogue, Translate, catalogue_of, message_text, untranslated


class Outcome(StrEnum):
    """Pathway outcome words, best first (the order routes are combined in)."""

    ELIGIBLE = "eligible"
    LIKELY_ELIGIBLE = "likely_eligible"
    NEEDS_REVIEW = "needs_review"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    NOT_ELIGIBLE = "not_eligible"
    NOT_OPEN = "not_open"
    # Contract v2: a citizen or permanent resident of the pathway's country needs no visa or pass there.
    NOT_APPLICABLE = "not_applicable"


class CriterionStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    REVIEW = "review"


RANK: dict[Outcome, int] = {outcome: rank for rank, outcome in enumerate(Outcome)}


def best(first: Outcome, second: Outcome) -> Outcome:
    """The better of two routes' outcomes (contract: eligible > likely > review > unknown > not)."""
    return first if RANK[first] <= RANK[second] else second


def capped(outcome: Outcome, cap: Outcome) -> Outcome:
    """`outcome`, but never better than `cap` (e.g. unconfirmed rules give at most likely_eligible)."""
    return cap if RANK[outcome] < RANK[cap] else outcome


Texts = tuple[Message, Message, Message]
# How `to_data()` writes each text: as its msgid and parameters by default, or worded (`to_contract()`).
Write = Callable[[Message], Any]


def as_data(message: Message) -> dict[str, Any]:
    return message.to_data()


class Cited(Protocol):
    """What a criterion's citation comes from: its rule version (rules/base.py `RuleVersion`)."""

    def source_for(self, code: str) -> str: ...


@dataclass(slots=True)
class Criterion:
    """One criterion's verdict under a rule version. `cap` is the best outcome this criterion allows when met.

    The texts (requirement, actual, explanation) are built only when read: `texts` is a zero-argument
    callable returning the three messages, so assessing alone builds no wording. The citation (`source`)
    is likewise looked up in the rule version when read.
    """

    version: Cited = field(repr=False)
    code: str
    status: CriterionStatus
    texts: Callable[[], Texts]
    cap: Outcome = Outcome.ELIGIBLE
    # Contract v2 extension: for a criterion on years that grow with time (an ongoing role), the first day
    # it will be met if nothing else changes (years.py `Career.met_from`); None otherwise.
    met_from: date | None = None

    @property
    def source(self) -> str:
        return self.version.source_for(self.code)

    @property
    def requirement(self) -> Message:
        return self.texts()[0]

    @property
    def actual(self) -> Message:
        return self.texts()[1]

    @property
    def explanation(self) -> Message:
        return self.texts()[2]

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        requirement, actual, explanation = self.texts()
        return {
            "code": self.code,
            "status": self.status.value,
            "requirement": write(requirement),
            "actual": write(actual),
            "explanation": write(explanation),
            "source": self.source,
            **({} if self.met_from is None else {"met_from": self.met_from.isoformat()}),
        }


def all_required(criteria: list[Criterion]) -> Outcome:
    """All criteria required: the worst decides (not_met > unknown > review), then the caps apply."""
    statuses = {criterion.status for criterion in criteria}
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


@dataclass(slots=True)
class Points:
    """A points test. `rows` holds (factor, points or None if unknown, max); `breakdown` gives them as objects."""

    total: int
    pass_mark: int
    category: str | None
    rows: Sequence[tuple[Message, int | None, int]]

    @property
    def breakdown(self) -> list[PointsFactor]:
        return [PointsFactor(factor=factor, points=points, max=top) for factor, points, top in self.rows]

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        return {
            "total": self.total,
            "pass_mark": self.pass_mark,
            "category": self.category,
            "breakdown": [
                {"factor": write(factor), "points": points, "max": top} for factor, points, top in self.rows
            ],
        }


# A what-if entry: a message, or a thunk giving one message or several (e.g. points hints).
LazyMessage = Message | Callable[[], Message | list[Message]]


def _order(entry: tuple[float, LazyMessage]) -> float:
    return entry[0]


def _realise(items: list[tuple[float, LazyMessage]]) -> list[Message]:
    messages: list[Message] = []
    # sorted() is stable: equal order keys keep the order the criteria added them in.
    for _, item in sorted(items, key=_order):
        value = item if isinstance(item, Message) else item()
        if isinstance(value, Message):
            messages.append(value)
        else:
            messages.extend(value)
    return messages


@dataclass(frozen=True, slots=True)
class Change:
    """A dated change of a pathway's rules within the horizon (contract v2 `upcoming_changes`)."""

    effective_on: date
    kind: str  # opens | closes | threshold | criteria
    summary: Message

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        return {
            "effective_on": self.effective_on.isoformat(),
            "kind": self.kind,
            "summary": write(self.summary),
        }


@dataclass(slots=True)
class PathwayResult:
    """One pathway's result. What-ifs and documents are kept in raw form and built when read."""

    pathway: str
    outcome: Outcome
    rule_version: str
    summary: Message
    criteria: list[Criterion] = field(default_factory=list)
    # (order key, message or thunk) in the order added; sorted (stably) when read: smallest change first.
    what_if_items: list[tuple[float, LazyMessage]] = field(default_factory=list)
    # Evidence per criterion code, used for the criteria relied on (not `not_met`).
    document_catalogue: Mapping[str, tuple[Message, ...]] | None = None
    base_documents: tuple[Message, ...] = ()
    points: Points | None = None
    # Contract v2 "Dated changes": the last day new applications are accepted under the version in force
    # (None = no end announced), days left until it (inclusive), and the changes within 12 months.
    deadline: date | None = None
    deadline_days_left: int | None = None
    upcoming_changes: list[Change] = field(default_factory=list)
    # Contract v2 extension: the first of the criteria's `met_from` days on which the pathway, assessed
    # again with the same facts under the rules then in force, fits (eligible or likely eligible).
    eligible_from: date | None = None

    @property
    def what_if(self) -> list[Message]:
        return _realise(self.what_if_items)

    @property
    def documents(self) -> list[Message]:
        if self.document_catalogue is None:
            return []
        seen = {m.id for m in self.base_documents}
        documents = list(self.base_documents)
        for criterion in self.criteria:
            if criterion.status is CriterionStatus.NOT_MET:
                continue
            for message in self.document_catalogue.get(criterion.code, ()):
                if message.id not in seen:
                    seen.add(message.id)
                    documents.append(message)
        return documents

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        data: dict[str, Any] = {
            "pathway": self.pathway,
            "outcome": self.outcome.value,
            "rule_version": self.rule_version,
            "summary": write(self.summary),
            "criteria": [c.to_data(write) for c in self.criteria],
            "what_if": [write(m) for m in self.what_if],
            "documents": [write(m) for m in self.documents],
        }
        if self.points is not None:
            data["points"] = self.points.to_data(write)
        data["deadline"] = None if self.deadline is None else self.deadline.isoformat()
        if self.deadline_days_left is not None:
            data["deadline_days_left"] = self.deadline_days_left
        data["upcoming_changes"] = [change.to_data(write) for change in self.upcoming_changes]
        if self.eligible_from is not None:
            data["eligible_from"] = self.eligible_from.isoformat()
        return data


@dataclass(frozen=True, slots=True)
class Conditional:
    """A route that opens with a job offer. `offer`: the least pay that opens it (None: any offer);
    `per`: "month" or "year"; `points` and `pass_mark`: the points test that offer would give."""

    pathway: str
    condition: Message
    offer: Amount | None
    per: str
    points: int | None
    pass_mark: int | None

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        return {
            "pathway": self.pathway,
            "condition": write(self.condition),
            "offer": None
            if self.offer is None
            else {"amount": decimal_to_str(self.offer.amount), "currency": self.offer.currency},
            "per": self.per,
            "points": self.points,
            "pass_mark": self.pass_mark,
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    overall: str | None
    by_country: dict[str, str | None]  # "SG", "CN" (contract case) -> pathway code or None
    reasons: list[Message]
    next_step: Message
    conditional: list[Conditional] = field(default_factory=list)

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "by_country": dict(self.by_country),
            "reasons": [write(reason) for reason in self.reasons],
            "next_step": write(self.next_step),
            "conditional": [item.to_data(write) for item in self.conditional],
        }


@dataclass(slots=True)
class Assessment:
    """All eight pathway results for one profile, plus every exchange rate used and its date."""

    as_of: date
    engine_version: str
    results: list[PathwayResult]
    exchange_rates: dict[str, Decimal]
    exchange_rate_dates: dict[str, date]
    # Contract v2: set by `assess()` from the results and the profile (recommend.py).
    recommendation: Recommendation | None = None

    def result(self, pathway: str) -> PathwayResult:
        for result in self.results:
            if result.pathway == pathway:
                return result
        raise KeyError(pathway)

    def to_data(self, write: Write = as_data) -> dict[str, Any]:
        """JSON-able: the contract shape with every human text as `{"id": msgid, "params": {...}}`."""
        return {
            "as_of": self.as_of.isoformat(),
            "engine_version": self.engine_version,
            "results": [r.to_data(write) for r in self.results],
            "exchange_rates": {pair: str(rate) for pair, rate in sorted(self.exchange_rates.items())},
            "exchange_rate_dates": {
                pair: d.isoformat() for pair, d in sorted(self.exchange_rate_dates.items())
            },
            **({} if self.recommendation is None else {"recommendation": self.recommendation.to_data(write)}),
        }

    def to_contract(self, translate: Translate | Catalogue = untranslated) -> dict[str, Any]:
        """The exact contract JSON, worded by `translate` (English by default): what
        `render_assessment(self.to_data(), translate)` gives, without building the snapshot first."""
        return self.to_data(partial(message_text, catalogue=catalogue_of(translate)))
