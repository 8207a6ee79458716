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
from assessments.presentation import ResultView, present

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
    documents = list(case.documents.all())
    return render(
        request,
        "applicants/portal_case_detail.html",
        {
            "case": case,
            "next_step": next_step(case),
            "items": [
                {"document": d, "can_upload": d.review_status in UPLOADABLE, "form": UploadForm()}
                for d in documents
            ],
            "result": _saved_result(case),
            "consultant": consultant_for(case),
            "progress": _progress(documents),
            **_messages_notice(applicant, case),
        },
    )


def _messages_notice(applicant: Applicant, case: Case) -> dict[str, object]:
    """The case page's messages notice: "2 unread messages" and the way to the conversation."""
    return {
        "unread": unread_count_for_applicant(applicant=applicant, case=case),
        "messages_url": reverse("applicants:portal-messages", args=[case.reference]),
    }


# Checklist items the applicant has done their part for: a file is in and not sent back.
DONE = {Document.Review.UPLOADED, Document.Review.ACCEPTED}


def _progress(documents: list[Document]) -> dict[str, int]:
    """ "2 of 8": required items with a file in (uploaded or accepted), out of all required items."""
    required = [d for d in documents if d.is_required]
    return {"done": sum(1 for d in required if d.review_status in DONE), "total": len(required)}


def _saved_result(case: Case) -> ResultView | None:
    """The case's latest saved assessment as the applicant reads it: the routes it targets relied on."""
    snapshot = case.assessments.latest_first().first()
    if snapshot is None:
        return None
    return present(
        snapshot.results, relied_on=[p.code for p in case.pathways.all()], override=presented_override(case)
    )


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
    case = document.case
    items = [
        {
            "document": d,
            "can_upload": d.review_status in UPLOADABLE,
            "form": form if d.pk == document.pk else UploadForm(),
        }
        for d in case.documents.all()
    ]
    return render(
        request,
        "applicants/portal_case_detail.html",
        {
            "case": case,
            "next_step": next_step(case),
            "items": items,
            "result": _saved_result(case),
            "consultant": consultant_for(case),
            "progress": _progress(list(case.documents.all())),
            **_messages_notice(applicant, case),
            "errors": error_links(form),
            "failed_pk": document.pk,
        },
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
