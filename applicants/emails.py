"""The e-mails of the applicant journey, each rendered in its reader's language.

Applicants read theirs in their preferred language; the consultancy's notifications are in the
site's default language.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Applicant, Case, DataRequest, IntakeDraft, Message, PendingSubmission
from .tokens import make_confirmation_token, make_draft_token, make_magic_token, make_resume_token


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(*, template: str, context: dict[str, object], to: str, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"applicants/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"applicants/email/{template}_body.txt", context)
    send_mail(subject, body, None, [to])


def send_resume_link(*, applicant: Applicant, case: Case) -> None:
    language = applicant.preferred_language
    with translation.override(language):
        link = _absolute(reverse("applicants:portal-resume", args=[make_resume_token(applicant)]))
    _send(
        template="resume_link",
        context={
            "applicant": applicant,
            "case": case,
            "link": link,
            "days": settings.RESUME_LINK_MAX_AGE_DAYS,
            "has_account": applicant.user_id is not None,
        },
        to=applicant.email,
        language=language,
    )


def send_magic_link(*, user: User) -> None:
    applicant = Applicant.objects.get(user=user)
    language = applicant.preferred_language
    with translation.override(language):
        link = _absolute(reverse("applicants:portal-magic", args=[make_magic_token(user)]))
    _send(
        template="magic_link",
        context={"applicant": applicant, "link": link, "minutes": settings.MAGIC_LINK_MAX_AGE_MINUTES},
        to=applicant.email,
        language=language,
    )


def send_submission_confirmation(*, pending: PendingSubmission) -> None:
    """Ask the owner of an applicant's address whether an assessment saved under it is theirs."""
    applicant = Applicant.objects.filter(email__iexact=pending.email, erased_at__isnull=True).first()
    if applicant is None:
        return
    language = applicant.preferred_language
    with translation.override(language):
        link = _absolute(reverse("applicants:portal-confirm", args=[make_confirmation_token(pending)]))
    _send(
        template="confirm_submission",
        context={
            "applicant": applicant,
            "pending": pending,
            "link": link,
            "days": settings.RESUME_LINK_MAX_AGE_DAYS,
        },
        to=applicant.email,
        language=language,
    )


def send_draft_link(*, draft: IntakeDraft) -> None:
    """The link to continue a self-assessment saved for later, in the language it was saved in."""
    with translation.override(draft.preferred_language):
        link = _absolute(reverse("applicants:intake-continue", args=[make_draft_token(draft)]))
    _send(
        template="draft_link",
        context={"link": link, "expires_at": draft.expires_at, "days": settings.INTAKE_DRAFT_MAX_AGE_DAYS},
        to=draft.email,
        language=draft.preferred_language,
    )


def notify_new_case(*, case: Case) -> None:
    _send(
        template="new_case",
        context={
            "case": case,
            "applicant": case.applicant,
            "pathways": [str(p) for p in case.pathways.all()],
            "link": _absolute(reverse("admin:applicants_case_change", args=[case.pk])),
        },
        to=settings.CONSULTANCY_NOTIFY_EMAIL,
        language=settings.LANGUAGE_CODE,
    )


def notify_data_request(*, request: DataRequest) -> None:
    """Tell the consultancy that an applicant asked for their data or for deletion (staff approve it)."""
    _send(
        template="deletion_request" if request.kind == DataRequest.Kind.DELETION else "export_request",
        context={"request": request, "applicant": request.applicant},
        to=settings.CONSULTANCY_NOTIFY_EMAIL,
        language=settings.LANGUAGE_CODE,
    )


def notify_new_message(*, message: Message) -> None:
    """Tell the other side that a message waits on the case, never what it says: the words stay behind
    the sign-in. The applicant is told in their language (unless erased meanwhile); the consultancy at
    the case's consultant's address, or its own while nobody is assigned."""
    case = message.case
    if message.is_from_applicant:
        consultant = case.assigned_to
        to = (
            consultant.email
            if consultant is not None and consultant.email
            else settings.CONSULTANCY_NOTIFY_EMAIL
        )
        language = settings.LANGUAGE_CODE
        with translation.override(language):
            link = _absolute(reverse("admin:applicants_case_messages", args=[case.pk]))
    else:
        applicant = case.applicant
        if applicant.erased_at is not None:
            return
        to, language = applicant.email, applicant.preferred_language
        with translation.override(language):
            link = _absolute(reverse("applicants:portal-messages", args=[case.reference]))
    _send(
        template="new_message",
        context={"case": case, "link": link, "to_applicant": not message.is_from_applicant},
        to=to,
        language=language,
    )
