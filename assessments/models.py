"""Assessment data: immutable snapshots of engine runs and the exchange rates the engine converts with.

A snapshot is evidence: it is written once by `assessments.services.run_assessment` and never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .engine import ExchangeRates


class ImmutableSnapshotError(Exception):
    """Raised on any attempt to change a stored assessment snapshot."""


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableSnapshotError("Assessment snapshots cannot be updated; run a new assessment instead.")

    def latest_first(self) -> AssessmentQuerySet:
        return self.order_by("-created_at", "-pk")


class Assessment(models.Model):
    """An immutable snapshot of one run of the eligibility engine."""

    applicant = models.ForeignKey(
        "applicants.Applicant",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    case = models.ForeignKey(
        "applicants.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    as_of = models.DateField(_("rules as of"), help_text=_("The day whose rule versions were applied."))
    inputs = models.JSONField(
        _("profile"), encoder=DjangoJSONEncoder, help_text=_("The applicant profile exactly as it was given.")
    )
    results = models.JSONField(_("results"), help_text=_("The engine's output, per pathway."))
    rule_versions = models.JSONField(
        _("rule versions"), help_text=_("Pathway code → rule version id applied.")
    )
    engine_version = models.CharField(_("engine version"), max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system ran it (e.g. re-assessment after a rule change)."),
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["case", "-created_at"], name="assessment_case_latest_idx")]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.as_of.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An invariant, not a side effect: a stored snapshot must never be rewritten.
        if not self._state.adding:
            raise ImmutableSnapshotError(
                "Assessment snapshots cannot be updated; run a new assessment instead."
            )
        super().save(*args, **kwargs)

    def outcomes(self) -> dict[str, str]:
        """Pathway code → outcome word, read from the stored results."""
        results = self.results.get("results", []) if isinstance(self.results, dict) else []
        return {str(r.get("pathway")): str(r.get("outcome")) for r in results if isinstance(r, dict)}


_currency = RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code, e.g. SGD."))


@dataclass(frozen=True)
class StalePair:
    """A currency pair whose newest rate is older than the maximum age."""

    base: str
    quote: str
    newest: date

    @property
    def pair(self) -> str:
        return f"{self.base}/{self.quote}"


class ExchangeRateQuerySet(models.QuerySet["ExchangeRate"]):
    def stale_pairs(self, today: date, max_age_days: int) -> list[StalePair]:
        """The pairs whose newest rate is more than `max_age_days` before `today`, oldest first (one query)."""
        cutoff = today - timedelta(days=max_age_days)
        rows = (
            self.order_by()
            .values("base", "quote")
            .annotate(newest=models.Max("effective_on"))
            .filter(newest__lt=cutoff)
            .order_by("newest", "base", "quote")
        )
        return [StalePair(row["base"], row["quote"], row["newest"]) for row in rows]

    def in_force_on(self, day: date) -> list[ExchangeRate]:
        """For each currency pair, the newest rate effective on or before `day`."""
        rates = self.filter(effective_on__lte=day).order_by("base", "quote", "-effective_on")
        latest: dict[tuple[str, str], ExchangeRate] = {}
        for rate in rates:
            latest.setdefault((rate.base, rate.quote), rate)
        return list(latest.values())

    def rates_on(self, day: date) -> ExchangeRates:
        """The engine's rate table for `day` (pairs such as "USD/SGD" -> Decimal), in one query of the
        four columns it needs (no model instances: the result page asks on every submission)."""
        rows = (
            self.filter(effective_on__lte=day)
            .order_by("base", "quote", "-effective_on")
            .values_list("base", "quote", "rate", "effective_on")
        )
        rates: dict[str, Decimal] = {}
        dates: dict[str, date] = {}
        for base, quote, rate, effective_on in rows:
            pair = f"{base}/{quote}"
            if pair not in rates:  # the newest on or before `day` comes first
                rates[pair] = rate
                dates[pair] = effective_on
        return ExchangeRates(
            on=max(dates.values(), default=day),
            rates=rates,
            dates=dates,
            tolerance=settings.EXCHANGE_RATE_TOLERANCE,
            max_age_days=settings.EXCHANGE_RATE_MAX_AGE_DAYS,
        )


class ExchangeRate(models.Model):
    """1 `base` = `rate` `quote`, from `effective_on` until a newer rate for the pair takes over.

    Singapore accepts foreign salaries "or equivalent" without saying which rate applies, so the rate
    used is recorded in every assessment. Staff keep this table current in the admin.
    """

    base = models.CharField(_("from currency"), max_length=3, validators=[_currency])
    quote = models.CharField(_("to currency"), max_length=3, validators=[_currency])
    rate = models.DecimalField(
        _("rate"),
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text=_("How many units of the 'to' currency one unit of the 'from' currency buys."),
    )
    effective_on = models.DateField(
        _("effective on"),
        help_text=_("Assessments for this day or later use this rate, until a newer one for the pair."),
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the rate comes from.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["base", "quote", "-effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "quote", "effective_on"], name="one_rate_per_pair_per_day"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(
                condition=~models.Q(base=models.F("quote")), name="exchange_rate_distinct_currencies"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate.normalize()} {self.quote} (from {self.effective_on})"

    @property
    def pair(self) -> str:
        return f"{self.base}/{self.quote}"
