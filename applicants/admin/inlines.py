"""The case page's inlines (checklist, notes, reminders) and how each row is saved:
through the service for that change, never with the formset's own `.save()`/`.delete()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Case, Document, Note, Reminder
from ..services import cases, documents
from ..uploads import validate_upload


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
        """The services' own rules, checked here too so that a refusal shows beside its field before
        anything is saved (the inline adds the parent case as `case`)."""
        data = super().clean() or {}
        if data.get("DELETE"):
            return data
        if "name" in data and (self.instance.pk is None or "name" in self.changed_data):
            documents.check_item_name(case=data["case"], name=data["name"], document=self.instance)
        if data.get("decision"):
            documents.check_review(
                decision=data["decision"],
                reason=data.get("reason") or "",
                has_file=bool(data.get("file") or self.instance.file),
            )
        return data


class DocumentInline(admin.StackedInline[Document, Case]):
    # Stacked, not tabular: every input keeps its visible label, and the page fits 1280 px.
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
    verbose_name_plural = _("add an internal note (never shown to the applicant)")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # notes are a record: add a new one rather than rewriting an old one

    def get_queryset(self, request: HttpRequest) -> QuerySet[Note]:
        # Only for adding: the case's notes are read with the rest of its activity (admin/activity.py)
        # and listed in the workspace, newest first.
        return super().get_queryset(request).none()


class ReminderInline(admin.StackedInline[Reminder, Case]):
    model = Reminder
    extra = 0
    fields = ["title", "due_on", "is_done", "done_at", "done_by"]
    readonly_fields = ["done_at", "done_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reminder]:
        return super().get_queryset(request).select_related("done_by")


def save_rows(formset: BaseInlineFormSet[Any, Any, Any], *, case: Case, user: User) -> None:
    """Save an inline formset's deleted, new and changed rows through the services, and fill the lists
    the admin's change message reads. Inlines not in `_ROW_SERVICES` (snapshots, letters, history)
    are read-only: there is nothing of theirs to save."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    services = _ROW_SERVICES.get(formset.model)
    if services is None:
        return
    for row in formset.deleted_forms:
        if row.instance.pk is not None:
            services.delete(row.instance, user)
            formset.deleted_objects.append(row.instance)
    for row in formset.forms:
        if row in formset.deleted_forms or not row.has_changed():
            continue
        saved = services.save(row, case, user)
        if row.instance.pk is None:
            formset.new_objects.append(saved)
        else:
            formset.changed_objects.append((saved, row.changed_data))


def _save_note(row: forms.ModelForm[Note], case: Case, user: User) -> Note:
    # Notes are never edited (the inline refuses changes), so a changed row is a new note.
    return cases.add_note(case=case, author=user, body=row.cleaned_data["body"])


def _save_reminder(row: forms.ModelForm[Reminder], case: Case, user: User) -> Reminder:
    data, reminder = row.cleaned_data, row.instance
    if reminder.pk is None:
        reminder = cases.add_reminder(case=case, title=data["title"], due_on=data["due_on"], by=user)
    elif {"title", "due_on"} & set(row.changed_data):
        reminder = cases.update_reminder(
            reminder=reminder, title=data["title"], due_on=data["due_on"], by=user
        )
    if data.get("is_done"):
        return cases.complete_reminder(reminder=reminder, by=user)
    if "is_done" in row.changed_data:
        return cases.reopen_reminder(reminder=reminder, by=user)
    return reminder


def _save_document(row: forms.ModelForm[Document], case: Case, user: User) -> Document:
    data, document = row.cleaned_data, row.instance
    if document.pk is None:
        document = documents.add_checklist_item(
            case=case, name=data["name"], is_required=data["is_required"], by=user
        )
    elif {"name", "is_required"} & set(row.changed_data):
        document = documents.update_checklist_item(
            document=document, by=user, name=data["name"], is_required=data["is_required"]
        )
    if "file" in row.changed_data and data.get("file"):
        document = documents.upload_document(document=document, file=data["file"])
    if data.get("decision"):
        document = documents.review_document(
            document=document, by=user, decision=data["decision"], reason=data.get("reason") or ""
        )
    return document


@dataclass(frozen=True)
class _RowServices:
    """What saving and deleting one inline row of a model calls."""

    save: Callable[[Any, Case, User], Model]
    delete: Callable[[Any, User], None]


_ROW_SERVICES: dict[type[Model], _RowServices] = {
    Note: _RowServices(save=_save_note, delete=lambda note, user: cases.delete_note(note=note, by=user)),
    Reminder: _RowServices(
        save=_save_reminder, delete=lambda reminder, user: cases.delete_reminder(reminder=reminder, by=user)
    ),
    Document: _RowServices(
        save=_save_document,
        delete=lambda document, user: documents.remove_checklist_item(document=document, by=user),
    ),
}
