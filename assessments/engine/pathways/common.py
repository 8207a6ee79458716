"""What every pathway module shares: the per-profile context, three-valued logic, money checks,
and the assembly of a PathwayResult (summary, what-if order, documents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from assessments.engine.messages import Amount, Message, MoneyLike, gettext_noop, msg
from assessments.engine.profile import Profile
from assessments.engine.rates import Conversion, ExchangeRates
from assessments.engine.result import Criterion, CriterionStatus, Outcome, PathwayResult, capped
from assessments.engine.rules.base import RuleVersion

MET = CriterionStatus.MET
NOT_MET = CriterionStatus.NOT_MET
UNKNOWN = CriterionStatus.UNKNOWN
REVIEW = CriterionStatus.REVIEW

Tri = bool | None

PATHWAY_NAMES: dict[str, Message] = {
    "sg_tech_pass": msg(gettext_noop("Tech.Pass")),
    "sg_one_pass": msg(gettext_noop("ONE Pass")),
    "sg_one_pass_ai_tech": msg(gettext_noop("ONE Pass (AI and Tech)")),
    "sg_employment_pass": msg(gettext_noop("Employment Pass")),
    "sg_entrepass": msg(gettext_noop("EntrePass")),
    "cn_k_visa": msg(gettext_noop("K visa")),
    "cn_work_permit": msg(gettext_noop("China work permit")),
    "cn_r_visa": msg(gettext_noop("R visa (high-level talent)")),
}

NOT_GIVEN = msg(gettext_noop("not given"))
PASSPORT = msg(gettext_noop("Passport bio page"))


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

    __slots__ = ("age", "as_of", "cache", "profile", "rates", "used")

    def __init__(self, profile: Profile, rates: ExchangeRates) -> None:
        self.profile = profile
        self.as_of = profile.as_of
        self.rates = rates
        self.used: set[str] = set()
        self.age = age_on(profile.date_of_birth, profile.as_of)
        # Shared intermediate results (e.g. China points used by the work permit and the R visa).
        self.cache: dict[str, Any] = {}

    def convert(self, money: MoneyLike, target: str) -> Conversion | None:
        conversion = self.rates.convert(money, target)
        if conversion is not None:
            self.used.update(conversion.pairs)
        return conversion


@dataclass(slots=True)
class MoneyCheck:
    """An applicant amount measured in a rule's currency. `value` None = unknown (absent or no rate)."""

    value: Decimal | None
    actual: Message
    missing_rate: Message | None

    def at_least(self, threshold: Decimal) -> Tri:
        return None if self.value is None else self.value >= threshold


def money_in(ctx: Context, money: MoneyLike | None, currency: str) -> MoneyCheck:
    if money is None:
        return MoneyCheck(None, NOT_GIVEN, None)
    conversion = ctx.convert(money, currency)
    if conversion is None:
        return MoneyCheck(
            None,
            msg(gettext_noop("{amount} (no exchange rate to {currency})"), amount=money, currency=currency),
            msg(
                gettext_noop(
                    "No exchange rate from {source} to {target} is available, so this cannot be checked; "
                    "add the rate or give the amount in {target}."
                ),
                source=money.currency,
                target=currency,
            ),
        )
    if not conversion.pairs:
        return MoneyCheck(money.amount, msg(gettext_noop("{amount}"), amount=money), None)
    return MoneyCheck(
        conversion.amount.amount,
        msg(gettext_noop("{amount} (about {converted})"), amount=money, converted=conversion.amount),
        None,
    )


def sgd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "SGD")


def usd(value: Decimal | int) -> Amount:
    return Amount(Decimal(value), "USD")


class Gaps:
    """What-if sentences, ordered smallest change first: failed criteria by relative gap, then unknowns."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[float, int, Message]] = []

    def failed(self, gap_ratio: float, message: Message) -> None:
        self.items.append((min(max(gap_ratio, 0.0), 1.0), len(self.items), message))

    def unknown(self, message: Message) -> None:
        self.items.append((2.0, len(self.items), message))

    def ordered(self) -> list[Message]:
        return [message for _, _, message in sorted(self.items, key=lambda item: (item[0], item[1]))]


def gap(have: Decimal | int | None, need: Decimal | int) -> float:
    if have is None or not need:
        return 1.0
    return float((Decimal(need) - Decimal(have)) / Decimal(need))


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


def default_summary(pathway: str, outcome: Outcome, as_of: date) -> Message:
    if outcome is Outcome.NOT_OPEN:
        return msg(SUMMARIES[outcome], pathway=PATHWAY_NAMES[pathway], as_of=as_of)
    return msg(SUMMARIES[outcome], pathway=PATHWAY_NAMES[pathway])


def documents_for(
    criteria: Iterable[Criterion],
    catalogue: dict[str, tuple[Message, ...]],
    *,
    base: tuple[Message, ...] = (PASSPORT,),
) -> list[Message]:
    """Evidence for the criteria relied on (met, review or still unknown), without repeats."""
    seen: set[str] = set()
    documents: list[Message] = []
    for message in base:
        seen.add(message.id)
        documents.append(message)
    for criterion in criteria:
        if criterion.status is NOT_MET:
            continue
        for message in catalogue.get(criterion.code, ()):
            if message.id not in seen:
                seen.add(message.id)
                documents.append(message)
    return documents


def finish(
    version: RuleVersion[Any],
    outcome: Outcome,
    criteria: list[Criterion],
    gaps: Gaps,
    catalogue: dict[str, tuple[Message, ...]],
    ctx: Context,
    *,
    summary: Message | None = None,
    base_documents: tuple[Message, ...] = (PASSPORT,),
) -> PathwayResult:
    outcome = capped(outcome, version.outcome_cap)
    documents: list[Message] = []
    if outcome not in (Outcome.NOT_ELIGIBLE, Outcome.NOT_OPEN):
        documents = documents_for(criteria, catalogue, base=base_documents)
    return PathwayResult(
        pathway=version.pathway,
        outcome=outcome,
        rule_version=version.id,
        summary=summary or default_summary(version.pathway, outcome, ctx.as_of),
        criteria=criteria,
        what_if=gaps.ordered() if outcome is not Outcome.NOT_OPEN else [],
        documents=documents,
    )


def not_open(version: RuleVersion[Any], ctx: Context, summary: Message | None = None) -> PathwayResult:
    return PathwayResult(
        pathway=version.pathway,
        outcome=Outcome.NOT_OPEN,
        rule_version=version.id,
        summary=summary or default_summary(version.pathway, Outcome.NOT_OPEN, ctx.as_of),
    )


def renewal_review(
    version: RuleVersion[Any], ctx: Context, requirement: Message, explanation: Message
) -> PathwayResult:
    """Renewal criteria that rest on facts this self-assessment does not collect: a consultant reviews."""
    criterion = Criterion(
        code="renewal_criteria",
        status=REVIEW,
        requirement=requirement,
        actual=msg(gettext_noop("not collected by this self-assessment")),
        explanation=explanation,
        source=version.source_for("renewal_criteria"),
    )
    return finish(version, Outcome.NEEDS_REVIEW, [criterion], Gaps(), {}, ctx)
