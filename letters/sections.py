"""What each section of an advice letter shows, in one language, read from the assessment contract data.

`build_language_view` checks the assessment data (the contract's output shape, human text already in
the language) and turns it into small typed views the letter template prints: pathway names, outcome
and status words in that language, the recommendation, the Singapore-vs-China comparison and the
document checklist. Call it with that language active.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NoReturn

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .content import LetterContent, LetterContentError, RuleVersionInfo

# Best first; the contract's order for combining routes, used here to pick the best route per country.
OUTCOME_ORDER = (
    "eligible",
    "likely_eligible",
    "needs_review",
    "insufficient_information",
    "not_eligible",
    "not_open",
)
POSITIVE_OUTCOMES = frozenset({"eligible", "likely_eligible", "needs_review"})

OUTCOME_LABELS: dict[str, Promise] = {
    "eligible": _("Eligible"),
    "likely_eligible": _("Likely eligible — verify"),
    "needs_review": _("Needs a consultant's review"),
    "insufficient_information": _("More information needed"),
    "not_eligible": _("Not eligible on these facts"),
    "not_open": _("Not open yet"),
}
OUTCOME_MEANINGS: dict[str, Promise] = {
    "eligible": _("Every published criterion is met on the facts you gave us."),
    "likely_eligible": _(
        "The criteria appear to be met, but one rests on a rule or a fact only the authority can confirm."
    ),
    "needs_review": _("A consultant must judge a discretionary criterion before you apply."),
    "insufficient_information": _("A fact this pathway needs is missing; the criteria below say which."),
    "not_eligible": _("At least one required criterion is clearly not met."),
    "not_open": _("This pathway takes no new applications on the date assessed."),
}
STATUS_LABELS: dict[str, Promise] = {
    "met": _("Met"),
    "not_met": _("Not met"),
    "unknown": _("Unknown"),
    "review": _("Needs review"),
}
COUNTRY_NAMES: dict[str, Promise] = {"sg": _("Singapore"), "cn": _("China")}
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
class PathwayFacts:
    """What a pass allows, how long it lasts and its main catch: the comparison's rows."""

    allows: Promise
    validity: Promise
    catch: Promise


# Pathway code → (name, country, facts). Facts summarise docs/domain (pathways.md §0 and each pathway's
# "holder rights" notes); they describe the pass, not the applicant, so they are not engine output.
PATHWAYS: dict[str, tuple[Promise, str, PathwayFacts]] = {
    "sg_tech_pass": (
        _("Singapore Tech.Pass"),
        "sg",
        PathwayFacts(
            allows=_("Work for several companies, start and run your own, invest, mentor and lecture."),
            validity=_("2 years, renewable once for 2 more."),
            catch=_("To be replaced by the ONE Pass (AI and Tech) track from January 2027."),
        ),
    ),
    "sg_one_pass": (
        _("Singapore ONE Pass"),
        "sg",
        PathwayFacts(
            allows=_("Work for several companies at once, start a business, bring your family."),
            validity=_("5 years, renewable for 5 years at a time."),
            catch=_("A fixed monthly salary of S$30,000 from one employer, or outstanding achievements."),
        ),
    ),
    "sg_one_pass_ai_tech": (
        _("Singapore ONE Pass (AI and Tech)"),
        "sg",
        PathwayFacts(
            allows=_("Work for several companies at once, start a business, bring your family."),
            validity=_("5 years, renewable for 5 years at a time."),
            catch=_("Takes applications from January 2027; renewal rules not yet published."),
        ),
    ),
    "sg_employment_pass": (
        _("Singapore Employment Pass"),
        "sg",
        PathwayFacts(
            allows=_("Work for the employer that sponsors you; family passes above a salary threshold."),
            validity=_("Up to 2 years at first, up to 3 years on renewal."),
            catch=_("Tied to one employer, and COMPASS points unless your salary exempts you."),
        ),
    ),
    "sg_entrepass": (
        _("Singapore EntrePass"),
        "sg",
        PathwayFacts(
            allows=_("Run your own Singapore private limited company."),
            validity=_("1 year at first; later renewals up to 2 years."),
            catch=_("The company must be new (12 months or less) and meet an innovation criterion."),
        ),
    ),
    "cn_k_visa": (
        _("China K visa"),
        "cn",
        PathwayFacts(
            allows=_(
                "Enter China for science, technology, exchanges or business without an inviting employer."
            ),
            validity=_("More entries and longer stays than ordinary visas; exact terms not yet published."),
            catch=_("Not a work permit: a job in China still needs a work permit."),
        ),
    ),
    "cn_work_permit": (
        _("China work permit"),
        "cn",
        PathwayFacts(
            allows=_("Work for the employer and in the city named on the permit; family residence permits."),
            validity=_("Follows your contract; residence permits from 90 days to 5 years."),
            catch=_("One employer and one city; Category A or B needs points or a qualifying route."),
        ),
    ),
    "cn_r_visa": (
        _("China R visa"),
        "cn",
        PathwayFacts(
            allows=_("Multiple entries, stays of up to 180 days, fees waived, family included."),
            validity=_("5 to 10 years."),
            catch=_("Only for Category A talent invited by a Chinese employer; work still needs a permit."),
        ),
    ),
}


