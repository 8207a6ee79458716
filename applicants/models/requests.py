"""Data protection records: an applicant's requests about their own data (a copy, or erasure), and
the runs of the retention schedule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Applicant


class DataRequest(models.Model):
    """One request, when it was made, and when and by whom on the staff it was approved and carried out.

    An approved export keeps its archive (private storage) until the retention schedule deletes it;
    an approved deletion leaves the applicant anonymised (`services.privacy.erase_applicant`).
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Download my data")
        DELETION = "deletion", _("Delete my account")

    applicant = models.ForeignKey(
        Applicant, verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="data_requests"
    )
    kind = models.CharField(_("request"), max_length=16, choices=Kind.choices)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who approved and carried out the request."),
    )
    archive = models.FileField(
        _("export archive"),
        upload_to="exports/%Y/%m/",
        blank=True,
        help_text=_("The data and documents handed to the applicant; deleted by the retention schedule."),
    )

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request of each kind at a time: asking twice must not create a second.
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(kind="deletion", completed_at__isnull=True),
                name="one_open_deletion_request",
            ),
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(kind="export", completed_at__isnull=True),
                name="one_open_export_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class RetentionRun(models.Model):
    """One run of the retention schedule and what it purged, per data category (counts only)."""

    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    purged = models.JSONField(_("purged"), default=dict, help_text=_("Data category → records purged."))

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(int(count) for count in self.purged.values())
