"""What every pathway module shares: the per-profile context, three-valued logic, money checks,
and the assembly of a PathwayResult.

Wording is built when a result is read (criteria texts and what-ifs are thunks), so code that only
needs outcomes never formats a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.descriptions import COUNTRY_NAMES, NAMES
from assessments.engine.messages import Amount, Message, MoneyLike, gettext_noop, msg
from assessments.engine.profile import Profile, Role
from assessments.engine.rates import DEFAULT_TOLERANCE, ExchangeRates
from assessments.engine.result import Criterion, CriterionStatus, LazyMessage, Outcome, PathwayResult, capped
from assessments.engine.rules.base import RuleVersion
from assessments.engine.years import Career, Years

Tri = bool | None

NOT_GIVEN = msg(gettext_noop("not given"))
YES = msg(gettext_noop("yes"))
NO = msg(gettext_noop("no"))
PASSPORT = msg(gettext_noop("Passport bio page"))


# A calendar duration in words; the params are always {years, months, days} (contract version 2), the
# msgid is chosen by which parts are shown (days are given but not worded).
DURATIONS: dict[tuple[str, str], str] = {
    ("none", "none"): gettext_noop("less than a month"),
    ("none", "one"): gettext_noop("1 month"),
    ("none", "many"): gettext_noop("{months} months"),
    ("one", "none"): gettext_noop("1 year"),
    ("one", "one"): gettext_noop("1 year 1 month"),
    ("one", "many"): gettext_noop("1 year {months} months"),
    ("many", "none"): gettext_noop("{years} years"),
    ("many", "one"): gettext_noop("{years} years 1 month"),
    ("many", "many"): gettext_noop("{years} years {months} months"),
}


def _plural(count: int) -> str:
    return "none" if count == 0 else "one" if count == 1 else "many"


def duration(length: Years) -> Message:
    """A calendar duration such as "4 years 11 months" (never "5.0")."""
    years, months, days = length.duration()
    return msg(DURATIONS[_plural(years), _plural(months)], years=years, months=months, days=days)


def yes_no(value: Tri) -> Message:
    return NOT_GIVEN if value is None else YES if value else NO


def any3(*values: Tri) -> Tri:
    """Kleene OR: True if any is True, else None if any is unknown, else False."""
    if True in values:
        return True
    return None if None in values else False


def all3(*values: Tri) -> Tri:
    """Kleene AND: False if any is False, else None if any is unknown, else True."""
    if False in values:
        return False
    return None if None in values else True


def any3_of(values: Iterable[Tri]) -> Tri:
    """`any3` over an iterable."""
    return any3(*values)


def ge(value: Decimal | int | None, threshold: Decimal | int) -> Tri:
    return None if value is None else value >= threshold


def status_of(verdict: Tri) -> CriterionStatus:
    if verdict is None:
        return CriterionStatus.UNKNOWN
    return CriterionStatus.MET if verdict else CriterionStatus.NOT_MET


def age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Context:
    """One profile's evaluation: facts shared by pathways, and the exchange rates actually used."""

    __slots__ = ("age", "as_of", "cache", "career", "profile", "rates", "roles", "used")

    def __init__(self, profile: Profile, rates: ExchangeRates) -> None:
        self.profile = profile
        self.as_of = profile.as_of
        self.rates = rates
        self.used: set[str] = set()
        self.age = age_on(profile.date_of_birth, profile.as_of)
        self.roles: list[Role] | None = profile.roles
        self.career: Career[Role] = Career(profile.roles, profile.as_of)
        # Shared intermediate results (e.g. China points used by the work permit and the R visa).
        self.cache: dict[Any, Any] = {}


def tech_employer(
    role: Role,
    *,
    min_valuation_usd: Decimal,
    min_funding_usd: Decimal,
    min_aum_usd: Decimal | None,
    min_revenue_usd: Decimal | None = None,
) -> Tri:
    """A qualifying tech employer (Tech.Pass and ONE Pass AI and Tech share this test): a tech company on its
    valuation or funding raised (and revenue, where the rule names it); a tech VC firm only on its assets
    under management, never on funds it raised. `min_aum_usd` None: VC firms do not qualify."""
    kind = role.organisation_type
    figures = [ge(role.valuation_usd, min_valuation_usd), ge(role.funding_raised_usd, min_funding_usd)]
    if min_revenue_usd is not None:
        figures.append(ge(role.annual_revenue_usd, min_revenue_usd))
    company = all3(None if kind is None else kind == "tech_company", any3_of(figures))
    if min_aum_usd is None or company:
        return company
    vc = all3(None if kind is None else kind == "tech_vc", ge(role.aum_usd, min_aum_usd))
    return any3(company, vc)


def current_or_last(roles: list[Role]) -> list[Role]:
    """The ongoing roles, or else the role(s) that ended last."""
    ongoing = [r for r in roles if r.end is None]
    if ongoing:
        return ongoing
    last = max(r.end for r in roles if r.end is not None)
    return [r for r in roles if r.end == last]