@dataclass(frozen=True)
class CriterionView:
    code: str
    status: str
    status_label: str
    requirement: str
    actual: str
    explanation: str
    source: str
    source_url: str


@dataclass(frozen=True)
class PointsFactorView:
    factor: str
    points: str
    max: str


@dataclass(frozen=True)
class PointsView:
    total: str
    pass_mark: str
    category: str
    breakdown: tuple[PointsFactorView, ...]


@dataclass(frozen=True)
class PathwayView:
    code: str
    name: str
    country: str
    country_name: str
    outcome: str
    outcome_label: str
    outcome_meaning: str
    rule_version: str
    summary: str
    criteria: tuple[CriterionView, ...]
    what_if: tuple[str, ...]
    documents: tuple[str, ...]
    points: PointsView | None
    last_verified_on: date | None
    rule_source: str
    allows: str
    validity: str
    catch: str
    is_relied_on: bool = False

    @property
    def is_positive(self) -> bool:
        return self.outcome in POSITIVE_OUTCOMES


@dataclass(frozen=True)
class CountryChoice:
    country_name: str
    pathway: PathwayView | None


@dataclass(frozen=True)
class ChecklistGroup:
    pathway_name: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class LanguageView:
    """The whole letter's data in one language."""

    code: str
    date_format: str
    as_of: date
    nationality_name: str
    governing_language_name: str
    pathways: tuple[PathwayView, ...]
    relied_on: tuple[PathwayView, ...]
    recommended: PathwayView | None
    comparison: tuple[CountryChoice, ...]
    checklist: tuple[ChecklistGroup, ...]

    @property
    def has_unknown(self) -> bool:
        return any(c.status == "unknown" for p in self.relied_on for c in p.criteria)

    @property
    def has_review(self) -> bool:
        return any(c.status == "review" for p in self.relied_on for c in p.criteria)


def build_language_view(code: str, letter: LetterContent) -> LanguageView:
    """Check the assessment data for `code` and build the views; `LetterContentError` names the bad field."""
    data = letter.assessments[code]
    if not isinstance(data, Mapping):
        _fail(f"assessments[{code!r}]", "must be an object in the contract's output shape")
    as_of = _date(data.get("as_of"), "as_of")
    results = data.get("results")
    if not isinstance(results, list) or not results:
        _fail("results", "must be a non-empty list of pathway results")
    rules = {(r.pathway, r.rule_version): r for r in letter.rule_versions}
    pathways = tuple(_pathway(result, f"results[{i}]", rules) for i, result in enumerate(results))
    best_codes = [_best(p for p in pathways if p.country == country) for country in COUNTRY_NAMES]
    relied_codes = _relied_on(letter.relied_on, pathways, best_codes)
    pathways = tuple(replace(p, is_relied_on=p.code in relied_codes) for p in pathways)
    by_code = {p.code: p for p in pathways}
    relied_on = tuple(by_code[c] for c in relied_codes)
    return LanguageView(
        code=code,
        date_format=DATE_FORMATS[code],
        as_of=as_of,
        nationality_name=letter.applicant.nationality,
        governing_language_name=str(LANGUAGE_NAMES[letter.governing_language]),
        pathways=pathways,
        relied_on=relied_on,
        recommended=_best(relied_on),
        comparison=tuple(
            CountryChoice(country_name=str(name), pathway=by_code[best.code] if best else None)
            for name, best in zip(COUNTRY_NAMES.values(), best_codes, strict=True)
        ),
        checklist=_checklist(relied_on),
    )


def _relied_on(
    codes: Sequence[str], pathways: Sequence[PathwayView], best_per_country: Sequence[PathwayView | None]
) -> tuple[str, ...]:
    known = {p.code for p in pathways}
    if codes:
        unknown = [c for c in codes if c not in known]
        if unknown:
            _fail("relied_on", f"pathway(s) not in the assessment: {', '.join(unknown)}")
        return tuple(dict.fromkeys(codes))
    positive = tuple(p.code for p in pathways if p.is_positive)
    if positive:
        return positive
    # Nothing is open on these facts: explain the closest route in each country instead.
    return tuple(best.code for best in best_per_country if best is not None)


def _best(pathways: Iterable[PathwayView]) -> PathwayView | None:
    """The pathway with the best outcome; the first of them on a tie (the contract's order)."""
    candidates = list(pathways)
    if not candidates:
        return None
    return min(candidates, key=lambda p: OUTCOME_ORDER.index(p.outcome))


