"""THE ONE PLACE an assessment result becomes words people read: the result page, the portal, the save
service, the advice letter and the admin all take their words from here.

Here: the headline of each outcome (label, one-sentence meaning, tone), the status word of each criterion,
each pathway's one name (the engine registry's msgid, translated), country names, the best route per
country and the one recommended, the other routes ranked, the document checklist for the routes relied on
(grouped by route), points, and the facts about each pass. The engine decides eligibility; this module
only words, orders and groups what it decided.

Input is a stored snapshot (`Assessment.results`: the engine's `to_data()`, every text a msgid with its
parameters). `present(snapshot)` renders its texts once, in the active language, with the engine's
`render_assessment`, and builds typed views. `present_contract(contract)` starts from texts already
rendered (the advice letter carries one rendering per language); it expects the contract's shape and
leaves checking untrusted data to its caller. Words that do not depend on the result (headlines, status
words, names, facts) are translated once per language per process.

Routes relied on: the ones the caller names (a case's target pathways), else the routes that fit
(eligible, likely eligible, needs review), else the best route in each country, so that a result where
nothing fits still explains the closest routes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .engine import (
    COUNTRIES,
    REGISTRY,
    Assessment,
    Catalogue,
    Confidence,
    CriterionStatus,
    Outcome,
    PassFacts,
    pathway,
    render_assessment,
    rule_catalogue,
    versions_starting,
    versions_with_ids,
)
from .engine.render import format_money
from .pictures import Mark, Picture, bar, traffic_light

# Best first: the contract's order for combining routes, used here to rank them.
OUTCOME_ORDER: tuple[str, ...] = tuple(outcome.value for outcome in Outcome)
# The outcomes that make a route worth pursuing ("fitting").
POSITIVE_OUTCOMES = frozenset({"eligible", "likely_eligible", "needs_review"})
STATUSES: tuple[str, ...] = tuple(status.value for status in CriterionStatus)
# Shown for a points factor whose facts are unknown.
UNKNOWN_POINTS = "?"

# outcome -> (label, meaning, tone). Tones are Bootstrap colour names (badges, borders, letter classes).
_HEADLINES: dict[str, tuple[Promise, Promise, str]] = {
    "eligible": (
        _("Eligible"),
        _("Every published criterion is met on the facts you gave."),
        "success",
    ),
    "likely_eligible": (
        _("Likely eligible — verify"),
        _("The criteria look met, but one rests on a rule or a fact only the authority can confirm."),
        "success",
    ),
    "needs_review": (
        _("Needs a consultant's review"),
        _("A consultant must judge a discretionary criterion with you before you apply."),
        "warning",
    ),
    "insufficient_information": (
        _("More information needed"),
        _("A fact this route needs is missing; the criteria say which."),
        "secondary",
    ),
    "not_eligible": (
        _("Not eligible on these facts"),
        _("At least one required criterion is clearly not met; the criteria say why."),
        "danger",
    ),
    "not_open": (
        _("Not open yet"),
        _("This route takes no new applications on the date assessed."),
        "secondary",
    ),
    "not_applicable": (
        _("No visa needed"),
        _("You are a citizen or permanent resident of this country: you need no visa or pass there."),
        "secondary",
    ),
}
# Where every route of a country is not_applicable (a citizen or permanent resident there).
_NO_VISA_NEEDED: dict[str, Promise] = {
    "sg": _("As a citizen or permanent resident of Singapore you need no pass to work there."),
    "cn": _(
        "As a citizen or permanent resident of China you need no visa to work there. Chinese talent "
        "programmes for citizens are outside this assessment."
    ),
}
# The presentation-only outcome of a route that opens with a job offer (engine `conditional`).
_CONDITIONAL_HEADLINE = (_("Eligible with an offer"), "info")
_STATUS_WORDS: dict[str, tuple[Promise, str]] = {
    "met": (_("Met"), "success"),
    "not_met": (_("Not met"), "danger"),
    "unknown": (_("Unknown"), "secondary"),
    "review": (_("Needs review"), "warning"),
}
_COUNTRY_NAMES: dict[str, Promise] = {"sg": _("Singapore"), "cn": _("China")}
_BEST_ROUTE_HEADINGS: dict[str, Promise] = {
    "sg": _("Best route in Singapore"),
    "cn": _("Best route in China"),
}
_THREE_VALUED: dict[bool | None, Promise] = {True: _("Yes"), False: _("No"), None: _("Not stated")}
_FACT_LABELS: dict[str, Promise] = {
    "allows": _("What it allows"),
    "several_employers": _("Work for several employers"),
    "found_company": _("Found or run a company"),
    "bring_family": _("Bring your family"),
    "validity": _("Valid for"),
    "catch": _("The catch"),
}


class ReadByTemplates:
    """Base of the views templates read. A Django template looks `view.name` up as `view["name"]` first
    and falls back to the attribute only after that raised: answering the first directly saves the
    exception, about a third of each variable's cost (some 600 lookups, about 0.5 ms, per result page)."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


