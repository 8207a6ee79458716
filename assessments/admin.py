"""Assessment snapshots in the admin: read-only evidence, visible to whoever may see the case."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from applicants.access import case_scope, manages_all_cases
from applicants.models import Case

from .models import Assessment, ExchangeRate


def _outcomes(obj: Assessment) -> str:
    rows = sorted(obj.outcomes().items())
    return format_html_join(", ", "{}: <strong>{}</strong>", rows) if rows else "—"


class AssessmentInline(admin.TabularInline[Assessment, Any]):
    model = Assessment
    extra = 0
    fields = readonly_fields = (
        "created_at",
        "as_of",
        "outcome_summary",
        "rule_version_list",
        "engine_version",
        "created_by",
    )
    show_change_link = True
    verbose_name_plural = _("assessments (immutable snapshots)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Assessment]:
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("outcomes"))
    def outcome_summary(self, obj: Assessment) -> str:
        return _outcomes(obj)

    @admin.display(description=_("rule versions"))
    def rule_version_list(self, obj: Assessment) -> str:
        return ", ".join(sorted(str(v) for v in (obj.rule_versions or {}).values())) or "—"


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["applicant", "case", "as_of", "engine_version", "created_by", "created_at"]
    list_select_related = ["applicant", "case", "created_by"]
    list_filter = ["as_of", "engine_version"]
    search_fields = ["applicant__full_name", "^applicant__email", "^case__reference"]
    show_full_result_count = False
    fields = readonly_fields = (
        "applicant",
        "case",
        "as_of",
        "engine_version",
        "created_by",
        "created_at",
        "outcome_summary",
        "rule_versions_pretty",
        "inputs_pretty",
        "results_pretty",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Assessment]:
        qs = super().get_queryset(request)
        if manages_all_cases(request.user):
            return qs
        # Snapshots of visible cases, and of applicants with no case yet (self-assessments).
        visible = Case.objects.filter(case_scope(request.user), applicant=OuterRef("applicant"))
        any_case = Case.objects.filter(applicant=OuterRef("applicant"))
        return qs.filter(
            Q(case__in=Case.objects.filter(case_scope(request.user)))
            | Q(case__isnull=True) & (Exists(visible) | ~Exists(any_case))
        )

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Assessment | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such assessment, or not one of yours.")
        return obj

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # snapshots are written only by run_assessment

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("outcomes"))
    def outcome_summary(self, obj: Assessment) -> str:
        return _outcomes(obj)

    @staticmethod
    def _pretty(value: object) -> str:
        return format_html("<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))

    @admin.display(description=_("rule versions"))
    def rule_versions_pretty(self, obj: Assessment) -> str:
        return self._pretty(obj.rule_versions)

    @admin.display(description=_("profile"))
    def inputs_pretty(self, obj: Assessment) -> str:
        return self._pretty(obj.inputs)

    @admin.display(description=_("results"))
    def results_pretty(self, obj: Assessment) -> str:
        return self._pretty(obj.results)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin[ExchangeRate]):
    list_display = ["pair_display", "rate", "effective_on", "source", "updated_by", "updated_at"]
    list_filter = ["base", "quote", "effective_on"]
    search_fields = ["base", "quote", "source"]
    date_hierarchy = "effective_on"
    readonly_fields = ["updated_by", "updated_at"]
    list_select_related = ["updated_by"]
    fields = ["base", "quote", "rate", "effective_on", "source", "updated_by", "updated_at"]

    @admin.display(description="Pair", ordering="base")
    def pair_display(self, obj: ExchangeRate) -> str:
        return obj.pair

    def save_model(self, request: HttpRequest, obj: ExchangeRate, form: ModelForm[Any], change: bool) -> None:
        obj.updated_by = request.user if request.user.is_authenticated else None
        super().save_model(request, obj, form, change)
