"""Advice letters in the staff admin: the case page's letters inline and "request" page, the download,
the case-list action, and a list of every letter (filter: failed) for staff who may see the cases.

The case admin of `applicants` knows nothing of letters: `LetterCaseAdmin` below extends it with them
and takes its place for `Case`. Access follows the case: whoever may see a case sees and downloads its
letters, whoever may change it (and add letters) requests one.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from applicants.access import case_scope
from applicants.admin.cases import CaseAdmin
from applicants.admin.scoping import case_page_case
from applicants.models import Case
from assessments.models import Assessment

from . import services
from .access import ADD_LETTER, letter_for
from .downloads import letter_pdf_response
from .models import AdviceLetter, LetterLanguage

STATUS_TONES: dict[str, str] = {
    AdviceLetter.Status.QUEUED: "info",
    AdviceLetter.Status.RENDERING: "info",
    AdviceLetter.Status.READY: "success",
    AdviceLetter.Status.FAILED: "danger",
}


def status_badge(letter: AdviceLetter) -> str:
    return format_html(
        '<span class="case-badge case-badge-{}">{}</span>',
        STATUS_TONES.get(letter.status, "muted"),
        letter.get_status_display(),
    )


def download_link(letter: AdviceLetter) -> str:
    if letter.status != AdviceLetter.Status.READY:
        return "—"
    url = reverse("admin:applicants_case_letter", args=[letter.case_id, letter.pk])
    return format_html('<a href="{}">{}</a>', url, letter.download_name())


def review_link(letter: AdviceLetter) -> str:
    """ "Review and release" for a draft, "released <date>" once released."""
    if letter.status != AdviceLetter.Status.READY:
        return "—"
    url = reverse("admin:applicants_case_letter_review", args=[letter.case_id, letter.pk])
    if letter.released_at is not None:
        return format_html(
            '<a href="{}">{}</a>', url, _("released %(day)s") % {"day": f"{letter.released_at:%Y-%m-%d}"}
        )
    return format_html('<a href="{}">{}</a>', url, _("draft: review and release"))


class AdviceLetterInline(admin.TabularInline[AdviceLetter, Case]):
    """The case's letters, newest first: read-only (the services write them)."""

    model = AdviceLetter
    extra = 0
    fields = readonly_fields = (
        "version",
        "language",
        "status_display",
        "review",
        "download",
        "page_count",
        "attempts",
        "last_error",
        "requested_by",
        "requested_at",
    )
    verbose_name_plural = gettext_lazy("advice letters (every version is kept)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[AdviceLetter]:
        return super().get_queryset(request).select_related("case", "requested_by").order_by("-version")

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, obj: AdviceLetter) -> str:
        return status_badge(obj)

    @admin.display(description=gettext_lazy("PDF"))
    def download(self, obj: AdviceLetter) -> str:
        return download_link(obj)

    @admin.display(description=gettext_lazy("review"))
    def review(self, obj: AdviceLetter) -> str:
        return review_link(obj)


class SnapshotChoiceField(forms.ModelChoiceField[Assessment]):
    def label_from_instance(self, obj: Assessment) -> str:
        return _("%(run)s, rules as of %(as_of)s") % {
            "run": f"{obj.created_at:%Y-%m-%d %H:%M}",
            "as_of": obj.as_of,
        }


