"""What the e-mailed one-time links need to be one-time, and what a link waits to confirm or restore.

The links themselves are signed and expire (`applicants.tokens`); these rows make "used" a fact in
the database that only one request can establish.
"""

from __future__ import annotations

from datetime import datetime

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


class IntakeDraftQuerySet(models.QuerySet["IntakeDraft"]):
    def expired(self, now: datetime) -> IntakeDraftQuerySet:
        return self.filter(expires_at__lt=now)


class IntakeDraft(models.Model):
    """Self-assessment answers saved to continue later, with only an e-mail address: no case, no person.

    The address gets a one-time link that expires with the draft (`tokens.make_draft_token`); using it
    puts the answers back in the browser's session and deletes the draft. Drafts never used are deleted
    by the retention sweep once they expire, so nothing is kept beyond their lifetime.
    """

    email = models.EmailField(_("e-mail typed"))
    preferred_language = models.CharField(_("language of the e-mail"), max_length=8)
    answers = models.JSONField(_("answers as typed, per step"))
    consent_text_version = models.CharField(_("consent wording version"), max_length=20)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    objects = IntakeDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment saved to continue later")
        verbose_name_plural = _("self-assessments saved to continue later")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"draft {self.pk} (expires {self.expires_at:%Y-%m-%d})"
