"""The case pipeline: pathways, cases with their status and dates, status history, notes, reminders."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from assessments.engine import PATHWAY_CODES, REGISTRY
from assessments.presentation import pathway_name

from .people import Applicant

# No 0/O, 1/I/L: a reference read out on the phone or copied from paper must not be ambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "TP-"
REFERENCE_LENGTH = 6


def generate_reference() -> str:
    """A random short human code such as TP-7K3M9Q (31^6 ≈ 887 million possibilities)."""
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Pathway(models.Model):
    """A visa or pass a case can target: one row per registry code (data migration). The code is all a
    row holds; its name comes from the engine's pathway registry, like everywhere else."""

    CODES = PATHWAY_CODES
    CHOICES = [(entry.code, gettext_lazy(entry.name)) for entry in REGISTRY]

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=CHOICES)

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["code"]

    def __str__(self) -> str:
        return pathway_name(self.code)


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_DOCUMENTS = "awaiting_documents", _("Awaiting documents")
    READY_TO_FILE = "ready_to_file", _("Ready to file")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (
    Status.NEW,
    Status.IN_REVIEW,
    Status.AWAITING_DOCUMENTS,
    Status.READY_TO_FILE,
    Status.SUBMITTED,
)
DECIDED_STATUSES = (Status.APPROVED, Status.REFUSED, Status.WITHDRAWN)
CLOSED_STATUSES = (Status.CLOSED,)

# How long a case should stay in each status before someone must act. Past it, the case is late.
# "submitted" waits on the authority (Tech.Pass ~8 weeks, renewals 12+), so it gets the longest target.
STATUS_TARGETS: dict[str, timedelta] = {
    Status.NEW: timedelta(days=2),
    Status.IN_REVIEW: timedelta(days=5),
    Status.AWAITING_DOCUMENTS: timedelta(days=21),
    Status.READY_TO_FILE: timedelta(days=5),
    Status.SUBMITTED: timedelta(days=84),
    Status.APPROVED: timedelta(days=14),
    Status.REFUSED: timedelta(days=14),
    Status.WITHDRAWN: timedelta(days=7),
}


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def assigned_to(self, user: User | AnonymousUser) -> CaseQuerySet:
        return self.filter(assigned_to=user.pk)

    def unassigned(self) -> CaseQuerySet:
        return self.filter(assigned_to__isnull=True)

    def late(self, *, now: datetime | None = None) -> CaseQuerySet:
        """Cases that stayed in their status longer than its target: one WHERE clause, no Python loop."""
        return self.filter(late_condition(now=now))

    def not_late(self, *, now: datetime | None = None) -> CaseQuerySet:
        return self.exclude(late_condition(now=now))

    def next_action_due(self, *, today: date) -> CaseQuerySet:
        return self.filter(next_action_on__lte=today)

    def expiring_within(self, days: int, *, today: date) -> CaseQuerySet:
        """Cases whose pass expires between today and `days` days from today (inclusive)."""
        return self.filter(pass_expires_on__gte=today, pass_expires_on__lte=today + timedelta(days=days))


def late_condition(*, now: datetime | None = None) -> models.Q:
    now = now or timezone.now()
    condition = models.Q(pk__in=[])
    for status, target in STATUS_TARGETS.items():
        condition |= models.Q(status=status, status_changed_at__lt=now - target)
    return condition


class Case(models.Model):
    """One applicant's matter with us: where it stands, who owns it, and the dates that matter.

    Status only changes through the transition services in `applicants.services.transitions`, which keep
    `status_changed_at` and the status history in step.
    """

    Status = Status

    class Priority(models.IntegerChoices):
        LOW = 1, _("Low")
        NORMAL = 2, _("Normal")
        HIGH = 3, _("High")
        URGENT = 4, _("Urgent")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, editable=False, help_text=_("Quote it in every e-mail.")
    )
    applicant = models.ForeignKey(
        Applicant, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="cases"
    )
    pathways = models.ManyToManyField(
        Pathway, verbose_name=_("target pathways"), related_name="cases", blank=True
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NEW, editable=False
    )
    status_changed_at = models.DateTimeField(_("in this status since"), default=timezone.now, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        editable=False,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_on = models.DateField(_("next action due"), null=True, blank=True)
    pass_expires_on = models.DateField(_("pass expires"), null=True, blank=True)
    renewal_window_opens_on = models.DateField(
        _("renewal window opens"),
        null=True,
        blank=True,
        help_text=_("Tech.Pass renewals may be filed from 6 months before expiry."),
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-pk"]
        permissions = [("manage_all_cases", _("Can see, edit and assign every case"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priority__gte=1, priority__lte=4), name="case_priority_range"
            ),
            models.CheckConstraint(
                condition=models.Q(renewal_window_opens_on__isnull=True)
                | models.Q(pass_expires_on__isnull=True)
                | models.Q(renewal_window_opens_on__lte=models.F("pass_expires_on")),
                name="case_renewal_window_before_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="case_status_since_idx"),
            models.Index(fields=["assigned_to", "status"], name="case_assignee_status_idx"),
            models.Index(fields=["next_action_on", "id"], name="case_next_action_idx"),
            models.Index(fields=["pass_expires_on"], name="case_pass_expiry_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    def is_late(self, *, now: datetime | None = None) -> bool:
        target = STATUS_TARGETS.get(self.status)
        return target is not None and self.status_changed_at < (now or timezone.now()) - target

    def due_by(self) -> datetime | None:
        """When the case becomes late in its current status (None when the status has no target)."""
        target = STATUS_TARGETS.get(self.status)
        return self.status_changed_at + target if target is not None else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseStatusChange(models.Model):
    """One step through the pipeline: who moved the case, from where to where, and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=24, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(_("at"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status} → {self.to_status}"


class Note(models.Model):
    """An internal note on a case. Staff only: never shown to the applicant."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, blank=True
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:60]


class RecommendationOverride(models.Model):
    """A consultant's own recommendation for a case, replacing the engine's in what the applicant reads
    (portal, letter); the engine's stays in the assessment snapshot for the record. The newest row is in
    force; earlier ones are history. Written by `applicants.services.cases.override_recommendation`."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="recommendation_overrides"
    )
    pathways = models.ManyToManyField(Pathway, verbose_name=_("recommended routes"), related_name="+")
    reason = models.TextField(_("reason"), help_text=_("Why the consultant recommends these routes instead."))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("recommendation override")
        verbose_name_plural = _("recommendation overrides")
        ordering = ["-at", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="override_says_why")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.reason[:60]}"

    @property
    def pathway_codes(self) -> list[str]:
        return sorted(p.code for p in self.pathways.all())


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def pending(self) -> ReminderQuerySet:
        return self.filter(is_done=False)

    def due(self, *, today: date) -> ReminderQuerySet:
        return self.filter(is_done=False, due_on__lte=today)


class Reminder(models.Model):
    """A task on a case with a due date (for the case's consultant)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="reminders")
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due"))
    is_done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["is_done", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_done=False, done_at__isnull=True)
                | models.Q(is_done=True, done_at__isnull=False),
                name="reminder_done_has_time",
            ),
        ]
        indexes = [models.Index(fields=["is_done", "due_on"], name="reminder_pending_due_idx")]

    def __str__(self) -> str:
        return self.title


class DigestDelivery(models.Model):
    """The daily digest e-mail sent to one consultant on one day; the unique pair stops a second send."""

    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    item_count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["consultant", "sent_on"], name="digest_once_per_consultant_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultant} {self.sent_on}"
