"""Consultations in the staff admin: each consultant's published hours (their own only; case managers
everyone's), the booked consultations (scoped like their cases, cancelled through the service), and the
case page's consultation line.

The case admin of `applicants` knows nothing of bookings: the case admin registered when this module
loads (the letters app's, which itself extends the applicants' one) is extended with the line and
registered again, so neither app imports the other. The line reads the booked consultation from the
query that reads the case (correlated subqueries, on the case page alone), so the page stays within its
query budget.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applicants.access import CONSULTANT_GROUP, manages_all_cases
from applicants.admin.cases import CaseAdmin
from applicants.admin.scoping import CaseScopedAdminMixin
from applicants.models import Case
from staff.models import StaffProfile
from staff.profiles import default_display_name, profile_for

from .models import Appointment, AvailabilityException, Place, WeeklyHours
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


# The booked consultation's facts, read with the case on its page: (annotation, path from the appointment).
_CONSULTATION_COLUMNS = (
    ("consultation_pk", "pk"),
    ("consultation_starts_at", "starts_at"),
    ("consultation_applicant_zone", "applicant_time_zone"),
    ("consultation_place", "place"),
    ("consultation_consultant_zone", "consultant__staff_profile__time_zone"),
    ("consultation_consultant_name", "consultant__staff_profile__display_name"),
    ("consultation_consultant_first_name", "consultant__first_name"),
    ("consultation_consultant_last_name", "consultant__last_name"),
    ("consultation_consultant_username", "consultant__username"),
)


def booked_consultation_columns() -> dict[str, Subquery]:
    """The case's next booked consultation, as columns of the case's own row."""
    booked = Appointment.objects.filter(case=OuterRef("pk"), status=Appointment.Status.BOOKED).order_by(
        "starts_at"
    )
    return {name: Subquery(booked.values(path)[:1]) for name, path in _CONSULTATION_COLUMNS}


_RegisteredCaseAdmin: type[CaseAdmin] = type(admin.site.get_model_admin(Case))  # type: ignore[assignment]


class BookingCaseAdmin(_RegisteredCaseAdmin):  # type: ignore[misc,valid-type]
    """The registered case admin with the case's booked consultation in its pipeline, on the case page."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        cases: QuerySet[Case] = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name == "applicants_case_change":
            cases = cases.annotate(**booked_consultation_columns())
        return cases

    def get_readonly_fields(self, request: HttpRequest, obj: Case | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return fields if obj is None else [*fields, "consultation"]

    def get_fieldsets(self, request: HttpRequest, obj: Case | None = None) -> list[Any]:
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if obj is not None:
            for _name, options in fieldsets:
                if "assigned_to" in options.get("fields", ()):
                    fields = list(options["fields"])
                    fields.insert(fields.index("assigned_to") + 1, "consultation")
                    options["fields"] = fields
        return fieldsets

    @admin.display(description=_("consultation"))
    def consultation(self, obj: Case) -> str:
        facts: dict[str, Any] = {
            name.removeprefix("consultation_"): getattr(obj, name, None)
            for name, _path in _CONSULTATION_COLUMNS
        }
        if facts["pk"] is None:
            return str(_("None booked."))
        name = facts["consultant_name"] or default_display_name(
            User(
                first_name=facts["consultant_first_name"] or "",
                last_name=facts["consultant_last_name"] or "",
                username=facts["consultant_username"],
            )
        )
        consultant_zone = facts["consultant_zone"] or StaffProfile._meta.get_field("time_zone").default
        return format_html(
            '{} · {} · {} · {} · <a href="{}">{}</a>',
            _in_zone(facts["starts_at"], consultant_zone),
            _in_zone(facts["starts_at"], facts["applicant_zone"]),
            name,
            Place(facts["place"]).label,
            reverse("admin:bookings_appointment_change", args=[facts["pk"]]),
            _("details"),
        )


admin.site.unregister(Case)
admin.site.register(Case, BookingCaseAdmin)