@dataclass(frozen=True)
class Headline(ReadByTemplates):
    label: str
    meaning: str
    tone: str


@dataclass(frozen=True)
class StatusWord(ReadByTemplates):
    label: str
    tone: str


@dataclass(frozen=True)
class FactRow(ReadByTemplates):
    label: str
    value: str


@dataclass(frozen=True)
class FactsView(ReadByTemplates):
    """What a pass allows, how long it lasts and its catch, in the active language.

    `rows` holds the same facts labelled, in the order every page shows them.
    """

    allows: str
    several_employers: str
    found_company: str
    bring_family: str
    validity: str
    catch: str
    rows: tuple[FactRow, ...]


@dataclass(frozen=True)
class Words:
    """Every word that does not depend on the result, in one language."""

    headlines: dict[str, Headline]
    statuses: dict[str, StatusWord]
    names: dict[str, str]
    countries: dict[str, str]
    best_route_headings: dict[str, str]
    facts: dict[str, FactsView]
    fact_labels: tuple[str, ...]


def _facts(facts: PassFacts) -> FactsView:
    values = {
        "allows": gettext(facts.allows),
        "several_employers": str(_THREE_VALUED[facts.several_employers]),
        "found_company": str(_THREE_VALUED[facts.found_company]),
        "bring_family": str(_THREE_VALUED[facts.bring_family]),
        "validity": gettext(facts.validity),
        "catch": gettext(facts.catch),
    }
    rows = tuple(FactRow(str(label), values[name]) for name, label in _FACT_LABELS.items())
    return FactsView(**values, rows=rows)


@cache
def _words_in(language: str | None) -> Words:
    """Built under `language` active (the cache key): see `words()`."""
    return Words(
        headlines={
            o: Headline(str(label), str(meaning), tone) for o, (label, meaning, tone) in _HEADLINES.items()
        },
        statuses={s: StatusWord(str(label), tone) for s, (label, tone) in _STATUS_WORDS.items()},
        names={entry.code: gettext(entry.name) for entry in REGISTRY},
        countries={c: str(name) for c, name in _COUNTRY_NAMES.items()},
        best_route_headings={c: str(heading) for c, heading in _BEST_ROUTE_HEADINGS.items()},
        facts={entry.code: _facts(entry.facts) for entry in REGISTRY},
        fact_labels=tuple(str(label) for label in _FACT_LABELS.values()),
    )


def words() -> Words:
    """The fixed words in the active language (translated once per language per process)."""
    return _words_in(get_language())


def pathway_name(code: str) -> str:
    """The pathway's one name in the active language."""
    return words().names[code]


def country_name(country: str) -> str:
    return words().countries[country]


def headline(outcome: str) -> Headline:
    return words().headlines[outcome]


def status_word(status: str) -> StatusWord:
    return words().statuses[status]


@dataclass(frozen=True)
class RuleApplied:
    source: str
    last_verified_on: date
    # The citations of the version's official sources (MOM, EDB, gov.cn, NIA…), in the rule data's order:
    # the only ones an applicant is shown; press, blog and law-firm sources stay for staff and the letter.
    official_cites: tuple[str, ...] = ()


@cache
def _rules_applied() -> dict[str, RuleApplied]:
    """Rule version id -> its first source and the day it was last checked (the engine's catalogue)."""
    return {
        version.id: RuleApplied(
            source=f"{version.sources[0].title} ({version.sources[0].published})" if version.sources else "",
            last_verified_on=version.last_verified,
            official_cites=tuple(s.cite() for s in version.sources if s.confidence is Confidence.OFFICIAL),
        )
        for version in rule_catalogue()
    }


@dataclass(frozen=True)
class OutcomeLine(ReadByTemplates):
    """One pathway's outcome in a line of text (admin lists, digests): no message rendering needed."""

    code: str
    name: str
    outcome: str
    headline: Headline


def outcome_lines(outcomes: Mapping[str, str]) -> tuple[OutcomeLine, ...]:
    """Pathway code -> outcome word (e.g. `Assessment.outcomes()`), as named lines in registry order."""
    fixed = words()
    return tuple(
        OutcomeLine(
            entry.code, fixed.names[entry.code], outcomes[entry.code], fixed.headlines[outcomes[entry.code]]
        )
        for entry in REGISTRY
        if outcomes.get(entry.code) in fixed.headlines
    )


