"""What every pathway module shares: the per-profile context, three-valued logic, money checks,
and the assembly of a PathwayResult.

Speed matters here (the engine assesses tens of thousands of profiles a second): wording is built
lazily (criteria texts and what-ifs are thunks), constant messages are module constants, and
summaries are cached per pathway and outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.descriptions import NAMES
from assessments.engine.messages import Amount, Message, MoneyLike, gettext_noop, msg
from assessments.engine.profile import Profile, Role
from assessments.engine.rates import ExchangeRates
from assessments.engine.result import (
    ELIGIBLE,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    NOT_OPEN,
    Criterion,
    CriterionStatus,
    LazyMessage,
    Outcome,
    PathwayResult,
    capped,
)
from assessments.engine.result import (
    MET as MET,
)
from assessments.engine.result import (
    NOT_MET as NOT_MET,
)
from assessments.engine.result import (
    REVIEW as REVIEW,
)
from assessments.engine.result import (
    UNKNOWN as UNKNOWN,
)
from assessments.engine.rules.base import RuleVersion
from assessments.engine.years import Career

Tri = bool | None

NOT_GIVEN = msg(gettext_noop("not given"))
YES = msg(gettext_noop("yes"))
NO = msg(gettext_noop("no"))
PASSPORT = msg(gettext_noop("Passport bio page"))


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
    """`any3` over an iterable (a list comprehension is cheaper than a generator for a few items)."""
    unknown = False
    for value in values:
        if value:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


def or3(a: Tri, b: Tri) -> Tri:
    """Kleene OR of two values: `any3(a, b)` without the cost of packing arguments (hot paths)."""
    if a or b:
        return True
    return None if a is None or b is None else False


def and3(a: Tri, b: Tri) -> Tri:
    """Kleene AND of two values: `all3(a, b)` without the cost of packing arguments (hot paths)."""
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def ge(value: Decimal | int | None, threshold: Decimal | int) -> Tri:
    return None if value is None else value >= threshold


def status_of(verdict: Tri) -> CriterionStatus:
    return MET if verdict else (UNKNOWN if verdict is None else NOT_MET)


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


class MoneyCheck:
    """An applicant amount measured in a rule's currency. `value` None = unknown (absent or no rate).

    `pairs` are the exchange rates the conversion used: () when the amount is already in `target`, None when
    no rate is known.
    """

    __slots__ = ("money", "pairs", "target", "value")

    def __init__(
        self,
        money: MoneyLike | None,
        target: str,
        value: Decimal | None,
        pairs: tuple[str, ...] | None,
    ) -> None:
        self.money = money
        self.target = target
        self.value = value
        self.pairs = pairs

    def at_least(self, threshold: Decimal) -> Tri:
        return None if self.value is None else self.value >= threshold

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
        return msg(
            gettext_noop("{amount} (about {converted})"),
            amount=self.money,
            converted=Amount(self.value, self.target),
        )

    @property
    def missing_rate(self) -> Message | None:
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


_NO_MONEY: dict[str, MoneyCheck] = {}


def money_in(ctx: Context, money: MoneyLike | None, currency: str) -> MoneyCheck:
    """`money` measured in `currency`, recording the rates used; the same amount is converted once per profile."""
    if money is None:
        check = _NO_MONEY.get(currency)
        if check is None:
            check = _NO_MONEY[currency] = MoneyCheck(None, currency, None, None)
        return check
    key = (id(money), currency)
    check = ctx.cache.get(key)
    if check is None:
        converted = (
            (money.amount, ())
            if money.currency == currency
            else ctx.rates.convert_amount(money.amount, money.currency, currency)
        )
        if converted is None:
            check = MoneyCheck(money, currency, None, None)
        else:
            check = MoneyCheck(money, currency, *converted)
            if converted[1]:
                ctx.used.update(converted[1])
        ctx.cache[key] = check
    return check


def sgd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "SGD")


def usd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "USD")


class Gaps:
    """What-if sentences, ordered smallest change first: failed criteria by relative gap, then unknowns.

    Items are (order key, message) in the order added; reading them sorts stably, so equal keys keep that order.
    (Not a list subclass: the compiled build's mypyc cannot compile one.)
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
# The summaries that name only the pathway, built once: finish() runs for every pathway of every profile.
_SUMMARY: dict[str, dict[Outcome, Message]] = {
    pathway: {
        outcome: msg(text, pathway=msg(name))
        for outcome, text in SUMMARIES.items()
        if outcome is not NOT_OPEN
    }
    for pathway, name in NAMES.items()
}


def default_summary(pathway: str, outcome: Outcome, as_of: date) -> Message:
    if outcome is NOT_OPEN:
        return msg(SUMMARIES[outcome], pathway=msg(NAMES[pathway]), as_of=as_of)
    return _SUMMARY[pathway][outcome]


# A criterion is built by its constructor directly (one call per criterion on the hot path):
# criterion(version, code, status, texts, cap=ELIGIBLE).
criterion = Criterion


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
    if version.outcome_cap is not ELIGIBLE:
        outcome = capped(outcome, version.outcome_cap)
    # Positional arguments: a dataclass __init__ called with keywords costs twice as much.
    return PathwayResult(
        version.pathway,
        outcome,
        version.id,
        summary or _SUMMARY[version.pathway][outcome],
        criteria,
        gaps.items,
        None if outcome is NOT_ELIGIBLE else catalogue,
        base_documents,
        None,
    )


def not_open(version: RuleVersion[Any], ctx: Context, summary: Message | None = None) -> PathwayResult:
    return PathwayResult(
        version.pathway,
        NOT_OPEN,
        version.id,
        summary or default_summary(version.pathway, NOT_OPEN, ctx.as_of),
        [],
        [],
        None,
        (),
        None,
    )


NOT_COLLECTED = msg(gettext_noop("not collected by this self-assessment"))


def renewal_review(
    version: RuleVersion[Any], ctx: Context, requirement: Message, explanation: Message
) -> PathwayResult:
    """Renewal criteria that rest on facts this self-assessment does not collect: a consultant reviews."""
    texts = (requirement, NOT_COLLECTED, explanation)
    item = criterion(version, "renewal_criteria", REVIEW, lambda: texts)
    return finish(version, NEEDS_REVIEW, [item], Gaps(), {}, ctx)
