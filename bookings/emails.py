"""Consultation e-mails: the invite (on booking and on every change) and the reminders.

Each side reads theirs in their own language and time zone: the applicant in their preferred language
and the zone they booked in, with the change-or-cancel link; the consultant in their working language
and profile's zone. Invites carry the .ics (text/calendar, with the METHOD the calendar needs).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from staff.profiles import profile_for

from .invites import invite_ics
from .links import make_manage_token
from .models import Appointment


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _message(
    *,
    template: str,
    context: dict[str, object],
    to: str,
    language: str,
    zone: str,
    summary: str,
    appointment: Appointment,
) -> EmailMessage:
    # Times in the template come out in the reader's zone (Django converts them to the current one).
    with translation.override(language), timezone.override(ZoneInfo(zone)):
        subject = render_to_string(f"bookings/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"bookings/email/{template}_body.txt", context)
        message = EmailMessage(" ".join(subject.split()), body, None, [to])
        if template == "invite":
            method = "CANCEL" if appointment.status == Appointment.Status.CANCELLED else "REQUEST"
            message.attach(
                "consultation.ics",
                invite_ics(appointment, summary=summary),
                f"text/calendar; method={method}",
            )
    return message


def _applicant_message(appointment: Appointment, template: str, context: dict[str, object]) -> EmailMessage:
    applicant = appointment.case.applicant
    consultant = profile_for(appointment.consultant)
    language = applicant.preferred_language
    with translation.override(language):
        summary = _("Consultation with %(name)s") % {"name": consultant.display_name}
        manage = reverse("bookings:manage", args=[make_manage_token(appointment)])
    return _message(
        template=template,
        context={
            **context,
            "appointment": appointment,
            "for_applicant": True,
            "name": applicant.full_name,
            "other": consultant.display_name,
            "time_zone": appointment.applicant_time_zone,
            "manage_link": _absolute(manage),
        },
        to=applicant.email,
        language=language,
        zone=appointment.applicant_time_zone,
        summary=summary,
        appointment=appointment,
    )


def _consultant_message(appointment: Appointment, template: str, context: dict[str, object]) -> EmailMessage:
    profile = profile_for(appointment.consultant)
    applicant = appointment.case.applicant
    with translation.override(profile.language):
        summary = _("Consultation: %(name)s (%(reference)s)") % {
            "name": applicant.full_name,
            "reference": appointment.case.reference,
        }
    return _message(
        template=template,
        context={
            **context,
            "appointment": appointment,
            "for_applicant": False,
            "name": profile.display_name,
            "other": f"{applicant.full_name} ({appointment.case.reference})",
            "time_zone": profile.time_zone,
            "case_link": _absolute(reverse("admin:applicants_case_change", args=[appointment.case_id])),
        },
        to=appointment.consultant.email,
        language=profile.language,
        zone=profile.time_zone,
        summary=summary,
        appointment=appointment,
    )


def send_invites(*, appointment: Appointment) -> None:
    """Both sides get the appointment as it now stands (booked, moved or cancelled), with the invite."""
    context: dict[str, object] = {"cancelled": appointment.status == Appointment.Status.CANCELLED}
    for message in (
        _applicant_message(appointment, "invite", context),
        _consultant_message(appointment, "invite", context),
    ):
        message.send()


def send_reminder(*, appointment: Appointment, mark: str) -> None:
    """The reminder 24 hours (`mark="day"`) or 1 hour (`"hour"`) before; both sides get one."""
    context: dict[str, object] = {"day_before": mark == "day"}
    for message in (
        _applicant_message(appointment, "reminder", context),
        _consultant_message(appointment, "reminder", context),
    ):
        message.send()
