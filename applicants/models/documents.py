"""The per-case document checklist and each item's review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case


class Document(models.Model):
    """One item of a case's checklist, the file uploaded for it, and the staff review of that file.

    A rejection or re-upload request always carries a reason written for the applicant.
    """

    class Review(models.TextChoices):
        REQUESTED = "requested", _("Requested (nothing uploaded)")
        UPLOADED = "uploaded", _("Uploaded, awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        REUPLOAD_REQUESTED = "reupload_requested", _("Re-upload requested")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("checklist item"), max_length=200)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required items must be accepted before the case is ready to file."),
    )
    file = models.FileField(_("file"), upload_to="case-documents/%Y/%m/", blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True, editable=False)
    review_status = models.CharField(
        _("review"), max_length=24, choices=Review.choices, default=Review.REQUESTED, editable=False
    )
    reason_for_applicant = models.TextField(
        _("reason shown to the applicant"),
        blank=True,
        editable=False,
        help_text=_("Why it was rejected or must be uploaded again, in words the applicant understands."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case", "-is_required", "name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "name"], name="document_item_once_per_case"),
            models.CheckConstraint(
                condition=~models.Q(review_status__in=["rejected", "reupload_requested"])
                | ~models.Q(reason_for_applicant=""),
                name="document_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_status__in=["accepted", "rejected", "reupload_requested"])
                | models.Q(reviewed_at__isnull=False),
                name="document_review_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_accepted(self) -> bool:
        return self.review_status == self.Review.ACCEPTED
