"""The "your advice letter is ready" e-mails: to the applicant in their language, to the consultant.

Neither carries the PDF: the applicant downloads it from the portal (signed in), staff from the case.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import AdviceLetter


def _message(letter: AdviceLetter, *, template: str, to: str, language: str, link: str) -> EmailMessage:
    context = {"letter": letter, "applicant": letter.case.applicant, "link": link}
    with translation.override(language):
        subject = render_to_string(f"letters/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"letters/email/{template}_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[to])


def send_ready_emails(letter: AdviceLetter) -> int:
    """Send both e-mails (the consultant's only if the letter has one); returns how many were sent."""
    site = settings.SITE_URL.rstrip("/")
    applicant = letter.case.applicant
    messages = [
        _message(
            letter,
            template="adviceletter_ready_applicant",
            to=applicant.email,
            language=applicant.preferred_language,
            link=site + reverse("portal-letter-download", args=[letter.pk]),
        )
    ]
    consultant = letter.requested_by or letter.case.assigned_to
    if consultant is not None and consultant.email:
        messages.append(
            _message(
                letter,
                template="adviceletter_ready_consultant",
                to=consultant.email,
                language=settings.LANGUAGE_CODE,
                link=site + reverse("admin:applicants_case_change", args=[letter.case_id]),
            )
        )
    return int(get_connection().send_messages(messages) or 0)
