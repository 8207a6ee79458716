"""What each section of an advice letter shows, in one language, read from the assessment contract data.

`build_language_view` checks the assessment data (the contract's output shape, human text already in
the language), naming the first bad field, and takes every word people read from
`assessments.presentation`, as the result page, the portal and the admin do: pathway names, outcome
and status words, the recommendation, the Singapore-vs-China comparison and the document checklist.
Call it with that language active.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NoReturn

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from applicants.countries import country_name
from assessments.engine import PATHWAY_CODES
from assessments.presentation import (
    OUTCOME_ORDER,
    STATUSES,
    ChecklistGroup,
    ComparisonRow,
    CountryChoice,
    PathwayView,
    ResultView,
    StatusWord,
    pay_picture,
    present_contract,
)

from .content import LetterContent, LetterContentError

# Dates as a letter writes them in each language ("24 November 2026", "2026年11月24日").
DATE_FORMATS = {"en": "j F Y", "zh-hans": "Y年n月j日"}
# For the governing-language clause of bilingual letters ("the English version governs").
# A message context of its own: "English" as the language of a text reads 英文, not the 英语 of the
# language switcher.
LANGUAGE_NAMES: dict[str, Promise] = {
    "en": pgettext_lazy("language of a text", "English"),
    "zh-hans": pgettext_lazy("language of a text", "Chinese"),
}


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class RulesApplied:
    """The letter's appendix: each pathway's rule version and when it was checked, then every source
    cited, once. Rule ids and URLs are printed here only, never in the letter's body."""

    pathways: tuple[PathwayView, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LanguageView:
    """The whole letter's data in one language: the presented result plus what only a letter prints."""

    code: str
    date_format: str
    as_of: date
    nationality_name: str
    governing_language_name: str
    result: ResultView

    @property
    def pathways(self) -> tuple[PathwayView, ...]:
        return self.result.pathways

    @property
    def relied_on(self) -> tuple[PathwayView, ...]:
        return self.result.relied_on

    @property
    def rules_applied(self) -> RulesApplied:
        urls: dict[str, str] = {}  # each source once, with its address when any citation gives one
        for pathway in self.result.pathways:
            for title, url in [
                (pathway.rule_source, ""),
                *((c.source, c.source_url) for c in pathway.criteria),
            ]:
                if title:
                    urls[title] = urls.get(title) or url
        return RulesApplied(self.result.pathways, tuple(Source(title, url) for title, url in urls.items()))

    @property
    def recommended(self) -> PathwayView | None:
        return self.result.recommended

    @property
    def comparison(self) -> tuple[CountryChoice, ...]:
        return self.result.comparison

    @property
    def comparison_rows(self) -> tuple[ComparisonRow, ...]:
        return self.result.comparison_rows

    @property
    def checklist(self) -> tuple[ChecklistGroup, ...]:
        return self.result.checklist

    @property
    def statuses(self) -> dict[str, StatusWord]:
        return self.result.statuses

    @property
    def has_unknown(self) -> bool:
        return self.result.has_unknown

    @property
    def has_review(self) -> bool:
        return self.result.has_review


def build_language_view(code: str, letter: LetterContent) -> LanguageView:
    """Check the assessment data for `code` and present it; `LetterContentError` names the bad field."""
    data = letter.assessments[code]
    if not isinstance(data, Mapping):
        _fail(f"assessments[{code!r}]", "must be an object in the contract's output shape")
    as_of = _date(data.get("as_of"), "as_of")
    results = data.get("results")
    if not isinstance(results, list) or not results:
        _fail("results", "must be a non-empty list of pathway results")
    for i, result in enumerate(results):
        _check_pathway(result, f"results[{i}]")
    known = {result["pathway"] for result in results}
    unknown = [c for c in letter.relied_on if c not in known]
    if unknown:
        _fail("relied_on", f"pathway(s) not in the assessment: {', '.join(unknown)}")
    return LanguageView(
        code=code,
        date_format=DATE_FORMATS[code],
        as_of=as_of,
        nationality_name=_nationality_name(letter.applicant.nationality, code),
        governing_language_name=str(LANGUAGE_NAMES[letter.governing_language]),
        result=replace(
            present_contract(data, relied_on=letter.relied_on, override=letter.override),
            pay_picture=pay_picture(letter.snapshot) if letter.snapshot is not None else None,
        ),
    )


def _nationality_name(code: str, language: str) -> str:
    """The nationality's full name in the letter's language (CLDR, as the intake's picklist names it)."""
    if not code:
        return ""
    with translation.override(language):
        return country_name(code)


def _check_pathway(result: Any, path: str) -> None:
    if not isinstance(result, Mapping):
        _fail(path, "must be an object")
    _choice(result.get("pathway"), PATHWAY_CODES, f"{path}.pathway")
    _choice(result.get("outcome"), OUTCOME_ORDER, f"{path}.outcome")
    _text(result.get("rule_version"), f"{path}.rule_version")
    _text(result.get("summary"), f"{path}.summary")
    criteria = result.get("criteria", [])
    if not isinstance(criteria, list):
        _fail(f"{path}.criteria", "must be a list")
    for i, criterion in enumerate(criteria):
        _check_criterion(criterion, f"{path}.criteria[{i}]")
    _texts(result.get("what_if", []), f"{path}.what_if")
    _texts(result.get("documents", []), f"{path}.documents")
    _check_points(result.get("points"), f"{path}.points")


def _check_criterion(criterion: Any, path: str) -> None:
    if not isinstance(criterion, Mapping):
        _fail(path, "must be an object")
    _choice(criterion.get("status"), STATUSES, f"{path}.status")
    _text(criterion.get("code"), f"{path}.code")
    _text(criterion.get("requirement"), f"{path}.requirement")
    for name in ("actual", "explanation", "source"):
        _optional_text(criterion.get(name), f"{path}.{name}")


def _check_points(points: Any, path: str) -> None:
    if points is None:
        return
    if not isinstance(points, Mapping):
        _fail(path, "must be an object or null")
    breakdown = points.get("breakdown", [])
    if not isinstance(breakdown, list):
        _fail(f"{path}.breakdown", "must be a list")
    for i, row in enumerate(breakdown):
        if not isinstance(row, Mapping):
            _fail(f"{path}.breakdown[{i}]", "must be an object")
        _text(row.get("factor"), f"{path}.breakdown[{i}].factor")
        if row.get("points") is not None:  # None: a fact this factor needs is unknown
            _number(row.get("points"), f"{path}.breakdown[{i}].points")
        _number(row.get("max"), f"{path}.breakdown[{i}].max")
    _number(points.get("total"), f"{path}.total")
    _number(points.get("pass_mark"), f"{path}.pass_mark")
    _optional_text(points.get("category"), f"{path}.category")


def _fail(path: str, problem: str) -> NoReturn:
    raise LetterContentError(f"{path}: {problem}")


def _text(value: Any, path: str) -> None:
    if not isinstance(value, str) or not value.strip():
        _fail(path, "must be a non-empty string")


def _optional_text(value: Any, path: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
        _fail(path, "must be a string")


def _texts(value: Any, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, "must be a list of strings")
    for i, item in enumerate(value):
        _text(item, f"{path}[{i}]")


def _number(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | str) or str(value).strip() == "":
        _fail(path, "must be a number")


def _choice(value: Any, allowed: tuple[str, ...], path: str) -> None:
    if value not in allowed:
        _fail(path, f"{value!r} is not one of {', '.join(allowed)}")


def _date(value: Any, path: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        _fail(path, f"{value!r} is not an ISO date (YYYY-MM-DD)")
