"""Which case a booking page is for: the signed-in applicant's own (portal), or the case just saved in
this browser session (the page after "save and talk to a consultant", before any sign-in)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from applicants.access import case_for
from applicants.models import Case
from applicants.views.save import SAVED_KEY


def saved_case_for(request: HttpRequest) -> Case | None:
    """The case saved in this session, or None while it waits for its e-mail confirmation (an address
    that already had an account) or when nothing was saved here."""
    reference = request.session.get(SAVED_KEY)
    if not reference:
        raise Http404("Nothing was saved in this browser session.")
    return (
        Case.objects.select_related("applicant", "assigned_to")
        .filter(reference=reference, applicant__erased_at__isnull=True)
        .first()
    )


def portal_case_for(request: HttpRequest, reference: str) -> Case:
    return case_for(request.user, as_applicant=True, reference=reference)