class LetterRequestForm(forms.Form):
    assessment = SnapshotChoiceField(
        label=gettext_lazy("assessment"),
        queryset=Assessment.objects.none(),
        empty_label=None,
        help_text=gettext_lazy("The letter is written from this snapshot; the newest is first."),
    )
    language = forms.ChoiceField(label=gettext_lazy("language"), choices=LetterLanguage.choices)
    note = forms.CharField(
        label=gettext_lazy("your note"),
        required=False,
        max_length=services.MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=gettext_lazy("Printed in the letter as you write it, under “Your consultant's note”."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assessment"]
        assert isinstance(field, SnapshotChoiceField)
        field.queryset = case.assessments.latest_first()
        field.initial = field.queryset.first()
        self.fields["language"].initial = case.applicant.preferred_language


class LetterRevisionForm(LetterRequestForm):
    """The review page's "edit the note and render again": same snapshot and language, a new version."""

    def __init__(self, *args: Any, case: Case, letter: AdviceLetter, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["assessment"].initial = letter.assessment_id
        self.fields["language"].initial = letter.language
        self.fields["note"].initial = letter.consultant_note
        self.fields["assessment"].widget = forms.HiddenInput()
        self.fields["language"].widget = forms.HiddenInput()


def request_letter_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str
) -> HttpResponse:
    """Ask for a new letter version for one case: the snapshot, the language and the consultant's note."""
    case = case_page_case(modeladmin, request, object_id)
    if not (modeladmin.has_change_permission(request, case) and request.user.has_perm(ADD_LETTER)):
        raise PermissionDenied
    case_url = reverse("admin:applicants_case_change", args=[case.pk])
    if not case.assessments.exists():
        modeladmin.message_user(
            request,
            _("Run an assessment for this case first: a letter is written from one."),
            messages.WARNING,
        )
        return HttpResponseRedirect(case_url)
    form = LetterRequestForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            letter = services.request_advice_letter(
                case=case,
                assessment=form.cleaned_data["assessment"],
                language=form.cleaned_data["language"],
                note=form.cleaned_data["note"],
                requested_by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            modeladmin.message_user(
                request,
                _("Letter %(reference)s requested; it appears below when it is ready.")
                % {"reference": letter.reference},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(case_url)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Request an advice letter for %(reference)s") % {"reference": case.reference},
        "opts": modeladmin.model._meta,
        "case": case,
        "case_url": case_url,
        "form": form,
    }
    return TemplateResponse(request, "admin/letters/adviceletter/request.html", context)


def letter_download_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str, letter_id: int
) -> FileResponse:
    """Stream a ready letter to staff who may see its case and its letters (404 otherwise); logged."""
    case = case_page_case(modeladmin, request, object_id)
    return letter_pdf_response(letter_for(request.user, letter_id, case_pk=case.pk))


@csp_replace({"frame-src": [SELF]})  # type: ignore[arg-type]  # django-csp types a view as (request)
def letter_review_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str, letter_id: int
) -> HttpResponse:
    """One letter version: its PDF inline, "edit the note and render again", the second review (when
    required) and release, the only path to the applicant. Released letters are shown, never changed."""
    case = case_page_case(modeladmin, request, object_id)
    letter = letter_for(request.user, letter_id, case_pk=case.pk)
    review_url = reverse("admin:applicants_case_letter_review", args=[case.pk, letter.pk])
    may_act = modeladmin.has_change_permission(request, case) and request.user.has_perm(ADD_LETTER)
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        user = request.user
        assert isinstance(user, User)
        step = {"release": services.release_letter, "review": services.review_letter}.get(
            request.POST.get("step", "")
        )
        if step is None:
            raise PermissionDenied
        try:
            step(letter=letter, by=user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            done = (
                _("Letter %(reference)s released: the applicant is e-mailed and sees it in the portal.")
                if step is services.release_letter
                else _("Letter %(reference)s reviewed; it can be released now.")
            )
            modeladmin.message_user(request, done % {"reference": letter.reference}, messages.SUCCESS)
        return HttpResponseRedirect(review_url)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Advice letter %(reference)s") % {"reference": letter.reference},
        "opts": modeladmin.model._meta,
        "case": case,
        "case_url": reverse("admin:applicants_case_change", args=[case.pk]),
        "letter": letter,
        "may_act": may_act and letter.status == AdviceLetter.Status.READY and letter.released_at is None,
        "needs_review": settings.LETTERS_REQUIRE_SECOND_REVIEWER and letter.reviewed_by_id is None,
        "revision_form": LetterRevisionForm(case=case, letter=letter),
        "request_url": reverse("admin:applicants_case_request_letter", args=[case.pk]),
        "preview_url": reverse("admin:applicants_case_letter_preview", args=[case.pk, letter.pk]),
    }
    return TemplateResponse(request, "admin/letters/adviceletter/review.html", context)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]  # as above
def letter_preview_view(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str, letter_id: int
) -> FileResponse:
    """The letter's PDF shown inline (framed by the review page only: same origin), staff only; logged."""
    case = case_page_case(modeladmin, request, object_id)
    return letter_pdf_response(letter_for(request.user, letter_id, case_pk=case.pk), inline=True)


