"""Requests an applicant makes about their own data: a copy of it, or deleting the account."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Applicant


class DataRequest(models.Model):
    """One request, when it was made and (for an export, at once; for a deletion, by staff) completed."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Download my data")
        DELETION = "deletion", _("Delete my account")

    applicant = models.ForeignKey(
        Applicant, verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="data_requests"
    )
    kind = models.CharField(_("request"), max_length=16, choices=Kind.choices)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open deletion request at a time: asking twice must not create a second.
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(kind="deletion", completed_at__isnull=True),
                name="one_open_deletion_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None
