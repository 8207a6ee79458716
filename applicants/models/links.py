"""What the e-mailed one-time links need to be one-time, and what a link waits to confirm.

The links themselves are signed and expire (`applicants.tokens`); these rows make "used" a fact in
the database that only one request can establish.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UsedLink(models.Model):
    """A link that has been used. Using a link is inserting its row: the unique digest lets exactly
    one of two simultaneous requests succeed, whatever the database's isolation level."""

    digest = models.CharField(_("SHA-256 of the link's token"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("used link")
        verbose_name_plural = _("used links")

    def __str__(self) -> str:
        return f"{self.digest[:12]}… {self.used_at:%Y-%m-%d %H:%M}"


class PendingSubmission(models.Model):
    """A self-assessment saved with the e-mail address of an applicant who already exists.

    Typing an address proves nothing, so nothing is added to that applicant until someone opens the
    link e-mailed to the address and confirms (giving the consents themselves). The case reference is
    reserved now, so the page after saving looks the same whether or not the address was known.
    Unconfirmed rows are deleted once their link has expired.
    """

    reference = models.CharField(_("reserved case reference"), max_length=12, unique=True)
    email = models.EmailField(_("e-mail typed"))
    full_name = models.CharField(_("name typed"), max_length=200)
    preferred_language = models.CharField(_("preferred language"), max_length=8)
    profile = models.JSONField(_("profile"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("assessment waiting for confirmation")
        verbose_name_plural = _("assessments waiting for confirmation")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference
