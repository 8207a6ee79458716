"""Secure messages on a case, between the applicant (portal) and the consultancy (admin)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case


class Side(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    CONSULTANCY = "consultancy", _("Consultancy")


class MessageQuerySet(models.QuerySet["Message"]):
    def unread_by(self, side: str) -> MessageQuerySet:
        """Messages the other side wrote that `side` has not opened yet."""
        return self.filter(read_at__isnull=True).exclude(side=side)

    def unread_by_applicant(self) -> MessageQuerySet:
        return self.unread_by(Side.APPLICANT)

    def unread_by_consultancy(self) -> MessageQuerySet:
        return self.unread_by(Side.CONSULTANCY)


class Message(models.Model):
    """One message on a case, written by the applicant or by the consultancy's staff, with at most one
    attachment (checked like a document upload). It is addressed to the other side, whose opening of the
    conversation sets `read_at`. Written only by `applicants.services.messages`."""

    Side = Side
    MAX_LENGTH = 5000

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("written on the side of"), max_length=12, choices=Side.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("message"))
    attachment = models.FileField(_("attachment"), upload_to="case-messages/%Y/%m/", blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read by the other side"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="message_has_body"),
            models.CheckConstraint(
                condition=models.Q(side__in=["applicant", "consultancy"]), name="message_side_known"
            ),
        ]
        indexes = [models.Index(fields=["case", "side", "read_at"], name="message_unread_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.side} {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def is_from_applicant(self) -> bool:
        return self.side == Side.APPLICANT
