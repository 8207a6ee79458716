"""Streaming an approved export archive to someone the calling view already allowed to see it; logged."""

from __future__ import annotations

from auditlog.signals import accessed
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from ..models import DataRequest


def export_archive_response(request: DataRequest) -> FileResponse:
    """The archive as a zip download (404 while it is not approved, or after retention deleted it)."""
    if request.kind != DataRequest.Kind.EXPORT or not request.archive:
        raise Http404(_("This export is not ready, or was deleted after its retention period."))
    accessed.send(sender=DataRequest, instance=request)
    response = FileResponse(
        request.archive.open("rb"),
        as_attachment=True,
        filename=f"my-data-{request.completed_at:%Y-%m-%d}.zip" if request.completed_at else "my-data.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
