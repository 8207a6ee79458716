"""Applicants: contact details, minimised passport number, read-only consent records, their cases."""

from __future__ import annotations

from typing import Any

from auditlog.mixins import AuditlogHistoryAdminMixin
from auditlog.signals import accessed
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..access import manages_all_cases
from ..models import Applicant, Case, ConsentRecord
from ..services.people import change_applicant_email, create_applicant, passport_last4, update_applicant
from .privacy import access_log_view
from .saving import RefusalsAsMessagesMixin
from .scoping import ReadOnlyInlineMixin, applicants_visible_to


class ApplicantAdminForm(forms.ModelForm[Applicant]):
    passport_number = forms.CharField(
        label=_("passport number"),
        required=False,
        strip=True,
        help_text=_("Type the full number to update it: only its last 4 characters are kept."),
    )

    class Meta:
        model = Applicant
        fields = ["full_name", "email", "phone", "nationality", "date_of_birth", "preferred_language"]

    def clean_nationality(self) -> str:
        return str(self.cleaned_data.get("nationality") or "").strip().upper()

    def clean_passport_number(self) -> str:
        number = str(self.cleaned_data.get("passport_number") or "")
        if number:
            try:
                passport_last4(number)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return number


class ConsentInline(ReadOnlyInlineMixin, admin.TabularInline[ConsentRecord, Applicant]):
    model = ConsentRecord
    extra = 0
    fields = readonly_fields = (
        "text_version",
        "for_assessment",
        "for_consultation",
        "for_cross_border_transfer",
        "given_at",
        "withdrawn_at",
    )
    verbose_name_plural = _("consents (read-only: recorded when the applicant agrees or withdraws)")


class CaseLinkInline(ReadOnlyInlineMixin, admin.TabularInline[Case, Applicant]):
    model = Case
    extra = 0
    fields = readonly_fields = ("reference", "status", "assigned_to", "next_action_on")
    show_change_link = True
    verbose_name_plural = _("cases")


@admin.register(Applicant)
class ApplicantAdmin(
    RefusalsAsMessagesMixin,
    AuditlogHistoryAdminMixin,  # type: ignore[misc]
    admin.ModelAdmin[Applicant],
):
    form = ApplicantAdminForm
    list_display = [
        "full_name",
        "email",
        "nationality",
        "preferred_language",
        "masked_passport",
        "case_count",
    ]
    list_filter = ["preferred_language", "nationality"]
    search_fields = ["full_name", "^email"]
    # The portal account is created only from the applicant's own resume link (services.people).
    readonly_fields = ["masked_passport", "user", "created_at", "erased_at", "access_log_link"]
    fields = [
        "full_name",
        "email",
        "phone",
        "nationality",
        "date_of_birth",
        "preferred_language",
        "passport_number",
        "masked_passport",
        "user",
        "created_at",
        "erased_at",
        "access_log_link",
    ]
    inlines = [ConsentInline, CaseLinkInline]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Applicant]:
        qs = super().get_queryset(request).annotate(case_count=Count("cases"))
        return applicants_visible_to(request, qs)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Applicant | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such applicant, or not one of yours.")
        return obj

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # applicants are erased through a data-protection request, not a delete button

    def get_readonly_fields(self, request: HttpRequest, obj: Applicant | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        # The address their sign-in links go to: changed by case managers only (services.people).
        if obj is not None and not manages_all_cases(request.user):
            fields.append("email")
        return fields

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "<path:object_id>/access-log/",
                self.admin_site.admin_view(self.access_log),
                name="applicants_applicant_access_log",
            )
        ]
        return extra + super().get_urls()

    def access_log(self, request: HttpRequest, object_id: str) -> HttpResponse:
        applicant = self.get_object(request, object_id)
        assert applicant is not None  # get_object raises 404 instead
        return access_log_view(self.admin_site, request, applicant)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "GET":
            # Opening a person's record is itself an access the access log must show.
            accessed.send(sender=Applicant, instance=self.get_object(request, object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("access log"))
    def access_log_link(self, obj: Applicant) -> str:
        if not obj.pk:
            return "—"
        url = reverse("admin:applicants_applicant_access_log", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Who accessed this person's data"))

    @admin.display(description=_("passport"))
    def masked_passport(self, obj: Applicant) -> str:
        return obj.masked_passport or "—"

    @admin.display(description=_("cases"), ordering="case_count")
    def case_count(self, obj: Applicant) -> int:
        return int(getattr(obj, "case_count", 0))

    def save_model(
        self, request: HttpRequest, obj: Applicant, form: forms.ModelForm[Applicant], change: bool
    ) -> None:
        """Create or correct the person through the services; `obj` carries the form's values."""
        number = form.cleaned_data.get("passport_number") or ""
        if change:
            saved = update_applicant(
                applicant=obj,
                full_name=obj.full_name,
                nationality=obj.nationality,
                date_of_birth=obj.date_of_birth,
                preferred_language=obj.preferred_language,
                phone=obj.phone,
                passport_number=number,
            )
            if "email" in form.changed_data:  # case managers only: the field is read-only for others
                saved = change_applicant_email(applicant=saved, email=obj.email, by=request.user)
        else:
            saved = create_applicant(
                full_name=obj.full_name,
                email=obj.email,
                nationality=obj.nationality,
                date_of_birth=obj.date_of_birth,
                preferred_language=obj.preferred_language,
                phone=obj.phone,
                passport_number=number,
            )
        obj.pk, obj.email, obj.passport_last4 = saved.pk, saved.email, saved.passport_last4
        obj.created_at = saved.created_at
        obj._state.adding = False
