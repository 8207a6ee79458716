"""Assessment data: immutable snapshots of engine runs, the exchange rates the engine converts with, and
the advice letters rendered from snapshots.

A snapshot is evidence: it is written once by `assessments.services.run_assessment` and never changed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import Storage, storages
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
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


class ExchangeRateQuerySet(models.QuerySet["ExchangeRate"]):
    def in_force_on(self, day: date) -> list[ExchangeRate]:
        """For each currency pair, the newest rate effective on or before `day`."""
        rates = self.filter(effective_on__lte=day).order_by("base", "quote", "-effective_on")
        latest: dict[tuple[str, str], ExchangeRate] = {}
        for rate in rates:
            latest.setdefault((rate.base, rate.quote), rate)
        return list(latest.values())

    def rates_on(self, day: date) -> ExchangeRates:
        """The engine's rate table for `day` (pairs such as "USD/SGD" -> Decimal)."""
        in_force = self.in_force_on(day)
        return ExchangeRates(
            on=max((rate.effective_on for rate in in_force), default=day),
            rates={rate.pair: rate.rate for rate in in_force},
            dates={rate.pair: rate.effective_on for rate in in_force},
            tolerance=settings.EXCHANGE_RATE_TOLERANCE,
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


class LetterLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh-hans", _("Simplified Chinese")
    BILINGUAL = "bilingual", _("English and Simplified Chinese")

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The Django language codes the letter is written in, in the order they are printed."""
        if self is LetterLanguage.BILINGUAL:
            return ("en", "zh-hans")
        return (str(self.value),)


class _LetterStorage(LazyObject):
    """`storages["letters"]`, looked up when first used and again after STORAGES changes (tests)."""

    _wrapped: object

    def _setup(self) -> None:
        self._wrapped = storages["letters"]


letter_storage = _LetterStorage()


@receiver(setting_changed)
def _forget_letter_storage(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        letter_storage._wrapped = empty


def _letter_storage() -> Storage:
    return cast(Storage, letter_storage)


def _letter_path(letter: AdviceLetter, filename: str) -> str:
    return f"{letter.case.reference}/{letter.reference}.pdf"


class AdviceLetterQuerySet(models.QuerySet["AdviceLetter"]):
    def failed(self) -> AdviceLetterQuerySet:
        return self.filter(status=AdviceLetter.Status.FAILED)

    def ready(self) -> AdviceLetterQuerySet:
        return self.filter(status=AdviceLetter.Status.READY)

    def stuck(
        self, *, now: datetime, queued_for: timedelta, rendering_for: timedelta
    ) -> AdviceLetterQuerySet:
        """Letters no worker is moving: queued and not (re-)enqueued for `queued_for`, or claimed by a
        worker longer ago than `rendering_for` (it died, or the broker lost the message)."""
        return self.filter(
            models.Q(status=AdviceLetter.Status.QUEUED, enqueued_at__lt=now - queued_for)
            | models.Q(status=AdviceLetter.Status.RENDERING, rendering_started_at__lt=now - rendering_for)
        )

    def of_applicant_user(self, user: AbstractBaseUser | AnonymousUser) -> AdviceLetterQuerySet:
        """Letters on the cases of the applicant whose portal login is `user` (none for anyone else)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(case__applicant__user_id=user.pk)


class AdviceLetter(models.Model):
    """One rendered (or to-be-rendered) version of a case's advice letter. Never overwritten.

    A new request is a new row with the next `version`; the PDF is kept in private storage (no URL)
    and streamed only by permission-checked views. Status moves queued → rendering → ready | failed
    through `assessments.services` alone; a rendering letter whose worker died goes back to queued.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    Language = LetterLanguage

    case = models.ForeignKey(
        "applicants.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="advice_letters"
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="advice_letters",
        help_text=_("The snapshot the letter was rendered from."),
    )
    version = models.PositiveIntegerField(
        _("version"), help_text=_("1 for the case's first letter, then 2, 3…")
    )
    language = models.CharField(_("language"), max_length=10, choices=LetterLanguage.choices)
    consultant_note = models.TextField(
        _("consultant's note"), blank=True, help_text=_("Printed in the letter as the consultant wrote it.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(
        _("render attempts"), default=0, help_text=_("How many times a worker started rendering it.")
    )
    last_error = models.TextField(
        _("last error"), blank=True, help_text=_("Why the last attempt did not produce the letter.")
    )
    file = models.FileField(
        _("PDF"), storage=_letter_storage, upload_to=_letter_path, blank=True, max_length=200
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    enqueued_at = models.DateTimeField(
        _("last sent to the workers"), default=timezone.now, help_text=_("When it was last put on the queue.")
    )
    rendering_started_at = models.DateTimeField(_("rendering started"), null=True, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    notified_at = models.DateTimeField(
        _("ready e-mails sent"),
        null=True,
        blank=True,
        help_text=_("When the applicant and consultant were told."),
    )

    objects = AdviceLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("advice letter")
        verbose_name_plural = _("advice letters")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="advice_letter_version_per_case"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="advice_letter_version_positive"),
            models.CheckConstraint(
                condition=models.Q(language__in=LetterLanguage.values), name="advice_letter_language_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready")
                | (
                    models.Q(page_count__gte=1, ready_at__isnull=False)
                    & ~models.Q(file="")
                    & ~models.Q(sha256="")
                ),
                name="advice_letter_ready_has_its_pdf",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="failed") | ~models.Q(last_error=""),
                name="advice_letter_failure_says_why",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "enqueued_at"], name="advice_letter_queue_idx"),
            models.Index(fields=["case", "-version"], name="advice_letter_case_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The reference printed on the letter: the case reference and the version, e.g. TP-7K3M9Q-L2."""
        return f"{self.case.reference}-L{self.version}"

    def download_name(self) -> str:
        """A file name that says what it is: advice-letter-TP-7K3M9Q-L2-en.pdf."""
        return f"advice-letter-{self.reference}-{self.language}.pdf"
