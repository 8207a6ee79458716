"""Rule versions as data: thresholds, effective dates, sources, confidence, notes.

A pathway's versions tile the calendar for each application type from `COVERAGE_START` on (checked at
import): every `as_of` selects exactly one version. A version whose `params` is None means the pathway
takes no applications of that type in that window (`not_open`); its `closure` says why, where the
general not-open summary would say too little.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from assessments.engine.profile import COVERAGE_START
from assessments.engine.result import Outcome

LAST_VERIFIED = date(2026, 11, 24)
NEW = frozenset({"new"})
RENEWAL = frozenset({"renewal"})
BOTH = frozenset({"new", "renewal"})


class Confidence(StrEnum):
    OFFICIAL = "official"
    FIRM = "firm"
    PRESS = "press"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str
    published: str  # ISO date, "YYYY-MM", or "undated"
    confidence: Confidence

    def cite(self) -> str:
        return f"{self.title} ({self.published}) {self.url}"


P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class RuleVersion(Generic[P]):
    """One version of a pathway's rules. `effective_to` is the last day in force (None = open-ended)."""

    pathway: str
    id: str
    title: str
    effective_from: date
    effective_to: date | None
    applies_to: frozenset[str]
    sources: tuple[Source, ...]
    confidence: Confidence
    notes: str
    params: P | None
    last_verified: date = LAST_VERIFIED
    # The best outcome this version can give (likely_eligible where the rule itself is unconfirmed).
    outcome_cap: Outcome = Outcome.ELIGIBLE
    # Criterion code -> index into `sources` (default: the first source).
    criterion_sources: dict[str, int] = field(default_factory=dict)
    # Only on a version that keeps the pathway closed (`params` None): the summary given instead of the general
    # not-open one, as an English msgid marked with `gettext_noop`; it may name {pathway} and {as_of}.
    closure: str | None = None
    # What changes on `effective_from` compared with the version before it (contract v2 `upcoming_changes`):
    # the kind ("threshold" or "criteria"; "opens"/"closes" are worked out from `params`) and a one-sentence
    # summary, an English msgid marked with `gettext_noop` that may name {pathway}.
    change_kind: str = "criteria"
    change_summary: str | None = None

    @property
    def is_open(self) -> bool:
        return self.params is not None

    def in_force(self, on: date, application_type: str) -> bool:
        return (
            application_type in self.applies_to
            and self.effective_from <= on
            and (self.effective_to is None or on <= self.effective_to)
        )

    # Citations per criterion code, worked out when the version is created.
    _cites: dict[str, str] = field(init=False, repr=False, compare=False)
    _default_cite: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.closure is not None and self.params is not None:
            raise ValueError(f"{self.id}: only a version that takes no applications has a closure summary")
        if (
            self.params is not None
            and self.confidence is not Confidence.OFFICIAL
            and self.outcome_cap is Outcome.ELIGIBLE
        ):
            # Never more certain than the sources: a version not confirmed by an official source gives at
            # most likely_eligible.
            object.__setattr__(self, "outcome_cap", Outcome.LIKELY_ELIGIBLE)
        object.__setattr__(self, "_default_cite", self.sources[0].cite())
        object.__setattr__(
            self,
            "_cites",
            {code: self.sources[index].cite() for code, index in self.criterion_sources.items()},
        )

    def source_for(self, code: str) -> str:
        """The citation shown on a criterion."""
        return self._cites.get(code, self._default_cite)

    def key_parameters(self) -> dict[str, str]:
        """The parameters as display strings (for the admin's rule catalogue)."""
        if self.params is None:
            return {}
        return {f.name: _display(getattr(self.params, f.name)) for f in dataclasses.fields(self.params)}  # type: ignore[arg-type]


def _display(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, tuple | list):
        return ", ".join(_display(v) for v in value)
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(_display(v) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ", ".join(f"{f.name}={_display(getattr(value, f.name))}" for f in dataclasses.fields(value))
    return str(value)


class RuleBook(Generic[P]):
    """A pathway's versions with date lookup precomputed (bisect over window starts)."""

    def __init__(
        self, pathway: str, versions: Sequence[RuleVersion[P]], *, selectable_from: date = COVERAGE_START
    ):
        self.pathway = pathway
        self.versions = tuple(versions)
        self._starts: dict[str, list[int]] = {}
        self._chosen: dict[str, list[RuleVersion[P]]] = {}
        for application_type in ("new", "renewal"):
            chosen = sorted(
                (
                    v
                    for v in self.versions
                    if application_type in v.applies_to
                    and (v.effective_to is None or v.effective_to >= selectable_from)
                ),
                key=lambda v: v.effective_from,
            )
            _check_tiling(pathway, application_type, chosen, selectable_from)
            self._starts[application_type] = [v.effective_from.toordinal() for v in chosen]
            self._chosen[application_type] = chosen
        for version in self.versions:
            if version.pathway != pathway or not version.id.startswith(f"{pathway}/"):
                raise ValueError(f"{version.id}: belongs to another pathway than {pathway}")

    def changes(
        self, on: date, application_type: str, until: date
    ) -> list[tuple[RuleVersion[P], RuleVersion[P], str]]:
        """(version before, version after, kind) for each version starting in (`on`, `until`], by start date.

        The kind is "opens" or "closes" where the pathway starts or stops taking applications of this type,
        else the later version's own `change_kind` ("threshold" or "criteria").
        """
        chosen = self._chosen[application_type]
        found: list[tuple[RuleVersion[P], RuleVersion[P], str]] = []
        for before, after in itertools.pairwise(chosen):
            if on < after.effective_from <= until:
                if before.is_open and not after.is_open:
                    kind = "closes"
                elif after.is_open and not before.is_open:
                    kind = "opens"
                else:
                    kind = after.change_kind
                found.append((before, after, kind))
        return found

    def select(self, on: date, application_type: str) -> RuleVersion[P]:
        index = bisect.bisect_right(self._starts[application_type], on.toordinal()) - 1
        if index < 0:
            raise LookupError(f"{self.pathway}: no rule version before {on.isoformat()}")
        return self._chosen[application_type][index]


def _check_tiling(pathway: str, application_type: str, chosen: list[RuleVersion[Any]], start: date) -> None:
    if not chosen or chosen[0].effective_from > start:
        raise ValueError(f"{pathway} ({application_type}): no version in force on {start.isoformat()}")
    for before, after in itertools.pairwise(chosen):
        if before.effective_to is None or before.effective_to + timedelta(days=1) != after.effective_from:
            raise ValueError(
                f"{pathway} ({application_type}): {before.id} and {after.id} leave a gap or overlap"
            )
    if chosen[-1].effective_to is not None:
        raise ValueError(f"{pathway} ({application_type}): {chosen[-1].id} ends; nothing follows it")
