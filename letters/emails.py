"""The letter e-mails: "your draft is ready to read" to the consultant, "your letter is ready" to the
applicant on release, each in its reader's language.

Neither carries the PDF: the applicant downloads it from the portal (signed in), staff from the case.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from staff.models import StaffProfile
from staff.profiles import profile_for

from .models import AdviceLetter


def _message(
    letter: AdviceLetter,
    *,
    template: str,
    to: str,
    language: str,
    link: str,
    consultant: StaffProfile | None = None,
) -> EmailMessage:
    context = {"letter": letter, "applicant": letter.case.applicant, "link": link, "consultant": consultant}
    with translation.override(language):
        subject = render_to_string(f"letters/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"letters/email/{template}_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[to])


def send_draft_ready_email(letter: AdviceLetter) -> int:
    """Tell the consultant (the requester, else the case's) that the draft is ready to read, in their
    working language; the applicant is not told until release. Returns how many were sent."""
    consultant = letter.requested_by or letter.case.assigned_to
    if consultant is None or not consultant.email:
        return 0
    site = settings.SITE_URL.rstrip("/")
    message = _message(
        letter,
        template="adviceletter_ready_consultant",
        to=consultant.email,
        language=profile_for(consultant).language,
        link=site + reverse("admin:applicants_case_letter_review", args=[letter.case_id, letter.pk]),
    )
    return int(get_connection().send_messages([message]) or 0)


def send_released_email(letter: AdviceLetter) -> int:
    """Tell the applicant, in their language, that their letter is in the portal; signed by the consultant
    who released it (their display name and title). The PDF is never attached."""
    site = settings.SITE_URL.rstrip("/")
    applicant = letter.case.applicant
    signer = letter.released_by or letter.requested_by or letter.case.assigned_to
    message = _message(
        letter,
        template="adviceletter_ready_applicant",
        to=applicant.email,
        language=applicant.preferred_language,
        link=site + reverse("portal-letter-download", args=[letter.pk]),
        consultant=profile_for(signer) if signer is not None else None,
    )
    return int(get_connection().send_messages([message]) or 0)
