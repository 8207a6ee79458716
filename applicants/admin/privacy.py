"""Data protection in the admin: data requests to approve, retention runs, and the access-log page
("who accessed this person's data between two dates"). Case managers only (`manage_all_cases`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import data_request_for, manages_all_cases
from ..models import Applicant, DataRequest, RetentionRun
from ..privacy.access_log import entries_between, summarise
from ..privacy.downloads import export_archive_response
from ..services.privacy import approve_data_request


class ManagersOnlyMixin:
    """Data protection is the case managers' job: consultants do not see these pages at all."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return manages_all_cases(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_all_cases(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description=gettext_lazy("Approve and carry out the selected requests"), permissions=["view"])
def approve(
    modeladmin: admin.ModelAdmin[DataRequest], request: HttpRequest, queryset: QuerySet[DataRequest]
) -> None:
    user = request.user
    assert isinstance(user, User)
    done = 0
    for data_request in queryset.select_related("applicant"):
        try:
            approve_data_request(request=data_request, by=user)
        except ValidationError as error:
            modeladmin.message_user(request, f"{data_request}: {'; '.join(error.messages)}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, _("%(count)d request(s) carried out.") % {"count": done}, messages.SUCCESS
        )


@admin.register(DataRequest)
class DataRequestAdmin(ManagersOnlyMixin, admin.ModelAdmin[DataRequest]):
    list_display = ["applicant", "kind", "requested_at", "completed_at", "completed_by", "download"]
    list_filter = ["kind", ("completed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["applicant", "completed_by"]
    search_fields = ["applicant__full_name", "^applicant__email"]
    actions = [approve]
    readonly_fields = fields = (
        "applicant",
        "kind",
        "requested_at",
        "completed_at",
        "completed_by",
        "download",
    )

    @admin.display(description=gettext_lazy("export archive"))
    def download(self, obj: DataRequest) -> str:
        if not obj.archive:
            return "—"
        url = reverse("admin:applicants_datarequest_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="applicants_datarequest_download",
            )
        ]
        return extra + super().get_urls()

    def download_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """The export archive, for case managers; every download is in the audit log."""
        return export_archive_response(data_request_for(request.user, pk))


@admin.register(RetentionRun)
class RetentionRunAdmin(ManagersOnlyMixin, admin.ModelAdmin[RetentionRun]):
    list_display = ["ran_at", "purged", "total"]
    readonly_fields = ["ran_at", "purged"]


FIRST_LOG_DAY = date(2000, 1, 1)


class AccessLogForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("to (included)"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        # Nothing was logged before the platform existed or after today; outside that range a date is
        # a typo (and 9999-12-31 plus a day is past the calendar's end).
        earliest, today = FIRST_LOG_DAY, timezone.localdate()
        for day in (start, end):
            if day is not None and not earliest <= day <= today:
                raise ValidationError(
                    _("Choose dates between %(earliest)s and %(today)s.")
                    % {"earliest": earliest.isoformat(), "today": today.isoformat()}
                )
        if start and end and start > end:
            raise ValidationError(_("The first date must not be after the second."))
        return data


def access_log_view(site: admin.AdminSite, request: HttpRequest, applicant: Applicant) -> HttpResponse:
    """Who viewed, downloaded or changed this person's data between two dates (default: 30 days)."""
    if not manages_all_cases(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = AccessLogForm(request.GET or {"start": today - timedelta(days=30), "end": today})
    entries = entries_between(applicant, **form.cleaned_data) if form.is_valid() else []
    return render(
        request,
        "admin/applicants/applicant/access_log.html",
        {
            **site.each_context(request),
            "title": _("Who accessed %(name)s's data") % {"name": applicant.full_name},
            "applicant": applicant,
            "opts": Applicant._meta,
            "form": form,
            "entries": entries,
            "summary": summarise(entries),
        },
    )
