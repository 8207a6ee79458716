"""Consultations: the hours consultants publish (weekly, plus dated exceptions) and the appointments
applicants book in them.

Hours are wall-clock times in the consultant's own time zone (their staff profile); appointments are
instants (UTC in the database). Two bookings of one consultant at one time are refused by the
database itself (`appointment_one_booking_per_consultant_slot`), whatever the request timing.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Case


class Place(models.TextChoices):
    VIDEO = "video", _("Video call")
    OFFICE = "office", _("At our office")


class Weekday(models.IntegerChoices):
    # dateutil's and Python's numbering: Monday is 0.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PlaceFields(models.Model):
    """Where the consultation happens: a video-call link or an office address, one of them."""

    place = models.CharField(_("where"), max_length=8, choices=Place.choices, default=Place.VIDEO)
    video_link = models.URLField(
        _("video-call link"), blank=True, help_text=_("For video calls, e.g. https://meet.example/abc.")
    )
    office_address = models.TextField(
        _("office address"), blank=True, help_text=_("For meetings at the office.")
    )

    class Meta:
        abstract = True

    @property
    def where(self) -> str:
        return self.video_link if self.place == Place.VIDEO else self.office_address


def _place_is_complete(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(place=Place.VIDEO) & ~Q(video_link=""))
        | (Q(place=Place.OFFICE) & ~Q(office_address="")),
        name=f"{prefix}_place_complete",
        violation_error_message=_("A video call needs its link; a meeting at the office needs the address."),
    )


class WeeklyHours(PlaceFields):
    """Every <weekday>, from <starts_at> to <ends_at> in the consultant's time zone."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        on_delete=models.CASCADE,
        related_name="weekly_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["consultant", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="weekly_hours_end_after_start",
                violation_error_message=_("The hours must end after they start."),
            ),
            _place_is_complete("weekly_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class AvailabilityException(PlaceFields):
    """A dated change to the weekly hours: a day (or part of one) off, or extra hours on a date."""

    class Kind(models.TextChoices):
        OFF = "off", _("Not available")
        EXTRA = "extra", _("Extra hours")

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        on_delete=models.CASCADE,
        related_name="availability_exceptions",
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OFF)
    starts_at = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Leave both times empty for the whole day off.")
    )
    ends_at = models.TimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")
        ordering = ["consultant", "on", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(starts_at__isnull=True) & Q(ends_at__isnull=True))
                | Q(ends_at__gt=models.F("starts_at")),
                name="availability_exception_times",
                violation_error_message=_(
                    "Give both times (the end after the start), or neither for the whole day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="off") | Q(starts_at__isnull=False),
                name="availability_exception_extra_has_times",
                violation_error_message=_("Extra hours need their times."),
            ),
            models.CheckConstraint(
                condition=Q(kind="off")
                | (Q(place=Place.VIDEO) & ~Q(video_link=""))
                | (Q(place=Place.OFFICE) & ~Q(office_address="")),
                name="availability_exception_place_complete",
                violation_error_message=_(
                    "A video call needs its link; a meeting at the office needs the address."
                ),
            ),
        ]

    def __str__(self) -> str:
        times = f" {self.starts_at:%H:%M}-{self.ends_at:%H:%M}" if self.starts_at and self.ends_at else ""
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}{times}"


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def booked(self) -> AppointmentQuerySet:
        return self.filter(status=Appointment.Status.BOOKED)

    def upcoming(self, *, now: datetime | None = None) -> AppointmentQuerySet:
        return self.booked().filter(ends_at__gt=now or timezone.now())


class Appointment(PlaceFields):
    """A consultation booked for a case. Rescheduling moves it (same UID, next SEQUENCE in the invite);
    cancelling keeps the row with its status."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="appointments"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    applicant_time_zone = models.CharField(_("applicant's time zone"), max_length=64)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    sequence = models.PositiveIntegerField(
        _("invite sequence"), default=0, help_text=_("Raised on every change, as calendars expect.")
    )
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_day_before_at = models.DateTimeField(_("24-hour reminder sent"), null=True, blank=True)
    reminded_hour_before_at = models.DateTimeField(_("1-hour reminder sent"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at"]
        constraints = [
            # The guard against double booking: concurrent requests for one slot cannot both commit.
            models.UniqueConstraint(
                fields=["consultant", "starts_at"],
                condition=Q(status="booked"),
                name="appointment_one_booking_per_consultant_slot",
            ),
            # One consultation at a time per case: a new time is a reschedule.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="booked"), name="appointment_one_booked_per_case"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_end_after_start"
            ),
            _place_is_complete("appointment"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="appointment_status_start_idx")]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.starts_at:%Y-%m-%d %H:%M} UTC"