@dataclass(frozen=True)
class CriterionView(ReadByTemplates):
    code: str
    status: str
    status_label: str
    tone: str
    requirement: str
    actual: str
    explanation: str
    source: str
    source_url: str
    # What the applicant is shown: the criterion's source if it is official, else the rule version's first
    # official source, else nothing ("" when the version has none).
    public_source: str = ""
    public_source_url: str = ""
    met_from: date | None = None  # not met today; met from this day if nothing else changes

    @property
    def met_from_text(self) -> str:
        if self.met_from is None:
            return ""
        return gettext("Met from %(day)s if nothing else changes.") % {"day": long_date(self.met_from)}


def short_date(day: date) -> str:
    """A day in the active language's DATE_FORMAT: what a template's `|date:"DATE_FORMAT"` writes."""
    return _short_date(day, get_language())


@lru_cache(maxsize=1024)
def _short_date(day: date, language: str | None) -> str:
    # Called with `language` active (the cache key): a page shows the same few days (rule checks) often.
    return formats.date_format(day, "DATE_FORMAT")


def long_date(day: date) -> str:
    """A day as people read it in the active language: "3 Dec 2026", "2026年12月3日"."""
    if (get_language() or "en").lower().startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return formats.date_format(day, "j M Y")


@dataclass(frozen=True)
class PointsFactorView(ReadByTemplates):
    factor: str
    points: str
    max: str


@dataclass(frozen=True)
class PointsView(ReadByTemplates):
    total: str
    pass_mark: str
    category: str
    breakdown: tuple[PointsFactorView, ...]


@dataclass(frozen=True)
class PathwayView(ReadByTemplates):
    code: str
    name: str
    country: str
    country_name: str
    outcome: str
    headline: Headline
    summary: str
    rule_version: str
    rule_source: str
    last_verified_on: date | None
    criteria: tuple[CriterionView, ...]
    what_if: tuple[str, ...]
    documents: tuple[str, ...]
    points: PointsView | None
    facts: FactsView
    is_relied_on: bool
    # Engine 2.1: the day this route will fit if nothing else changes (an ongoing role reaching its years).
    eligible_from: date | None = None

    @property
    def eligible_from_text(self) -> str:
        if self.eligible_from is None:
            return ""
        return gettext("Eligible from %(day)s if nothing else changes.") % {
            "day": long_date(self.eligible_from)
        }

    @property
    def last_verified_text(self) -> str:
        if self.last_verified_on is None:
            return ""
        return gettext("Rules last checked on %(day)s.") % {"day": short_date(self.last_verified_on)}

    @property
    def is_positive(self) -> bool:
        return self.outcome in POSITIVE_OUTCOMES

    @property
    def rank(self) -> int:
        return OUTCOME_ORDER.index(self.outcome)

    @property
    def light(self) -> Picture:
        """A traffic light for the outcome, the outcome's label as its text."""
        return traffic_light(self.name, self.headline.tone, f"{self.name}: {self.headline.label}")

    @property
    def points_picture(self) -> Picture | None:
        """The points against the pass mark (China work permit: against the B and A lines)."""
        if self.points is None or not self.points.total.isdigit() or not self.points.pass_mark.isdigit():
            return None
        total, mark = int(self.points.total), int(self.points.pass_mark)
        title = gettext("%(name)s points") % {"name": self.name}
        value_label = gettext("You: %(total)s points") % {"total": total}
        lines = _category_lines(self.rule_version)
        if lines is not None:
            b_line, a_line = lines
            text = gettext("%(name)s: %(total)s points; category B from %(b)s, category A from %(a)s.") % {
                "name": self.name,
                "total": total,
                "b": b_line,
                "a": a_line,
            }
            marks = [Mark(b_line, "B"), Mark(a_line, "A")]
        else:
            text = gettext("%(name)s: %(total)s points; %(mark)s needed.") % {
                "name": self.name,
                "total": total,
                "mark": mark,
            }
            marks = [Mark(mark, str(mark))]
        return bar(title, total, marks, text, value_label=value_label)


@cache
def _category_lines(rule_version: str) -> tuple[int, int] | None:
    """(B line, A line) of a China work permit rule version; None for any other rule version."""
    for version in versions_with_ids([rule_version]):
        b_line = getattr(version.params, "category_b_points", None)
        a_line = getattr(version.params, "category_a_points", None)
        if isinstance(b_line, int) and isinstance(a_line, int):
            return b_line, a_line
    return None


@dataclass(frozen=True)
class CountryChoice(ReadByTemplates):
    """The best route in one country (None: the assessment has no pathway there)."""

    country: str
    country_name: str
    heading: str
    pathway: PathwayView | None
    note: str = ""  # where there is no route: why (no visa needed there)