def _checklist(relied_on: Sequence[PathwayView]) -> tuple[ChecklistGroup, ...]:
    seen: set[str] = set()
    groups = []
    for pathway in relied_on:
        documents = tuple(d for d in dict.fromkeys(pathway.documents) if d not in seen)
        seen.update(documents)
        if documents:
            groups.append(ChecklistGroup(pathway_name=pathway.name, documents=documents))
    return tuple(groups)


def _pathway(result: Any, path: str, rules: Mapping[tuple[str, str], RuleVersionInfo]) -> PathwayView:
    if not isinstance(result, Mapping):
        _fail(path, "must be an object")
    code = _choice(result.get("pathway"), PATHWAYS, f"{path}.pathway")
    outcome = _choice(result.get("outcome"), OUTCOME_LABELS, f"{path}.outcome")
    name, country, facts = PATHWAYS[code]
    rule_version = _text(result.get("rule_version"), f"{path}.rule_version")
    criteria = result.get("criteria", [])
    if not isinstance(criteria, list):
        _fail(f"{path}.criteria", "must be a list")
    rule = rules.get((code, rule_version))
    return PathwayView(
        code=code,
        name=str(name),
        country=country,
        country_name=str(COUNTRY_NAMES[country]),
        outcome=outcome,
        outcome_label=str(OUTCOME_LABELS[outcome]),
        outcome_meaning=str(OUTCOME_MEANINGS[outcome]),
        rule_version=rule_version,
        summary=_text(result.get("summary"), f"{path}.summary"),
        criteria=tuple(_criterion(c, f"{path}.criteria[{i}]") for i, c in enumerate(criteria)),
        what_if=_texts(result.get("what_if", []), f"{path}.what_if"),
        documents=_texts(result.get("documents", []), f"{path}.documents"),
        points=_points(result.get("points"), f"{path}.points"),
        last_verified_on=rule.last_verified_on if rule else None,
        rule_source=rule.source if rule else "",
        allows=str(facts.allows),
        validity=str(facts.validity),
        catch=str(facts.catch),
    )


def _criterion(criterion: Any, path: str) -> CriterionView:
    if not isinstance(criterion, Mapping):
        _fail(path, "must be an object")
    status = _choice(criterion.get("status"), STATUS_LABELS, f"{path}.status")
    return CriterionView(
        code=_text(criterion.get("code"), f"{path}.code"),
        status=status,
        status_label=str(STATUS_LABELS[status]),
        requirement=_text(criterion.get("requirement"), f"{path}.requirement"),
        actual=_optional_text(criterion.get("actual"), f"{path}.actual"),
        explanation=_optional_text(criterion.get("explanation"), f"{path}.explanation"),
        **_source(_optional_text(criterion.get("source"), f"{path}.source")),
    )


def _source(citation: str) -> dict[str, str]:
    """Split a citation ("Title (date) https://…") into the title and date to print and the address.

    Printed in full, addresses would take more room than the criteria; in the PDF the title links there.
    """
    text, _, last = citation.rpartition(" ")
    if text and last.startswith(("https://", "http://")):
        return {"source": text, "source_url": last}
    return {"source": citation, "source_url": ""}


def _points(points: Any, path: str) -> PointsView | None:
    if points is None:
        return None
    if not isinstance(points, Mapping):
        _fail(path, "must be an object or null")
    breakdown = points.get("breakdown", [])
    if not isinstance(breakdown, list):
        _fail(f"{path}.breakdown", "must be a list")
    factors = []
    for i, row in enumerate(breakdown):
        if not isinstance(row, Mapping):
            _fail(f"{path}.breakdown[{i}]", "must be an object")
        factors.append(
            PointsFactorView(
                factor=_text(row.get("factor"), f"{path}.breakdown[{i}].factor"),
                # None: a fact this factor needs is unknown.
                points="?"
                if row.get("points") is None
                else _number(row.get("points"), f"{path}.breakdown[{i}].points"),
                max=_number(row.get("max"), f"{path}.breakdown[{i}].max"),
            )
        )
    return PointsView(
        total=_number(points.get("total"), f"{path}.total"),
        pass_mark=_number(points.get("pass_mark"), f"{path}.pass_mark"),
        category=_optional_text(points.get("category"), f"{path}.category"),
        breakdown=tuple(factors),
    )


def _fail(path: str, problem: str) -> NoReturn:
    raise LetterContentError(f"{path}: {problem}")


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(path, "must be a non-empty string")
    return str(value)


def _optional_text(value: Any, path: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        _fail(path, "must be a string")
    return str(value)


def _texts(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        _fail(path, "must be a list of strings")
    return tuple(_text(item, f"{path}[{i}]") for i, item in enumerate(value))


def _number(value: Any, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str) or str(value).strip() == "":
        _fail(path, "must be a number")
    return str(value)


def _choice(value: Any, allowed: Mapping[str, Any], path: str) -> str:
    if value not in allowed:
        _fail(path, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _date(value: Any, path: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        _fail(path, f"{value!r} is not an ISO date (YYYY-MM-DD)")
