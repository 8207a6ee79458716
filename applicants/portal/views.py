"""The applicant portal: my cases, their documents, re-assessment, my data. (A case's advice letters:
its page includes the `letters` app's list, and their download is that app's view.)

Every object is fetched through the access helpers (`applicants.access.case_for`, `document_for`,
`data_request_for` with `as_applicant=True`), which only find the signed-in applicant's own objects:
anyone else's is a 404, never a 403 that confirms it exists. Downloads are recorded in the audit log.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Protocol

from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.identity import is_staff_identity
from assessments import evaluation
from assessments.engine import ProfileError
from assessments.presentation import present

from ..access import case_for, data_request_for, document_for
from ..intake.base import error_links
from ..models import Applicant, Case, DataRequest, Document, Message
from ..privacy.downloads import export_archive_response
from ..services.cases import presented_override
from ..services.messages import unread_count_for_applicant
from ..services.portal import UPLOADABLE, request_data, upload_for_applicant
from ..statuses import next_step
from ..uploads import SIGNATURES, sniff
from .consultant import consultant_for
from .forms import ConfirmForm, UploadForm
from .guide import ChecklistSection, checklist, progress_of, saved_result

# Items the applicant still has to act on (an uploaded file waits for review instead).
TO_UPLOAD = {Document.Review.REQUESTED, Document.Review.REJECTED, Document.Review.REUPLOAD_REQUESTED}
portal_login_required = login_required(login_url=reverse_lazy("applicants:portal-login"))


class PortalView(Protocol):
    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse: ...


def _applicant_for(request: HttpRequest) -> Applicant:
    if is_staff_identity(request.user):
        raise PermissionDenied(_("Staff accounts cannot use the applicant portal."))
    applicant = (
        Applicant.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    )
    if applicant is None:
        raise Http404(_("There is no applicant account for this login."))
    return applicant


def applicant_view(view: Any) -> PortalView:
    """Signed-in applicants only; the view receives its applicant as the second argument."""

    @portal_login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, _applicant_for(request), *args, **kwargs)
        return response

    return wrapper


@applicant_view
def home(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    cases = list(applicant.cases.prefetch_related("pathways", "documents").order_by("-created_at"))
    unread = dict(
        Message.objects.filter(case__in=cases)
        .unread_by_applicant()
        .order_by()
        .values("case")
        .annotate(count=Count("pk"))
        .values_list("case", "count")
    )
    rows = [
        {
            "case": case,
            "next_step": next_step(case),
            "to_upload": sum(1 for d in case.documents.all() if d.review_status in TO_UPLOAD),
            "unread": unread.get(case.pk, 0),
            "has_result": case.assessments.exists(),
        }
        for case in cases
    ]
    return render(
        request,
        "applicants/portal_home.html",
        {
            "applicant": applicant,
            "rows": rows,
            "unread_rows": [row for row in rows if row["unread"]],
            "has_assessment": applicant.assessments.exists(),
            "deletion": DataRequest.objects.filter(
                applicant=applicant, kind=DataRequest.Kind.DELETION, completed_at__isnull=True
            ).first(),
            "exports": list(
                DataRequest.objects.filter(applicant=applicant, kind=DataRequest.Kind.EXPORT)[:5]
            ),
        },
    )


@applicant_view
def case_detail(request: HttpRequest, applicant: Applicant, reference: str) -> HttpResponse:
    case = case_for(request.user, as_applicant=True, reference=reference)
    return render(request, "applicants/portal_case_detail.html", _case_page(case, applicant))


def _case_page(
    case: Case, applicant: Applicant, *, failed: Document | None = None, form: UploadForm | None = None
) -> dict[str, Any]:
    """The case page: the checklist grouped by route (the failed upload's item keeps its form and
    errors), its progress, the consultant, the saved result and the unread messages."""
    result = saved_result(case)
    sections = checklist(case, list(case.documents.all()), result)
    for section in sections:
        for item in section.items:
            document = item["document"]
            item["can_upload"] = document.review_status in UPLOADABLE
            item["form"] = (
                form if form is not None and failed is not None and document.pk == failed.pk else UploadForm()
            )
    shown = [item["document"] for section in sections for item in section.items]
    return {
        "case": case,
        "next_step": next_step(case),
        "sections": sections,
        # One route open at a time: the failed upload's, else the first with something left to send.
        "open_section": _open_section(sections, failed),
        "items": [item for section in sections for item in section.items],
        "result": result,
        "consultant": consultant_for(case),
        "progress": progress_of(shown),
        "errors": error_links(form) if form is not None else [],
        "failed_pk": failed.pk if failed is not None else None,
        **_messages_notice(applicant, case),
    }


def _messages_notice(applicant: Applicant, case: Case) -> dict[str, object]:
    """The case page's messages notice: "2 unread messages" and the way to the conversation."""
    return {
        "unread": unread_count_for_applicant(applicant=applicant, case=case),
        "messages_url": reverse("applicants:portal-messages", args=[case.reference]),
    }