@dataclass(frozen=True)
class ComparisonRow(ReadByTemplates):
    """One fact, side by side for the best route of each country ("—" where there is none)."""

    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistGroup(ReadByTemplates):
    pathway_code: str
    pathway_name: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class ResultView(ReadByTemplates):
    as_of: date
    pathways: tuple[PathwayView, ...]  # contract order
    relied_on: tuple[PathwayView, ...]
    recommended: PathwayView | None  # the best of the routes relied on
    comparison: tuple[CountryChoice, ...]  # the best route per country, Singapore first
    others: tuple[PathwayView, ...]  # every route but the best per country, best first
    checklist: tuple[ChecklistGroup, ...]  # documents for the routes relied on, each listed once
    exchange_rates: dict[str, str]
    statuses: dict[str, StatusWord]
    advice: Advice | None = None  # the engine's recommendation (or a consultant's override), worded
    timeline: tuple[TimelineEntry, ...] = ()  # deadlines and rule changes within 12 months
    home_countries: tuple[str, ...] = ()  # countries whose passes are not_applicable (names)
    pay_picture: Picture | None = None  # the applicant's pay against each route's salary threshold

    @property
    def next_change_on(self) -> date | None:
        """The first day within 12 months the rules that touch this person differ ("if I apply after…")."""
        return min(
            (entry.rules_change_on for entry in self.timeline if not entry.is_eligible_from), default=None
        )

    @property
    def best_singapore(self) -> PathwayView | None:
        return self._best_in("sg")

    @property
    def best_china(self) -> PathwayView | None:
        return self._best_in("cn")

    def _best_in(self, country: str) -> PathwayView | None:
        return next(choice.pathway for choice in self.comparison if choice.country == country)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(document for group in self.checklist for document in group.documents)

    @property
    def comparison_rows(self) -> tuple[ComparisonRow, ...]:
        return tuple(
            ComparisonRow(
                label, tuple(c.pathway.facts.rows[i].value if c.pathway else "—" for c in self.comparison)
            )
            for i, label in enumerate(words().fact_labels)
        )

    @property
    def has_unknown(self) -> bool:
        """A route relied on has a criterion whose facts are unknown."""
        return any(c.status == "unknown" for p in self.relied_on for c in p.criteria)

    @property
    def has_review(self) -> bool:
        """A route relied on has a criterion a consultant must judge."""
        return any(c.status == "review" for p in self.relied_on for c in p.criteria)


def present(
    snapshot: Mapping[str, Any], *, relied_on: Sequence[str] = (), override: Override | None = None
) -> ResultView:
    """A stored snapshot (`to_data()`) as views in the active language; its texts are rendered once, here."""
    view = present_contract(
        render_assessment(dict(snapshot), translate=gettext), relied_on=relied_on, override=override
    )
    return replace(view, pay_picture=pay_picture(snapshot))


def present_result(
    result: Assessment,
    catalogue: Catalogue,
    *,
    relied_on: Sequence[str] = (),
    override: Override | None = None,
) -> ResultView:
    """An engine result worked out just now (nothing stored) as views, worded through `catalogue` (the active
    language's: `evaluation.catalogue()`): what `present(result.to_data())` gives, at a third of its cost
    (the contract is worded straight from the result, not from a snapshot built first)."""
    view = present_contract(result.to_contract(catalogue), relied_on=relied_on, override=override)
    salaries = {
        "results": [
            {"pathway": r.pathway, "criteria": [c.to_data() for c in r.criteria if c.code == "salary"]}
            for r in result.results
        ]
    }
    return replace(view, pay_picture=pay_picture(salaries))


def pay_picture(snapshot: Mapping[str, Any]) -> Picture | None:
    """The fixed monthly salary against the salary criteria's thresholds (read from the snapshot's raw
    parameters: the rendered contract has only words)."""
    pay: Decimal | None = None
    marks: list[Mark] = []
    for result in snapshot.get("results", ()):
        for criterion in result.get("criteria", ()):
            if criterion.get("code") != "salary":
                continue
            threshold = criterion["requirement"].get("params", {}).get("threshold")
            if isinstance(threshold, dict) and threshold.get("currency") == "SGD":
                marks.append(Mark(float(threshold["amount"]), pathway_name(str(result["pathway"]))))
            actual = criterion["actual"].get("params", {})
            money = actual.get("converted") or actual.get("amount")
            if isinstance(money, dict) and money.get("currency") == "SGD":
                pay = Decimal(str(money["amount"]))
    if pay is None or not marks:
        return None
    marks.sort(key=lambda mark: mark.value)
    pay_text = format_money(str(pay), "SGD")
    lines = ", ".join(f"{mark.label} {format_money(str(int(mark.value)), 'SGD')}" for mark in marks)
    text = gettext("Your fixed monthly salary of %(pay)s against the salary thresholds: %(lines)s.") % {
        "pay": pay_text,
        "lines": lines,
    }
    return bar(
        gettext("Your pay against the salary thresholds"),
        float(pay),
        marks,
        text,
        value_label=gettext("You: %(pay)s a month") % {"pay": pay_text},
    )


