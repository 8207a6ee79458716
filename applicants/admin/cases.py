"""The case list and case page: what a consultant works from all day."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from auditlog.mixins import AuditlogHistoryAdminMixin
from auditlog.signals import accessed
from django import forms
from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.forms import BaseInlineFormSet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..access import applicants_visible_to, document_for, manages_all_cases
from ..models import Applicant, Case, Document, Pathway
from ..models.cases import REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PREFIX
from ..services import cases
from .actions import CaseActionForm, assign_to_me, export_csv, move_status, reassess
from .conversation import (
    attachment_view,
    conversation_view,
    messages_in_all,
    messages_line,
    unread_badge,
    unread_from_applicant,
)
from .filters import ConsultantFilter, LateFilter, PassExpiryFilter, PathwayFilter
from .inlines import DocumentInline, NoteInline, ReminderInline, save_rows
from .saving import RefusalsAsMessagesMixin
from .scoping import CaseScopedAdminMixin, ScopedForeignKeysMixin
from .workspace import assign_to_me_view, build_workspace, move_view

REFERENCE_PATTERN = re.compile(
    rf"^(?:{REFERENCE_PREFIX})?[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}$", re.IGNORECASE
)


def _badge(text: str, tone: str) -> str:
    return format_html('<span class="case-badge case-badge-{}">{}</span>', tone, text)


STATUS_TONES: dict[str, str] = {
    Case.Status.NEW: "info",
    Case.Status.IN_REVIEW: "info",
    Case.Status.AWAITING_DOCUMENTS: "warning",
    Case.Status.READY_TO_FILE: "primary",
    Case.Status.SUBMITTED: "primary",
    Case.Status.APPROVED: "success",
    Case.Status.REFUSED: "danger",
    Case.Status.WITHDRAWN: "muted",
    Case.Status.CLOSED: "muted",
}


class CaseAdminForm(forms.ModelForm[Case]):
    # The registry's codes as fixed choices (the Pathway table holds only the codes): no query to list
    # them on every case page; the services turn the codes into rows.
    pathways = forms.MultipleChoiceField(
        label=Case._meta.get_field("pathways").verbose_name,
        choices=sorted(Pathway.CHOICES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["pathways"] = [p.code for p in self.instance.pathways.all()]

    class Meta:
        model = Case
        fields = [
            "applicant",
            "pathways",
            "priority",
            "next_action",
            "next_action_on",
            "pass_expires_on",
            "renewal_window_opens_on",
        ]


@admin.register(Case)
class CaseAdmin(
    ScopedForeignKeysMixin,
    RefusalsAsMessagesMixin,
    CaseScopedAdminMixin,
    AuditlogHistoryAdminMixin,  # type: ignore[misc]
    admin.ModelAdmin[Case],
):
    form = CaseAdminForm
    # A new case is opened only for an applicant in the user's scope (services.open_case checks again).
    scoped_foreign_keys = {"applicant": applicants_visible_to}
    list_display = [
        "reference",
        "applicant_name",
        "status_badge",
        "assigned_to",
        "pathway_list",
        "priority",
        "next_due",
        "late_badge",
        "unread_messages",
        "pass_expires_on",
    ]
    list_display_links = ["reference", "applicant_name"]
    list_select_related = ["applicant", "assigned_to"]
    list_filter = [
        "status",
        PathwayFilter,
        ("assigned_to", ConsultantFilter),
        LateFilter,
        PassExpiryFilter,
        "priority",
    ]
    # Facets cost one aggregate query per filter (6) over the filtered table: with the page's own
    # queries that is over the 12-query budget, so counts are one click away ("Show counts");
    # bench/bench_admin.py measures both.
    show_facets = ShowFacets.ALLOW
    # The unfiltered total is a second COUNT(*) over every case on each page; not worth it.
    show_full_result_count = False
    list_per_page = 50
    # Search is done by `get_search_results` below; these fields only switch the search box on.
    search_fields = ["reference", "applicant__full_name", "applicant__email"]
    search_help_text = _("Reference, applicant name or e-mail.")
    ordering = [F("next_action_on").asc(nulls_last=True), "pk"]  # type: ignore[list-item]
    autocomplete_fields = ["applicant"]
    actions = [assign_to_me, move_status, reassess, export_csv]
    action_form = CaseActionForm
    show_auditlog_history_link = False
    readonly_fields = ["reference", "status_line", "assigned_to", "messages_summary", "created_at"]
    fieldsets = [
        (None, {"fields": ["reference", "applicant", "pathways", "priority"]}),
        # The moves allowed and what blocks filing are on the workspace above the form.
        (_("Pipeline"), {"fields": ["status_line", "assigned_to", "messages_summary", "created_at"]}),
        (
            _("Key dates"),
            {"fields": ["next_action", "next_action_on", "pass_expires_on", "renewal_window_opens_on"]},
        ),
    ]
    # Advice letters add their inline, action and pages in a subclass (letters/admin.py).

    class Media:
        css = {"all": ["admin/cases.css"]}

    def get_inlines(
        self, request: HttpRequest, obj: Case | None
    ) -> list[type[admin.options.InlineModelAdmin[Any, Any]]]:
        if obj is None:
            return []
        return [
            DocumentInline,
            NoteInline,
            ReminderInline,
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        cases: QuerySet[Case] = (
            super()
            .get_queryset(request)
            .select_related("applicant", "assigned_to")
            .prefetch_related("pathways")
            .annotate(unread_from_applicant=unread_from_applicant(), messages_total=messages_in_all())
        )
        return cases

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Case | None:
        """The case, read once per request (the page, its access log and its workspace share it)."""
        key = (object_id, from_field)
        cached: dict[tuple[str, str | None], Case | None] = request.__dict__.setdefault("_case_objects", {})
        if key not in cached:
            cached[key] = super().get_object(request, object_id, from_field)
        return cached[key]

    def get_readonly_fields(self, request: HttpRequest, obj: Case | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        # A case belongs to one person for good: moving it would hand its documents, letters and
        # snapshots to someone else's portal. A case opened for the wrong person is closed instead.
        return fields if obj is None else [*fields, "applicant"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Case], search_term: str
    ) -> tuple[QuerySet[Case], bool]:
        """A reference finds its case through the unique index; anything else searches applicants.

        Django's default would OR every field across the case-applicant join, which defeats every
        index and scans the join twice (count and page). Here each word must match the applicant's
        name anywhere (icontains) or their e-mail from the start (istartswith), in one subquery on
        the applicant table, which on PostgreSQL uses the trigram and prefix indexes of migration
        0003 (bench/bench_admin.py: name search ~90 ms at 100k cases instead of ~320 ms).
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.upper().startswith(REFERENCE_PREFIX):
            if REFERENCE_PATTERN.match(term):
                return queryset.filter(reference=term.upper()), False
            return queryset.filter(reference__startswith=term.upper()), False
        applicants = Applicant.objects.all()
        for word in term.split():
            applicants = applicants.filter(Q(full_name__icontains=word) | Q(email__istartswith=word))
        matches = Q(applicant__in=applicants.values("pk"))
        if REFERENCE_PATTERN.match(term):
            # A bare code ("7K3M9Q") may be a reference typed without its prefix, or a name ("Sharma").
            # The reference is looked up first, on its unique index: OR-ing it into the name search
            # turns the applicant subquery into a hashed subplan that PostgreSQL plans as a full scan
            # (bench: "Sharma" ~600 ms at 100k cases), so it is added only when such a case exists.
            reference = REFERENCE_PREFIX + term.upper()
            if queryset.filter(reference=reference).exists():
                matches |= Q(reference=reference)
        return queryset.filter(matches), False

    # --- list columns ---------------------------------------------------------------------------
    @admin.display(description=_("applicant"), ordering="applicant__full_name")
    def applicant_name(self, obj: Case) -> str:
        return obj.applicant.full_name

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj: Case) -> str:
        return _badge(str(obj.get_status_display()), STATUS_TONES.get(obj.status, "muted"))

    @admin.display(description=_("pathways"))
    def pathway_list(self, obj: Case) -> str:
        return ", ".join(str(p) for p in obj.pathways.all())

    @admin.display(description=_("next due"), ordering=F("next_action_on").asc(nulls_last=True))
    def next_due(self, obj: Case) -> str:
        if obj.next_action_on is None:
            return "—"
        today = timezone.localdate()
        text = format_html(
            '<span class="case-date">{}</span> <span class="case-next">{}</span>',
            obj.next_action_on.isoformat(),
            obj.next_action,
        )
        if obj.next_action_on < today:
            return format_html("{} {}", text, _badge(str(_("overdue")), "danger"))
        if obj.next_action_on == today:
            return format_html("{} {}", text, _badge(str(_("today")), "warning"))
        return text

    @admin.display(description=_("late"))
    def late_badge(self, obj: Case) -> str:
        return _badge(str(_("late")), "danger") if obj.is_late() else ""

    @admin.display(description=_("messages"), ordering="-unread_from_applicant")
    def unread_messages(self, obj: Case) -> str:
        return unread_badge(obj, getattr(obj, "unread_from_applicant", 0))

    # --- case page ------------------------------------------------------------------------------
    @admin.display(description=_("status"))
    def status_line(self, obj: Case) -> str:
        due = obj.due_by()
        parts = [
            _badge(str(obj.get_status_display()), STATUS_TONES.get(obj.status, "muted")),
            format_html(" {} {}", _("since"), f"{timezone.localtime(obj.status_changed_at):%Y-%m-%d %H:%M}"),
        ]
        if due is not None:
            parts.append(format_html(" · {} {}", _("target"), f"{timezone.localtime(due):%Y-%m-%d}"))
        if obj.is_late():
            parts.append(format_html(" {}", _badge(str(_("late")), "danger")))
        return format_html_join("", "{}", ((p,) for p in parts))

    @admin.display(description=_("messages"))
    def messages_summary(self, obj: Case) -> str:
        return messages_line(obj) if obj.pk else "—"

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "<path:object_id>/messages/",
                self.admin_site.admin_view(partial(conversation_view, self)),
                name="applicants_case_messages",
            ),
            path(
                "<path:object_id>/messages/<int:message_id>/attachment/",
                self.admin_site.admin_view(partial(attachment_view, self)),
                name="applicants_case_message_attachment",
            ),
            path(
                "<path:object_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="applicants_case_document",
            ),
            path(
                "<path:object_id>/assign-to-me/",
                self.admin_site.admin_view(partial(assign_to_me_view, self)),
                name="applicants_case_assign_to_me",
            ),
            path(
                "<path:object_id>/move/",
                self.admin_site.admin_view(partial(move_view, self)),
                name="applicants_case_move",
            ),
        ]
        return extra + super().get_urls()

    def document_view(self, request: HttpRequest, object_id: str, document_id: int) -> FileResponse:
        """Stream an uploaded document to staff who may see its case (404 otherwise); logged."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = document_for(request.user, document_id, case_pk=object_id if object_id.isdigit() else -1)
        if not document.file:
            raise Http404("Nothing uploaded for this item.")
        accessed.send(sender=Document, instance=document)
        # Always a download: an uploaded HTML or SVG file must never render in the admin's origin.
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=Path(document.file.name).name
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "GET":
            # Audit trail of who looked at which case, not only who changed it.
            accessed.send(sender=Case, instance=self.get_object(request, object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Case | None = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None and request.method == "GET":
            # The workspace reads the checklist the document inline has read already (no second query).
            documents = next(
                (
                    list(inline.formset.get_queryset())
                    for inline in context.get("inline_admin_formsets", [])
                    if inline.formset.model is Document
                ),
                None,
            )
            context["workspace"] = build_workspace(obj, _staff(request), documents=documents)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- writes go through the services -----------------------------------------------------------
    def save_model(self, request: HttpRequest, obj: Case, form: forms.ModelForm[Case], change: bool) -> None:
        """Open or update the case through the services; `obj` carries the form's values."""
        user = _staff(request)
        pathways = list(form.cleaned_data.get("pathways", []))
        if change:
            cases.update_case(
                case=obj,
                by=user,
                pathways=pathways,
                priority=obj.priority,
                next_action=obj.next_action,
                next_action_on=obj.next_action_on,
                pass_expires_on=obj.pass_expires_on,
                renewal_window_opens_on=obj.renewal_window_opens_on,
            )
            return
        created = cases.open_case(
            by=user,
            applicant=obj.applicant,
            pathways=pathways,
            priority=obj.priority,
            next_action=obj.next_action,
            next_action_on=obj.next_action_on,
            # A consultant's new case is theirs; a case manager's goes to the queue to be assigned.
            assigned_to=None if manages_all_cases(user) else user,
            pass_expires_on=obj.pass_expires_on,
            renewal_window_opens_on=obj.renewal_window_opens_on,
        )
        obj.pk, obj.reference, obj.assigned_to_id = created.pk, created.reference, created.assigned_to_id
        obj._state.adding = False

    def save_related(
        self, request: HttpRequest, form: Any, formsets: list[BaseInlineFormSet[Any, Any, Any]], change: bool
    ) -> None:
        # No `form.save_m2m()`: the services in `save_model` set the pathways already.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet[Any, Any, Any], change: bool
    ) -> None:
        save_rows(formset, case=form.instance, user=_staff(request))

    def delete_model(self, request: HttpRequest, obj: Case) -> None:
        cases.delete_case(case=obj, by=_staff(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        user = _staff(request)
        for case in queryset:
            cases.delete_case(case=case, by=user)


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the admin only lets signed-in staff in
    return request.user
