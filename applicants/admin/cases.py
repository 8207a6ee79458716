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
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F, Q, QuerySet
from django.forms import BaseInlineFormSet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from assessments.letters_admin import (
    AdviceLetterInline,
    letter_download_view,
    request_advice_letter_action,
    request_letter_view,
)

from .. import services, transitions
from ..access import applicants_visible_to, document_for, manages_all_cases
from ..models import Applicant, Case, CaseStatusChange, Document, Note, Reminder
from ..models.cases import REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PREFIX
from ..uploads import validate_upload
from .actions import CaseActionForm, assign_to_me, export_csv, move_status, reassess
from .filters import ConsultantFilter, LateFilter, PassExpiryFilter, PathwayFilter
from .scoping import CaseScopedAdminMixin, ReadOnlyInlineMixin, ScopedForeignKeysMixin

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


class DocumentInlineForm(forms.ModelForm[Document]):
    decision = forms.ChoiceField(
        label=_("your decision"),
        required=False,
        choices=[
            ("", "—"),
            (Document.Review.ACCEPTED, _("Accept")),
            (Document.Review.REJECTED, _("Reject")),
            (Document.Review.REUPLOAD_REQUESTED, _("Ask to upload again")),
        ],
    )
    reason = forms.CharField(
        label=_("reason for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
        help_text=_("Required when rejecting or asking for a new upload; the applicant sees it."),
    )

    class Meta:
        model = Document
        fields = ["name", "is_required", "file"]
        # Files are private: no link to a storage URL here; the "download" column goes through a
        # permission-checked view instead.
        widgets = {"file": forms.FileInput}

    def clean_file(self) -> Any:
        """A new upload is checked like an applicant's (type by content, size); the stored file stays."""
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            return validate_upload(file)
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision, reason = data.get("decision"), (data.get("reason") or "").strip()
        if decision in (Document.Review.REJECTED, Document.Review.REUPLOAD_REQUESTED) and not reason:
            raise ValidationError({"reason": _("Tell the applicant why, in words they will understand.")})
        if decision == Document.Review.ACCEPTED and not (data.get("file") or self.instance.file):
            raise ValidationError({"decision": _("There is no file to accept yet.")})
        return data


class DocumentInline(admin.TabularInline[Document, Case]):
    model = Document
    form = DocumentInlineForm
    extra = 0
    fields = [
        "name",
        "is_required",
        "download",
        "file",
        "review_status",
        "reason_for_applicant",
        "reviewed",
        "decision",
        "reason",
    ]
    readonly_fields = ["download", "review_status", "reason_for_applicant", "reviewed"]
    verbose_name_plural = _("document checklist")

    @admin.display(description=_("uploaded file"))
    def download(self, obj: Document) -> str:
        if not obj.pk or not obj.file:
            return "—"
        url = reverse("admin:applicants_case_document", args=[obj.case_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, Path(obj.file.name).name)

    @admin.display(description=_("reviewed"))
    def reviewed(self, obj: Document) -> str:
        if obj.reviewed_at is None:
            return "—"
        return f"{obj.reviewed_by or ''} {timezone.localtime(obj.reviewed_at):%Y-%m-%d %H:%M}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return super().get_queryset(request).select_related("reviewed_by")


class NoteInline(admin.StackedInline[Note, Case]):
    model = Note
    extra = 0
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = _("internal notes (never shown to the applicant)")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # notes are a record: add a new one rather than rewriting an old one

    def get_queryset(self, request: HttpRequest) -> QuerySet[Note]:
        return super().get_queryset(request).select_related("author")


class ReminderInline(admin.TabularInline[Reminder, Case]):
    model = Reminder
    extra = 0
    fields = ["title", "due_on", "is_done", "done_at", "done_by"]
    readonly_fields = ["done_at", "done_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reminder]:
        return super().get_queryset(request).select_related("done_by")


class StatusChangeInline(ReadOnlyInlineMixin, admin.TabularInline[CaseStatusChange, Case]):
    model = CaseStatusChange
    extra = 0
    fields = readonly_fields = ("changed_at", "from_status", "to_status", "changed_by", "comment")
    verbose_name_plural = _("status history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CaseStatusChange]:
        return super().get_queryset(request).select_related("changed_by")


def _assessment_inline() -> type[admin.TabularInline[Any, Case]]:
    from assessments.admin import AssessmentInline

    return AssessmentInline


class CaseAdminForm(forms.ModelForm[Case]):
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
        widgets = {"pathways": forms.CheckboxSelectMultiple}


@admin.register(Case)
class CaseAdmin(
    ScopedForeignKeysMixin,
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
    actions = [assign_to_me, move_status, reassess, request_advice_letter_action, export_csv]
    action_form = CaseActionForm
    show_auditlog_history_link = False
    readonly_fields = ["reference", "status_line", "assigned_to", "next_statuses", "created_at"]
    fieldsets = [
        (None, {"fields": ["reference", "applicant", "pathways", "priority"]}),
        (_("Pipeline"), {"fields": ["status_line", "next_statuses", "assigned_to", "created_at"]}),
        (
            _("Key dates"),
            {"fields": ["next_action", "next_action_on", "pass_expires_on", "renewal_window_opens_on"]},
        ),
    ]
    # Advice letters: the inline below, the "request an advice letter" action, and two pages of their
    # own (request, download) in `get_urls`; see assessments/letters_admin.py.

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
            _assessment_inline(),
            AdviceLetterInline,
            StatusChangeInline,
        ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return super().get_queryset(request).prefetch_related("pathways")

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
            matches |= Q(reference=REFERENCE_PREFIX + term.upper())
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

    @admin.display(description=_("can move to"))
    def next_statuses(self, obj: Case) -> str:
        labels = [str(Case.Status(s).label) for s in transitions.allowed_next_statuses(obj)]
        problems = (
            transitions.ready_to_file_problems(obj)
            if Case.Status.READY_TO_FILE in transitions.allowed_next_statuses(obj)
            else []
        )
        text = ", ".join(labels) or "—"
        if problems:
            return format_html(
                "{}<br><small>{}: {}</small>", text, _("Not ready to file yet"), "; ".join(problems)
            )
        return text

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "<path:object_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="applicants_case_document",
            ),
            path(
                "<path:object_id>/letters/request/",
                self.admin_site.admin_view(partial(request_letter_view, self)),
                name="applicants_case_request_letter",
            ),
            path(
                "<path:object_id>/letters/<int:letter_id>/download/",
                self.admin_site.admin_view(partial(letter_download_view, self)),
                name="applicants_case_letter",
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

    # --- writes go through the services -----------------------------------------------------------
    def save_model(self, request: HttpRequest, obj: Case, form: forms.ModelForm[Case], change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        user = request.user
        assert isinstance(user, User)
        created = services.open_case(
            by=user,
            applicant=obj.applicant,
            pathways=[p.code for p in form.cleaned_data.get("pathways", [])],
            priority=obj.priority,
            next_action=obj.next_action,
            next_action_on=obj.next_action_on,
            # A consultant's new case is theirs; a case manager's goes to the queue to be assigned.
            assigned_to=None if manages_all_cases(user) else user,
        )
        created.pass_expires_on, created.renewal_window_opens_on = (
            obj.pass_expires_on,
            obj.renewal_window_opens_on,
        )
        created.save(update_fields=["pass_expires_on", "renewal_window_opens_on"])
        obj.pk, obj.reference, obj.assigned_to_id = created.pk, created.reference, created.assigned_to_id
        obj._state.adding = False

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet[Any, Any, Any], change: bool
    ) -> None:
        if formset.model not in (Note, Reminder, Document):
            super().save_formset(request, form, formset, change)
            return
        user = request.user
        assert isinstance(user, User)
        case: Case = form.instance
        # The admin's change message reads these lists, which formset.save() would normally fill.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None)
            if not data or not row.has_changed():
                continue
            if data.get("DELETE") and row.instance.pk:
                row.instance.delete()
                formset.deleted_objects.append(row.instance)
            elif formset.model is Note:
                if row.instance.pk is None:
                    formset.new_objects.append(services.add_note(case=case, author=user, body=data["body"]))
            elif formset.model is Reminder:
                self._save_reminder(row, data, case=case, user=user, formset=formset)
            else:
                self._save_document(row, data, case=case, user=user, formset=formset)

    @staticmethod
    def _save_reminder(row: Any, data: dict[str, Any], *, case: Case, user: User, formset: Any) -> None:
        reminder = row.instance
        if reminder.pk is None:
            reminder = services.add_reminder(case=case, title=data["title"], due_on=data["due_on"], by=user)
            formset.new_objects.append(reminder)
        else:
            if {"title", "due_on"} & set(row.changed_data):
                reminder.save(update_fields=["title", "due_on"])
            formset.changed_objects.append((reminder, row.changed_data))
        if data.get("is_done"):
            services.complete_reminder(reminder=reminder, by=user)

    @staticmethod
    def _save_document(row: Any, data: dict[str, Any], *, case: Case, user: User, formset: Any) -> None:
        document = row.instance
        if document.pk is None:
            document = services.add_checklist_item(
                case=case, name=data["name"], is_required=data["is_required"], by=user
            )
            formset.new_objects.append(document)
        else:
            if {"name", "is_required"} & set(row.changed_data):
                document.save(update_fields=["name", "is_required"])
            formset.changed_objects.append((document, row.changed_data))
        if "file" in row.changed_data and data.get("file"):
            services.upload_document(document=document, file=data["file"])
        decision, reason = data.get("decision"), data.get("reason", "")
        if decision == Document.Review.ACCEPTED:
            services.accept_document(document=document, by=user)
        elif decision == Document.Review.REJECTED:
            services.reject_document(document=document, by=user, reason=reason)
        elif decision == Document.Review.REUPLOAD_REQUESTED:
            services.request_reupload(document=document, by=user, reason=reason)