@admin.action(description=gettext_lazy("Request an advice letter"), permissions=["change"])
def request_advice_letter_action(
    modeladmin: admin.ModelAdmin[Case], request: HttpRequest, queryset: QuerySet[Case]
) -> HttpResponse | None:
    """One case at a time: each letter carries its own note, written on the next page."""
    cases = list(queryset[:2])
    if len(cases) != 1:
        modeladmin.message_user(
            request, _("Select exactly one case: each letter has its own note."), messages.WARNING
        )
        return None
    return HttpResponseRedirect(reverse("admin:applicants_case_request_letter", args=[cases[0].pk]))


@admin.register(AdviceLetter)
class AdviceLetterAdmin(admin.ModelAdmin[AdviceLetter]):
    """Every letter of the cases the user may see; the "failed" filter is the staff's repair list."""

    list_display = [
        "reference_display",
        "applicant_name",
        "language",
        "status_display",
        "attempts",
        "last_error",
        "requested_by",
        "requested_at",
        "download",
    ]
    list_filter = ["status", "language"]
    list_select_related = ["case__applicant", "requested_by"]
    search_fields = ["^case__reference", "case__applicant__full_name"]
    show_full_result_count = False
    fields = readonly_fields = (
        "reference_display",
        "case",
        "assessment",
        "language",
        "status_display",
        "attempts",
        "last_error",
        "consultant_note",
        "download",
        "page_count",
        "sha256",
        "requested_by",
        "requested_at",
        "rendering_started_at",
        "ready_at",
        "failed_at",
        "notified_at",
        "reviewed_by",
        "reviewed_at",
        "released_by",
        "released_at",
        "applicant_notified_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[AdviceLetter]:
        return super().get_queryset(request).filter(case__in=Case.objects.filter(case_scope(request.user)))

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> AdviceLetter | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such letter, or not one of yours.")
        return obj

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # letters are requested from their case

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # every version is kept

    @admin.display(description=gettext_lazy("reference"), ordering="case__reference")
    def reference_display(self, obj: AdviceLetter) -> str:
        return obj.reference

    @admin.display(description=gettext_lazy("applicant"), ordering="case__applicant__full_name")
    def applicant_name(self, obj: AdviceLetter) -> str:
        return obj.case.applicant.full_name

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_display(self, obj: AdviceLetter) -> str:
        return status_badge(obj)

    @admin.display(description=gettext_lazy("PDF"))
    def download(self, obj: AdviceLetter) -> str:
        return download_link(obj)


class LetterCaseAdmin(CaseAdmin):
    """The case admin with the case's letters: their inline (after the case's own), the "request an
    advice letter" action, and two pages of their own (request, download)."""

    change_form_template = "admin/letters/case_change_form.html"
    actions = [*CaseAdmin.actions, request_advice_letter_action]

    def get_inlines(
        self, request: HttpRequest, obj: Case | None
    ) -> list[type[admin.options.InlineModelAdmin[Any, Any]]]:
        inlines = list(super().get_inlines(request, obj))
        if obj is None:
            return inlines
        return [*inlines, AdviceLetterInline]

    def get_urls(self) -> list[URLPattern]:
        letters = [
            path(
                "<path:object_id>/letters/request/",
                self.admin_site.admin_view(partial(request_letter_view, self)),
                name="applicants_case_request_letter",
            ),
            path(
                "<path:object_id>/letters/<int:letter_id>/review/",
                self.admin_site.admin_view(partial(letter_review_view, self)),
                name="applicants_case_letter_review",
            ),
            path(
                "<path:object_id>/letters/<int:letter_id>/preview/",
                self.admin_site.admin_view(partial(letter_preview_view, self)),
                name="applicants_case_letter_preview",
            ),
            path(
                "<path:object_id>/letters/<int:letter_id>/download/",
                self.admin_site.admin_view(partial(letter_download_view, self)),
                name="applicants_case_letter",
            ),
        ]
        return letters + super().get_urls()


admin.site.unregister(Case)
admin.site.register(Case, LetterCaseAdmin)
