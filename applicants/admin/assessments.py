"""Assessment snapshots in the admin: read-only evidence, visible to whoever may see the case.

Here, not in `assessments`, because who may see a snapshot is decided by its case (`applicants.access`).
Outcomes, status words and pathway names come from `assessments.presentation`, as on every other page.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from assessments.presentation import ResultView, outcome_lines, pathway_name, present

from ..access import case_scope, manages_all_cases
from ..models import Case
from ..services.cases import presented_override


def _outcomes(obj: Assessment) -> str:
    lines = [(line.name, line.headline.label) for line in outcome_lines(obj.outcomes())]
    return format_html_join("; ", "{}: <strong>{}</strong>", lines) if lines else "—"


def _result(obj: Assessment, *, overridden: bool = True) -> ResultView | None:
    """The snapshot as people read it, the case's target pathways relied on, with the consultant's override
    in force (`overridden=False`: the engine's own recommendation); None if it cannot be read."""
    targets = [p.code for p in obj.case.pathways.all()] if obj.case is not None else []
    override = presented_override(obj.case) if obj.case is not None and overridden else None
    try:
        return present(obj.results, relied_on=targets, override=override)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


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
        "result_view",
        "rule_versions_by_pathway",
        "inputs_pretty",
        "stored_results",
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

    @admin.display(description=_("result"))
    def result_view(self, obj: Assessment) -> SafeString:
        return SafeString(
            render_to_string(
                "admin/assessments/assessment/result.html",
                {"result": _result(obj), "computed": _result(obj, overridden=False)},
            )
        )

    @admin.display(description=_("rule versions"))
    def rule_versions_by_pathway(self, obj: Assessment) -> str:
        versions = obj.rule_versions if isinstance(obj.rule_versions, dict) else {}
        rows = [(_name_or_code(code), version) for code, version in versions.items()]
        return format_html_join(mark_safe("<br>"), "{}: {}", rows) if rows else "—"

    @admin.display(description=_("profile"))
    def inputs_pretty(self, obj: Assessment) -> str:
        return _pretty(obj.inputs)

    @admin.display(description=_("stored engine output"))
    def stored_results(self, obj: Assessment) -> str:
        return format_html("<details><summary>JSON</summary>{}</details>", _pretty(obj.results))


def _name_or_code(code: str) -> str:
    try:
        return pathway_name(code)
    except KeyError:
        return code


def _pretty(value: object) -> str:
    return format_html("<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))