def present_contract(
    contract: Mapping[str, Any], *, relied_on: Sequence[str] = (), override: Override | None = None
) -> ResultView:
    """An assessment already rendered in the active language (the contract's shape) as views.

    `relied_on`: the codes of the routes the advice rests on, in any order (each must be in the
    assessment; they are listed in contract order); empty for the default (the routes that fit, else the
    best route per country).
    """
    fixed = words()
    results = list(contract["results"])
    known = {str(result["pathway"]) for result in results}
    unknown = [code for code in relied_on if code not in known]
    if unknown:
        raise ValueError(f"pathway(s) not in the assessment: {', '.join(unknown)}")
    draft = [_pathway(result, fixed) for result in results]
    ranked = sorted(draft, key=lambda p: p.rank)  # stable: contract order within a rank
    best = {
        country: next((p for p in ranked if p.country == country and p.outcome != "not_applicable"), None)
        for country in COUNTRIES
    }
    relied_codes = (
        tuple(p.code for p in draft if p.code in relied_on)
        or tuple(p.code for p in draft if p.is_positive)
        or tuple(p.code for p in best.values() if p is not None)
    )
    pathways = tuple(replace(p, is_relied_on=True) if p.code in relied_codes else p for p in draft)
    by_code = {p.code: p for p in pathways}
    relied = tuple(by_code[code] for code in relied_codes)
    best_codes = {p.code for p in best.values() if p is not None}
    as_of = date.fromisoformat(str(contract["as_of"]))
    return ResultView(
        as_of=as_of,
        pathways=pathways,
        relied_on=relied,
        recommended=min(relied, key=lambda p: p.rank) if relied else None,
        comparison=tuple(
            CountryChoice(
                country=country,
                country_name=fixed.countries[country],
                heading=fixed.best_route_headings[country],
                pathway=by_code[chosen.code] if chosen is not None else None,
                note="" if chosen is not None else str(_NO_VISA_NEEDED[country]),
            )
            for country, chosen in best.items()
        ),
        others=tuple(by_code[p.code] for p in ranked if p.code not in best_codes),
        checklist=_checklist(relied),
        exchange_rates={str(pair): str(rate) for pair, rate in contract.get("exchange_rates", {}).items()},
        statuses=fixed.statuses,
        advice=_advice(contract.get("recommendation"), by_code, override),
        timeline=timeline(contract, pathways, as_of),
        home_countries=tuple(
            fixed.countries[country]
            for country in COUNTRIES
            if any(p.country == country for p in pathways)
            and all(p.outcome == "not_applicable" for p in pathways if p.country == country)
        ),
    )


def _pathway(result: Mapping[str, Any], fixed: Words) -> PathwayView:
    code = str(result["pathway"])
    entry = pathway(code)
    outcome = str(result["outcome"])
    rule_version = str(result.get("rule_version", ""))
    rule = _rules_applied().get(rule_version)
    return PathwayView(
        code=code,
        name=fixed.names[code],
        country=entry.country,
        country_name=fixed.countries[entry.country],
        outcome=outcome,
        headline=fixed.headlines[outcome],
        summary=_text(result.get("summary")),
        rule_version=rule_version,
        rule_source=rule.source if rule else "",
        last_verified_on=rule.last_verified_on if rule else None,
        criteria=tuple(_criterion(c, fixed, rule) for c in result.get("criteria", ())),
        what_if=tuple(_text(line) for line in result.get("what_if", ())),
        documents=tuple(_text(document) for document in result.get("documents", ())),
        points=_points(result.get("points")),
        facts=fixed.facts[code],
        is_relied_on=False,
        eligible_from=_day(result.get("eligible_from")),
    )


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _criterion(criterion: Mapping[str, Any], fixed: Words, rule: RuleApplied | None) -> CriterionView:
    status = str(criterion["status"])
    word = fixed.statuses[status]
    citation = _text(criterion.get("source"))
    source, source_url = split_citation(citation)
    official = () if rule is None else rule.official_cites
    public_source, public_source_url = (
        (source, source_url)
        if citation in official
        else split_citation(official[0])
        if official
        else ("", "")
    )
    return CriterionView(
        code=str(criterion.get("code", "")),
        status=status,
        status_label=word.label,
        tone=word.tone,
        requirement=_text(criterion.get("requirement")),
        actual=_text(criterion.get("actual")),
        explanation=_text(criterion.get("explanation")),
        source=source,
        source_url=source_url,
        public_source=public_source,
        public_source_url=public_source_url,
        met_from=_day(criterion.get("met_from")),
    )