def current_employer_roles(roles: list[Role]) -> list[Role]:
    """The current or most recent role(s), plus earlier roles at the same organisation (e.g. a promotion)."""
    recent = current_or_last(roles)
    names = {r.organisation.strip().casefold() for r in recent if r.organisation}
    ids = {id(r) for r in recent}
    return [
        r
        for r in roles
        if id(r) in ids or (r.organisation is not None and r.organisation.strip().casefold() in names)
    ]


class MoneyCheck:
    """An applicant amount measured in a rule's currency. `value` None = unknown (absent or no rate).

    `pairs` are the exchange rates the conversion used: () when the amount is already in `target`, None when
    no rate is known.
    """

    __slots__ = ("money", "near", "pairs", "rate_date", "stale", "target", "tolerance", "value")

    def __init__(
        self,
        money: MoneyLike | None,
        target: str,
        value: Decimal | None,
        pairs: tuple[str, ...] | None,
        *,
        tolerance: Decimal = DEFAULT_TOLERANCE,
        rate_date: date | None = None,
        stale: bool = False,
    ) -> None:
        self.money = money
        self.target = target
        self.value = value
        self.pairs = pairs
        self.tolerance = tolerance
        self.rate_date = rate_date
        # The conversion used a rate older than the maximum age: the amount names the rate's date.
        self.stale = stale
        # The threshold a converted amount came within the tolerance band of (None: none so far).
        self.near: Decimal | None = None

    def near_to(self, threshold: Decimal) -> bool:
        """A converted amount within the tolerance band of `threshold` (either side)."""
        if self.value is None or not self.pairs:
            return False
        return abs(self.value - threshold) <= threshold * self.tolerance

    def at_least(self, threshold: Decimal) -> Tri:
        """True/False, or None when unknown or when a converted amount is too close to call."""
        if self.value is None:
            return None
        if self.near_to(threshold):
            self.near = threshold
            return None
        return self.value >= threshold

    @property
    def actual(self) -> Message:
        if self.money is None:
            return NOT_GIVEN
        if self.value is None:
            return msg(
                gettext_noop("{amount} (no exchange rate to {currency})"),
                amount=self.money,
                currency=self.target,
            )
        if not self.pairs:
            return msg(gettext_noop("{amount}"), amount=self.money)
        if self.stale and self.rate_date is not None:
            return msg(
                gettext_noop("{amount} (about {converted} at the rate of {date})"),
                amount=self.money,
                converted=Amount(self.value, self.target),
                date=self.rate_date,
            )
        return msg(
            gettext_noop("{amount} (about {converted})"),
            amount=self.money,
            converted=Amount(self.value, self.target),
        )

    @property
    def missing_rate(self) -> Message | None:
        """Why the amount cannot decide: no rate, or a converted amount within the tolerance band."""
        if self.near is not None and self.money is not None and self.value is not None:
            return msg(
                gettext_noop(
                    "Converted at the {pairs} rate of {date}, {amount} is about {converted}, within {band} of "
                    "{threshold}: the rate the authority uses could decide, so a consultant must check."
                ),
                pairs=", ".join(self.pairs or ()),
                date=self.rate_date or NOT_GIVEN,
                amount=self.money,
                converted=Amount(self.value, self.target),
                band=f"{self.tolerance:.0%}",
                threshold=Amount(self.near, self.target),
            )
        if self.money is None or self.value is not None:
            return None
        return msg(
            gettext_noop(
                "No exchange rate from {source} to {target} is available, so this cannot be checked; "
                "add the rate or give the amount in {target}."
            ),
            source=self.money.currency,
            target=self.target,
        )


def money_in(ctx: Context, money: MoneyLike | None, currency: str) -> MoneyCheck:
    """`money` measured in `currency`, recording in `ctx` the exchange rates used."""
    if money is None:
        return MoneyCheck(money=None, target=currency, value=None, pairs=None)
    converted = ctx.rates.convert_amount(money.amount, money.currency, currency)
    if converted is None:
        return MoneyCheck(money=money, target=currency, value=None, pairs=None)
    value, pairs = converted
    ctx.used.update(pairs)
    rate_date = min((ctx.rates.dates[pair] for pair in pairs), default=None)
    return MoneyCheck(
        money=money,
        target=currency,
        value=value,
        pairs=pairs,
        tolerance=ctx.rates.tolerance,
        rate_date=rate_date,
        stale=rate_date is not None and ctx.rates.stale(rate_date, ctx.as_of),
    )


def money_status(verdict: Tri, *checks: MoneyCheck) -> CriterionStatus:
    """`status_of(verdict)`, but review where a converted amount too close to a threshold left it open."""
    if verdict is None and any(check.near is not None for check in checks):
        return CriterionStatus.REVIEW
    return status_of(verdict)


def sgd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "SGD")


def usd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "USD")


class Gaps:
    """What-if sentences, ordered smallest change first: failed criteria by relative gap, then unknowns.

    Items are (order key, message) in the order added; reading them sorts stably, so equal keys keep that order.
    """

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[float, LazyMessage]] = []

    def failed(self, gap_ratio: float, message: LazyMessage) -> None:
        self.items.append((gap_ratio if 0.0 <= gap_ratio <= 1.0 else 1.0, message))

    def unknown(self, message: LazyMessage) -> None:
        self.items.append((2.0, message))


