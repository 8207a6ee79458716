"""Advice letters: one row per rendered (or to-be-rendered) version of a case's letter, its PDF kept in
private storage, its status moved by `letters.services` alone.

The table was created by the `assessments` app (migration 0005) and moved here with its rows, files,
permissions and audit-log entries (letters/migrations/0001_initial.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment


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

    def drafts(self) -> AdviceLetterQuerySet:
        """Rendered letters no applicant has seen yet: staff read them before release."""
        return self.ready().filter(released_at__isnull=True)

    def released(self) -> AdviceLetterQuerySet:
        """Letters released to the applicant: the only ones the portal lists and downloads."""
        return self.filter(status=AdviceLetter.Status.READY, released_at__isnull=False)

    def awaiting_review_by(self, user: Any) -> AdviceLetterQuerySet:
        """Drafts of `user`'s cases (or requested by them) waiting for someone to release them."""
        return self.drafts().filter(models.Q(case__assigned_to=user) | models.Q(requested_by=user))

    def stalled(
        self, *, now: datetime, rendering_for: timedelta, queued_for: timedelta
    ) -> AdviceLetterQuerySet:
        """Renders whose worker died: claimed longer ago than `rendering_for` and never finished, or sent to
        the workers longer ago than `queued_for` and never taken. A retry waits in the memory of the worker
        that failed (Celery's countdown), and a worker killed whole takes the messages it had reserved but
        not started with it (Redis hands them out again only after its hour-long visibility timeout); either
        way the letter sits "queued". Letters whose render call still waits in the outbox (the broker is
        down) are not in this set: see `letters.services.sweep_stalled_renders`."""
        return self.filter(
            Q(status=AdviceLetter.Status.RENDERING, rendering_started_at__lt=now - rendering_for)
            | Q(status=AdviceLetter.Status.QUEUED, enqueued_at__lt=now - queued_for)
        )


class AdviceLetter(models.Model):
    """One rendered (or to-be-rendered) version of a case's advice letter. Never overwritten.

    A new request is a new row with the next `version`; the PDF is kept in private storage (no URL)
    and streamed only by permission-checked views. Status moves queued → rendering → ready | failed
    through `letters.services` alone; a rendering letter whose worker died goes back to queued.
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
        _("draft e-mail sent"),
        null=True,
        blank=True,
        help_text=_("When the consultant was told the draft is ready to review."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("second reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(
        _("released at"), null=True, blank=True, help_text=_("When the applicant could first see it.")
    )
    applicant_notified_at = models.DateTimeField(_("applicant e-mailed"), null=True, blank=True)
    applicant_downloaded_at = models.DateTimeField(
        _("first downloaded by the applicant"),
        null=True,
        blank=True,
        help_text=_("Until then the portal marks the letter as new."),
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
            models.CheckConstraint(
                condition=models.Q(released_at__isnull=True)
                | models.Q(status="ready", released_by__isnull=False),
                name="advice_letter_released_is_ready",
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

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def is_new_to_applicant(self) -> bool:
        return self.released_at is not None and self.applicant_downloaded_at is None

    def download_name(self) -> str:
        """A file name that says what it is: advice-letter-TP-7K3M9Q-L2-en.pdf."""
        return f"advice-letter-{self.reference}-{self.language}.pdf"


class ResultCopyQuerySet(models.QuerySet["ResultCopy"]):
    def expired(self, *, now: datetime) -> ResultCopyQuerySet:
        return self.filter(expires_at__lte=now)


class ResultCopy(models.Model):
    """A one-page PDF of a self-assessment result, asked for from the result page without opening a case.

    Rendered by the worker; a download is kept until it expires, an e-mail copy is deleted once sent.
    It holds only what that needs: the engine's output until the PDF is made, the address until the
    e-mail is sent, no name and no case. Written by `letters.result_copies` alone.
    """

    class Kind(models.TextChoices):
        DOWNLOAD = "download", _("download")
        EMAIL = "email", _("e-mail")

    class Status(models.TextChoices):
        QUEUED = "queued", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    language = models.CharField(
        max_length=10,
        choices=[(LetterLanguage.ENGLISH, _("English")), (LetterLanguage.CHINESE, _("Simplified Chinese"))],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    snapshot = models.JSONField(
        null=True, blank=True, help_text=_("The engine's output, until the PDF is made.")
    )
    email = models.EmailField(blank=True, help_text=_("Only for an e-mail copy, until it is sent."))
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = ResultCopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("result copy")
        verbose_name_plural = _("result copies")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="download", email="") | (Q(kind="email") & ~Q(email="")),
                name="result_copy_address_only_for_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} {self.created_at:%Y-%m-%d %H:%M}"
