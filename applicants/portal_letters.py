"""The applicant portal's letter download: an applicant's own letters only, anything else is a 404.

(The rest of the portal comes with the applicant journey; this view only needs a signed-in user linked
to an applicant.)
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from assessments.letter_downloads import letter_pdf_response
from assessments.models import AdviceLetter


@require_GET
@login_required
def letter_download(request: HttpRequest, letter_id: int) -> FileResponse:
    """A ready letter of one of the signed-in applicant's cases; 404 for every other letter."""
    letter = get_object_or_404(
        AdviceLetter.objects.of_applicant_user(request.user).ready().select_related("case"), pk=letter_id
    )
    return letter_pdf_response(letter)