def gap(have: Decimal | int | None, need: Decimal | int) -> float:
    """The relative shortfall (0 = none, 1 = everything), used only to order what-ifs."""
    if have is None or not need:
        return 1.0
    return (float(need) - float(have)) / float(need)


SUMMARIES: dict[Outcome, str] = {
    Outcome.ELIGIBLE: gettext_noop("You meet every published criterion for {pathway} on the facts given."),
    Outcome.LIKELY_ELIGIBLE: gettext_noop(
        "You appear to meet the criteria for {pathway}, but a criterion rests on an unconfirmed rule or on the "
        "authority's judgement: verify before applying."
    ),
    Outcome.NEEDS_REVIEW: gettext_noop(
        "A consultant must judge at least one criterion for {pathway} before you apply."
    ),
    Outcome.INSUFFICIENT_INFORMATION: gettext_noop(
        "Some facts needed for {pathway} are missing; the criteria marked unknown say which."
    ),
    Outcome.NOT_ELIGIBLE: gettext_noop(
        "At least one required criterion for {pathway} is not met on these facts."
    ),
    Outcome.NOT_OPEN: gettext_noop("{pathway} takes no applications of this type on {as_of}."),
}


# Each pathway's summary for each outcome but not_open (which names the day: see closed_summary).
PATHWAY_SUMMARIES: dict[str, dict[Outcome, Message]] = {
    pathway: {
        outcome: msg(text, pathway=msg(name))
        for outcome, text in SUMMARIES.items()
        if outcome not in (Outcome.NOT_OPEN, Outcome.NOT_APPLICABLE)
    }
    for pathway, name in NAMES.items()
}


def closed_summary(version: RuleVersion[Any], as_of: date) -> Message:
    """Why the pathway takes no applications: the version's own closure summary, else the general one."""
    text = version.closure or SUMMARIES[Outcome.NOT_OPEN]
    params = {"pathway": msg(NAMES[version.pathway]), "as_of": as_of}
    return msg(text, **{name: value for name, value in params.items() if f"{{{name}}}" in text})


def finish(
    version: RuleVersion[Any],
    outcome: Outcome,
    criteria: list[Criterion],
    gaps: Gaps,
    catalogue: Mapping[str, tuple[Message, ...]],
    ctx: Context,
    *,
    summary: Message | None = None,
    base_documents: tuple[Message, ...] = (PASSPORT,),
) -> PathwayResult:
    """The pathway result: documents only where the outcome is not a clear no, what-ifs unless not open."""
    outcome = capped(outcome, version.outcome_cap)
    return PathwayResult(
        pathway=version.pathway,
        outcome=outcome,
        rule_version=version.id,
        summary=summary or PATHWAY_SUMMARIES[version.pathway][outcome],
        criteria=criteria,
        what_if_items=gaps.items,
        document_catalogue=None if outcome is Outcome.NOT_ELIGIBLE else catalogue,
        base_documents=base_documents,
    )


def not_open(version: RuleVersion[Any], ctx: Context) -> PathwayResult:
    return PathwayResult(
        pathway=version.pathway,
        outcome=Outcome.NOT_OPEN,
        rule_version=version.id,
        summary=closed_summary(version, ctx.as_of),
        base_documents=(),
    )


CITIZEN_SUMMARY = gettext_noop(
    "As a citizen of {country} you need no visa or pass to work there, so {pathway} does not apply to you."
)
RESIDENT_SUMMARY = gettext_noop(
    "As a permanent resident of {country} you need no visa or pass to work there, so {pathway} does not "
    "apply to you."
)


def home_countries(profile: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The engine's country codes (lower case) the person is a citizen of, and a permanent resident of."""
    citizenships = {profile.nationality, *(profile.other_citizenships or ())}
    residences = set(profile.permanent_residence or ())
    return (
        frozenset(code.lower() for code in citizenships if code),
        frozenset(code.lower() for code in residences),
    )


def not_applicable(version: RuleVersion[Any], country: str, *, citizen: bool) -> PathwayResult:
    """Contract v2: no visa or pass is needed in the person's own country; one sentence, no criteria."""
    text = CITIZEN_SUMMARY if citizen else RESIDENT_SUMMARY
    return PathwayResult(
        pathway=version.pathway,
        outcome=Outcome.NOT_APPLICABLE,
        rule_version=version.id,
        summary=msg(text, country=msg(COUNTRY_NAMES[country]), pathway=msg(NAMES[version.pathway])),
        base_documents=(),
    )


NOT_COLLECTED = msg(gettext_noop("not collected by this self-assessment"))


def renewal_review(
    version: RuleVersion[Any], ctx: Context, requirement: Message, explanation: Message
) -> PathwayResult:
    """Renewal criteria that rest on facts this self-assessment does not collect: a consultant reviews."""
    texts = (requirement, NOT_COLLECTED, explanation)
    item = Criterion(
        version=version, code="renewal_criteria", status=CriterionStatus.REVIEW, texts=lambda: texts
    )
    return finish(version, Outcome.NEEDS_REVIEW, [item], Gaps(), {}, ctx)