def split_citation(citation: str) -> tuple[str, str]:
    """A citation ("Title (date) https://…") as the words to print and the address they link to.

    Printed in full, addresses take more room than the criteria they support.
    """
    text, _space, last = citation.rpartition(" ")
    if text and last.startswith(("https://", "http://")):
        return text, last
    return citation, ""


def _points(points: Mapping[str, Any] | None) -> PointsView | None:
    if points is None:
        return None
    return PointsView(
        total=str(points["total"]),
        pass_mark=str(points["pass_mark"]),
        category=_text(points.get("category")),
        breakdown=tuple(
            PointsFactorView(
                factor=_text(row["factor"]),
                points=UNKNOWN_POINTS if row.get("points") is None else str(row["points"]),
                max=str(row["max"]),
            )
            for row in points.get("breakdown", ())
        ),
    )


def _checklist(relied_on: Sequence[PathwayView]) -> tuple[ChecklistGroup, ...]:
    seen: set[str] = set()
    groups = []
    for view in relied_on:
        documents = tuple(d for d in dict.fromkeys(view.documents) if d not in seen)
        seen.update(documents)
        if documents:
            groups.append(ChecklistGroup(view.code, view.name, documents))
    return tuple(groups)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# --- Advice: the recommendation, routes a job offer opens, the timeline (contract v2) -----------------


@dataclass(frozen=True)
class Override:
    """A consultant's choice on a case, replacing the engine's recommendation where people read it.

    `pathway` None: the consultant recommends no route. The case side stores it; pages and the letter pass
    it to `present(..., override=...)`.
    """

    pathway: str | None
    reason: str
    consultant: str = ""


@dataclass(frozen=True)
class ConditionalView(ReadByTemplates):
    """A route that opens with a job offer: the presentation's own outcome, not a contract word."""

    pathway: PathwayView
    label: str
    tone: str
    sentence: str  # "Eligible once you have an offer of at least S$5,600 a month, …"
    offer: Mapping[str, Any] | None  # {"amount", "currency"} or None (any offer)
    per: str
    points: int | None
    pass_mark: int | None


@dataclass(frozen=True)
class Advice(ReadByTemplates):
    headline: str
    recommended: PathwayView | None
    reasons: tuple[str, ...]
    next_step: str
    conditional: tuple[ConditionalView, ...]
    by_country: dict[str, PathwayView | None]
    is_override: bool
    consultant: str


def _advice(
    recommendation: Mapping[str, Any] | None, by_code: Mapping[str, PathwayView], override: Override | None
) -> Advice | None:
    if recommendation is None and override is None:
        return None
    data: Mapping[str, Any] = recommendation or {}
    label, tone = _CONDITIONAL_HEADLINE
    conditional = tuple(
        ConditionalView(
            pathway=by_code[str(item["pathway"])],
            label=str(label),
            tone=tone,
            sentence=gettext("Eligible once you have %(condition)s.") % {"condition": item["condition"]},
            offer=item.get("offer"),
            per=str(item.get("per", "")),
            points=item.get("points"),
            pass_mark=item.get("pass_mark"),
        )
        for item in data.get("conditional", ())
        if str(item.get("pathway")) in by_code
    )
    by_country = {
        str(country).lower(): by_code.get(str(code)) if code else None
        for country, code in data.get("by_country", {}).items()
    }
    if override is not None:
        chosen = by_code.get(override.pathway) if override.pathway else None
        reasons: tuple[str, ...] = (override.reason,) if override.reason else ()
        next_step = gettext("Your consultant will tell you the next step.")
        if chosen is not None:
            by_country[chosen.country] = chosen
    else:
        code = data.get("overall")
        chosen = by_code.get(str(code)) if code else None
        reasons = tuple(str(reason) for reason in data.get("reasons", ()))
        next_step = str(data.get("next_step", ""))
    if chosen is not None:
        headline = gettext("Our recommendation: %(name)s") % {"name": chosen.name}
    elif conditional:
        headline = gettext("No route fits yet: %(name)s opens with a job offer") % {
            "name": conditional[0].pathway.name
        }
    else:
        headline = gettext("No route fits on these facts yet")
    return Advice(
        headline=headline,
        recommended=chosen,
        reasons=reasons,
        next_step=next_step,
        conditional=conditional,
        by_country=by_country,
        is_override=override is not None,
        consultant=override.consultant if override else "",
    )