def _open_section(sections: list[ChecklistSection], failed: Document | None) -> ChecklistSection | None:
    for section in sections:
        if failed is not None and any(item["document"].pk == failed.pk for item in section.items):
            return section
    if failed is None:
        for section in sections:
            if section.progress.done < section.progress.total or not section.progress.total:
                return section
    return None


@applicant_view
def case_result(request: HttpRequest, applicant: Applicant, reference: str) -> HttpResponse:
    """My result: the case's saved assessment, presented as the result page presents it."""
    case = case_for(request.user, as_applicant=True, reference=reference)
    result = saved_result(case)
    if result is None:
        raise Http404(_("There is no saved assessment for this case yet."))
    return render(request, "applicants/portal_result.html", {"case": case, "result": result})


@applicant_view
@require_POST
def upload(request: HttpRequest, applicant: Applicant, pk: int) -> HttpResponse:
    document = document_for(request.user, pk, as_applicant=True)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_for_applicant(applicant=applicant, document=document, file=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request, _("“%(item)s” is uploaded and waits for review.") % {"item": _(document.name)}
            )
            return redirect("applicants:portal-case", reference=document.case.reference)
    return render(
        request,
        "applicants/portal_case_detail.html",
        _case_page(document.case, applicant, failed=document, form=form),
        status=400,
    )


@applicant_view
def document_download(request: HttpRequest, applicant: Applicant, pk: int) -> FileResponse:
    document = document_for(request.user, pk, as_applicant=True)
    if not document.file:
        raise Http404(_("Nothing is uploaded for this item yet."))
    handle = document.file.open("rb")
    accessed.send(sender=Document, instance=document)
    content_type = sniff(handle) or "application/octet-stream"
    extension = SIGNATURES[content_type][1] if content_type in SIGNATURES else ""
    return FileResponse(
        handle, as_attachment=True, filename=f"{document.name[:80]}{extension}", content_type=content_type
    )


@applicant_view
def reassess(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    """The latest saved profile, assessed again under the rules in force today. Nothing is stored."""
    snapshot = applicant.assessments.latest_first().first()
    if snapshot is None:
        raise Http404(_("There is no saved assessment to re-assess."))
    profile = {key: value for key, value in snapshot.inputs.items() if key != "as_of"}
    try:
        result = present(
            evaluation.snapshot_data(evaluation.parse(profile, as_of=timezone.localdate())),
            override=presented_override(snapshot.case) if snapshot.case is not None else None,
        )
    except ProfileError:
        messages.error(
            request, _("Your saved answers no longer fit the current questions; your consultant will help.")
        )
        return redirect("applicants:portal-home")
    before = snapshot.outcomes()
    changed = [p for p in result.pathways if before.get(p.code) not in (None, p.outcome)]
    return render(
        request,
        "applicants/portal_reassess.html",
        {"result": result, "snapshot": snapshot, "changed": changed},
    )


@applicant_view
@require_POST
def my_data(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    """Ask for a copy of my data: staff approve it, then the archive is listed on the portal home."""
    request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT)
    messages.success(
        request,
        _("We have your request. Your data will be ready to download here within 30 days; we e-mail you."),
    )
    return redirect("applicants:portal-home")


@applicant_view
@require_GET
def data_export_download(request: HttpRequest, applicant: Applicant, pk: int) -> FileResponse:
    data_request = data_request_for(request.user, pk, as_applicant=True)
    return export_archive_response(data_request)


@applicant_view
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest, applicant: Applicant) -> HttpResponse:
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request_data(applicant=applicant, kind=DataRequest.Kind.DELETION)
        messages.success(
            request, _("We have your request. We will confirm the deletion by e-mail within 30 days.")
        )
        return redirect("applicants:portal-home")
    return render(
        request, "applicants/portal_delete_account.html", {"form": form, "errors": error_links(form)}
    )
