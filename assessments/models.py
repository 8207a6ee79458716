"""Assessment snapshots: what was assessed, under which rule versions, with what result, by whom.

A snapshot is evidence: it is written once by `assessments.services.run_assessment` and never changed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    inputs = models.JSONField(_("profile"), help_text=_("The applicant profile exactly as it was given."))
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