@dataclass(frozen=True)
class TimelineEntry(ReadByTemplates):
    on: date
    days_left: int
    pathway_code: str
    text: str
    is_deadline: bool = False
    is_eligible_from: bool = False  # the person's own date (years reached), not a change of the rules

    @property
    def on_text(self) -> str:
        return short_date(self.on)

    @property
    def days_left_text(self) -> str:
        return ngettext("%(days)s day left", "%(days)s days left", self.days_left) % {"days": self.days_left}

    @property
    def rules_change_on(self) -> date:
        """The first day under different rules: the day after a deadline, else the day itself."""
        return self.on + timedelta(days=1) if self.is_deadline else self.on


HORIZON_DAYS = 365


def timeline(
    contract: Mapping[str, Any], pathways: Sequence[PathwayView], as_of: date
) -> tuple[TimelineEntry, ...]:
    """Deadlines and rule changes within 12 months that touch this person, soonest first.

    THE one place the timeline is built. Results of engine 2 carry contract v2's `deadline` and
    `upcoming_changes` and are read as they are; snapshots stored by engine 1 carry neither, so for them
    the rule catalogue is asked (`versions_starting`, each version's `closure`). Routes the person needs
    no visa for are left out.
    """
    until = as_of + timedelta(days=HORIZON_DAYS)
    relevant = {p.code: p for p in pathways if p.outcome != "not_applicable"}
    entries: list[TimelineEntry] = []
    results = list(contract.get("results", ()))
    if results and all("upcoming_changes" in result for result in results):
        for result in results:
            view = relevant.get(str(result["pathway"]))
            if view is None:
                continue
            deadline = date.fromisoformat(str(result["deadline"])) if result.get("deadline") else None
            closing: list[str] = []
            for change in result.get("upcoming_changes", ()):
                on = date.fromisoformat(str(change["effective_on"]))
                if (
                    deadline is not None
                    and change.get("kind") == "closes"
                    and on == deadline + timedelta(days=1)
                ):
                    # The day after the last day is the same event: its sentence (what replaces the pass)
                    # goes with the deadline, which carries the days left.
                    closing.append(str(change["summary"]))
                elif on <= until:
                    entries.append(TimelineEntry(on, (on - as_of).days, view.code, str(change["summary"])))
            if deadline is not None:
                entries.append(_deadline_entry(view, deadline, as_of, also=closing))
            if view.eligible_from is not None and view.eligible_from <= until:
                text = gettext(
                    "You would be eligible for %(name)s from this day, if nothing else changes."
                ) % {"name": view.name}
                entries.append(
                    TimelineEntry(
                        view.eligible_from,
                        (view.eligible_from - as_of).days,
                        view.code,
                        text,
                        is_eligible_from=True,
                    )
                )
    else:
        for version in versions_starting(as_of, until):
            view = relevant.get(version.pathway)
            if view is None or "new" not in version.applies_to:
                continue
            if version.params is None and version.closure is not None:
                if view.is_positive:
                    entries.append(_deadline_entry(view, version.effective_from - timedelta(days=1), as_of))
            elif version.params is not None:
                text = gettext("%(name)s: new rules for new applications from this day.") % {
                    "name": view.name
                }
                entries.append(
                    TimelineEntry(
                        version.effective_from, (version.effective_from - as_of).days, view.code, text
                    )
                )
    return tuple(sorted(entries, key=lambda entry: (entry.on, entry.pathway_code)))


def _deadline_entry(view: PathwayView, on: date, as_of: date, also: Sequence[str] = ()) -> TimelineEntry:
    text = " ".join([gettext("Last day for new %(name)s applications.") % {"name": view.name}, *also])
    return TimelineEntry(on, (on - as_of).days, view.code, text, is_deadline=True)


@dataclass(frozen=True)
class LaterRow(ReadByTemplates):
    """One route whose outcome differs if you apply on a later day."""

    name: str
    now: Headline
    later: Headline


def compare_later(now: ResultView, later: Mapping[str, str]) -> tuple[LaterRow, ...]:
    """The routes whose outcome differs between `now` and `later` (pathway code -> outcome word, e.g.
    `evaluation.outcomes` of the same answers on a later day), in contract order."""
    fixed = words()
    return tuple(
        LaterRow(p.name, p.headline, fixed.headlines[later[p.code]])
        for p in now.pathways
        if later.get(p.code, p.outcome) != p.outcome
    )


# --- Why each document is asked for (the portal's checklist) --------------------------------------------

