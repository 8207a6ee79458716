"""Consultations in the staff admin: each consultant's published hours (their own only; case managers
everyone's), the booked consultations (scoped like their cases, cancelled through the service), and the
case page's consultations inline.

The case admin of `applicants` knows nothing of bookings: the case admin registered when this module
loads (the letters app's, which itself extends the applicants' one) is extended with the inline and
registered again, so neither app imports the other.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applicants.access import CONSULTANT_GROUP, manages_all_cases
from applicants.admin.cases import CaseAdmin
from applicants.admin.scoping import CaseScopedAdminMixin
from applicants.models import Case
from staff.profiles import profile_for

from .models import Appointment, AvailabilityException, WeeklyHours
from .services import cancel_appointment


def _in_zone(moment: Any, zone: str) -> str:
    return date_format(timezone.localtime(moment, ZoneInfo(zone)), "DATETIME_FORMAT") + f" ({zone})"


class OwnHoursAdmin(admin.ModelAdmin[Any]):
    """A consultant sees and edits only their own hours; a case manager everyone's."""

    list_select_related = ("consultant",)
    list_filter = ("consultant",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # a typed "meet.example/x"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        return qs if manages_all_cases(request.user) else qs.filter(consultant=request.user.pk)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "consultant":
            if manages_all_cases(request.user):
                kwargs["queryset"] = User.objects.filter(
                    is_active=True, is_staff=True, groups__name=CONSULTANT_GROUP
                ).distinct()
            else:
                kwargs["queryset"] = User.objects.filter(pk=request.user.pk or 0)
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _own(self, request: HttpRequest, obj: Model | None) -> bool:
        return (
            obj is None
            or manages_all_cases(request.user)
            or getattr(obj, "consultant_id", None) == request.user.pk
        )

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._own(request, obj)


@admin.register(WeeklyHours)
class WeeklyHoursAdmin(OwnHoursAdmin):
    list_display = ("consultant", "weekday", "starts_at", "ends_at", "place")
    fields = ("consultant", "weekday", "starts_at", "ends_at", "place", "video_link", "office_address")


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(OwnHoursAdmin):
    list_display = ("consultant", "on", "kind", "starts_at", "ends_at", "place")
    fields = ("consultant", "on", "kind", "starts_at", "ends_at", "place", "video_link", "office_address")
    date_hierarchy = "on"


@admin.action(description=_("Cancel the selected consultations (both sides are e-mailed)"))
def cancel_consultations(
    modeladmin: AppointmentAdmin, request: HttpRequest, queryset: QuerySet[Appointment]
) -> None:
    now = timezone.now()
    booked = list(queryset.filter(status=Appointment.Status.BOOKED))
    for appointment in booked:
        cancel_appointment(appointment=appointment, now=now)
    modeladmin.message_user(
        request,
        ngettext("%(count)d consultation cancelled.", "%(count)d consultations cancelled.", len(booked))
        % {"count": len(booked)},
        messages.SUCCESS,
    )


class AppointmentTimes:
    """Read-only columns: the time in the consultant's and in the applicant's zone."""

    @admin.display(description=_("time (consultant)"), ordering="starts_at")
    def consultant_time(self, obj: Appointment) -> str:
        return _in_zone(obj.starts_at, profile_for(obj.consultant).time_zone)

    @admin.display(description=_("time (applicant)"))
    def applicant_time(self, obj: Appointment) -> str:
        return _in_zone(obj.starts_at, obj.applicant_time_zone)


@admin.register(Appointment)
class AppointmentAdmin(AppointmentTimes, CaseScopedAdminMixin, admin.ModelAdmin[Appointment]):
    """Booked by applicants, changed by them or cancelled here (the action calls the service)."""

    case_lookup = "case"
    list_display = ("case", "consultant", "consultant_time", "applicant_time", "place", "status")
    list_select_related = ("case", "consultant")
    list_filter = ("status", "place")
    search_fields = ("case__reference", "case__applicant__full_name")
    actions = [cancel_consultations]
    fields = readonly_fields = (
        "case",
        "consultant",
        "consultant_time",
        "applicant_time",
        "place",
        "video_link",
        "office_address",
        "status",
        "sequence",
        "created_at",
        "cancelled_at",
        "reminded_day_before_at",
        "reminded_hour_before_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class AppointmentInline(AppointmentTimes, admin.TabularInline[Appointment, Case]):
    model = Appointment
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("consultant_time", "applicant_time", "consultant", "place", "status")
    verbose_name_plural = _("consultations")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


_RegisteredCaseAdmin: type[CaseAdmin] = type(admin.site.get_model_admin(Case))  # type: ignore[assignment]


class BookingCaseAdmin(_RegisteredCaseAdmin):  # type: ignore[misc,valid-type]
    """The registered case admin with the case's consultations first among its inlines."""

    def get_inlines(
        self, request: HttpRequest, obj: Case | None
    ) -> list[type[admin.options.InlineModelAdmin[Any, Any]]]:
        inlines = list(super().get_inlines(request, obj))
        return inlines if obj is None else [AppointmentInline, *inlines]


admin.site.unregister(Case)
admin.site.register(Case, BookingCaseAdmin)
