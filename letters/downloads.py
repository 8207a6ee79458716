"""Streaming a letter's PDF to someone the calling view has already allowed to see it; logged."""

from __future__ import annotations

from auditlog.signals import accessed
from django.http import FileResponse, Http404

from .models import AdviceLetter


def letter_pdf_response(letter: AdviceLetter, *, inline: bool = False) -> FileResponse:
    """The ready letter as a PDF download named after its reference; 404 if it is not ready.

    Every download is recorded in the audit log (who, when), like opening a case.
    """
    if letter.status != AdviceLetter.Status.READY or not letter.file:
        raise Http404("This letter is not ready.")
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The letter's file is missing.") from error
    accessed.send(sender=AdviceLetter, instance=letter)
    response = FileResponse(
        handle, as_attachment=not inline, filename=letter.download_name(), content_type="application/pdf"
    )
    # Never sniffed as anything else, never kept by a shared cache.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