# Keyed by the engine's document text (its msgid, which a case's checklist item keeps as its name).
_DOCUMENT_PURPOSES: dict[str, Promise] = {
    "Passport bio page": _("It proves who you are and your nationality; every application starts with it."),
    "Degree certificate and transcript (STEM bachelor's or higher)": _(
        "The K visa is for young science and technology talent: it shows your degree and its field."
    ),
    "Proof of current STEM teaching or research work, if you rely on it": _(
        "Only if you qualify through your teaching or research work rather than your age and degree."
    ),
    "Printed Confirmation Letter of High-end Foreign Talent, obtained by the inviting Chinese entity": _(
        "The R visa is issued on this letter: the Chinese organisation that invites you applies for it."
    ),
    "Visa application form and photo": _("The consulate needs them for every visa application."),
    "Employment contract with the Chinese employer (the employer applies online)": _(
        "The China work permit is tied to your employer and your contract: the employer files it."
    ),
    "Criminal record check, legalised or apostilled": _(
        "China asks every foreign worker for a clean record, certified for use abroad."
    ),
    "Medical certificate": _("China asks for a health check before issuing a work permit."),
    "Highest degree certificate, legalised or apostilled": _(
        "Your degree gives points and decides the work permit's category; it must be certified for use abroad."
    ),
    "Proof of relevant work experience (employer reference letters)": _(
        "The work permit counts years of work related to the offered job; your former employers' letters "
        "show them."
    ),
    "Signed job offer from the Singapore employer (the employer applies)": _(
        "The Employment Pass is applied for by your employer, on the offer you accepted."
    ),
    "Educational certificates": _("Your qualifications give COMPASS points for the Employment Pass."),
    "Verification proof of your qualification from a screening agency, if C2 points are claimed": _(
        "Only if you claim points for your qualification: the Ministry of Manpower wants it verified."
    ),
    "Business plan in English (about 10 pages: product, market, operations, team, projections)": _(
        "The EntrePass is decided on your business: the plan shows what it does and how it will grow."
    ),
    "ACRA business profile, if the company is already incorporated": _(
        "It shows the company's registration and who owns it, if it already exists."
    ),
    "Evidence of the innovation criterion you rely on (term sheets or share certificates, incubator "
    "letter, IP registration, research agreement, or sale and purchase agreement)": _(
        "The EntrePass asks for one proof of innovation: the one you said you meet."
    ),
    "12 consecutive monthly payslips up to the application date": _(
        "The ONE Pass is decided on your salary: a year of payslips shows it."
    ),
    "Latest tax assessment (or latest filed tax return)": _("It confirms the salary your payslips show."),
    "The employer's latest financial information, obtained within 3 months, showing its market "
    "capitalisation or annual revenue": _(
        "The ONE Pass looks at your employer's size: recent figures show it is an established company."
    ),
    "Employment verification from a background-screening company": _(
        "Singapore wants your jobs and salary confirmed by an independent screening company."
    ),
    "Evidence of your achievements (awards, programme selection letters, patents, press)": _(
        "Outstanding achievements are another way to qualify for the ONE Pass."
    ),
    "Signed contract or offer letter from the Singapore employer": _(
        "It shows the salary you will be paid in Singapore, which can qualify you."
    ),
    "Payslips for the last 12 months and statements of vested equity": _(
        "This route is decided on your pay, shares included: these show the full year."
    ),
    "Employment contract showing the fixed monthly salary": _(
        "It shows your fixed monthly salary, the figure the salary threshold is checked against."
    ),
    "Employment contracts or employer letters confirming each role, its type and its dates": _(
        "Your years in each kind of role count; contracts or letters confirm them."
    ),
    "Evidence of the employer's valuation, revenue, funding or assets under management, and that "
    "technology is its core business": _(
        "The route counts roles at sizeable technology companies: this shows your employer is one."
    ),
    "Payslips for the last 12 months and your latest tax statement": _(
        "Tech.Pass can be decided on your salary: a year of payslips and your tax statement show it."
    ),
    "Employment contracts or employer letters confirming each leading role and its dates": _(
        "Tech.Pass counts years in leading roles; contracts or letters confirm each one."
    ),
    "Evidence of the company's valuation, market capitalisation or funding, or the VC firm's assets "
    "under management (filings, term sheets, funding databases)": _(
        "Tech.Pass counts roles at large technology companies or VC firms: this shows the size."
    ),
    "Evidence of the product's revenue or monthly active users": _(
        "Leading a product with large revenue or many users is one way to qualify for Tech.Pass."
    ),
}
_ASKED_BY_CONSULTANT = _(
    "Your consultant asked for it for your application; ask them if anything is unclear."
)


_ENGINE_DOCUMENTS = {name.lower() for name in _DOCUMENT_PURPOSES}


def is_engine_document(document: str) -> bool:
    """Whether a checklist item is one the engine asks for (of some route), not one a consultant added."""
    return document.lower() in _ENGINE_DOCUMENTS


def document_purpose(document: str) -> str:
    """Why a checklist item is asked for, in the active language: its engine text (the item's name) in,
    one sentence out; items a consultant added themselves get the consultant's general reason."""
    return str(_DOCUMENT_PURPOSES.get(document, _ASKED_BY_CONSULTANT))
