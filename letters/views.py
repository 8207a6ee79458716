"""The applicant portal's letter download: an applicant's own ready letters only, anything else is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from .access import letter_for
from .downloads import letter_pdf_response
from .services import record_applicant_download


# Signed-in check first, so an anonymous visitor is sent to the portal's sign-in whatever the method.
@login_required(login_url=reverse_lazy("applicants:portal-login"))
@require_GET
def letter_download(request: HttpRequest, letter_id: int) -> FileResponse:
    """A ready letter of one of the signed-in applicant's cases; 404 for every other letter. The first
    download takes the letter's "new" marker off."""
    letter = letter_for(request.user, letter_id, as_applicant=True)
    response = letter_pdf_response(letter)
    record_applicant_download(letter=letter)
    return response
