"""The "change or cancel" link in consultation e-mails: signed (cannot be forged), for one version of
one appointment (a reschedule or cancellation raises its sequence, so older links stop working), good
until the consultation starts, and used once (`applicants.tokens.use_once`, as the sign-in links).
"""

from __future__ import annotations

from datetime import datetime

from django.core import signing

from applicants.tokens import use_once, was_used

from .models import Appointment

SALT = "bookings.manage-link"


def make_manage_token(appointment: Appointment) -> str:
    return signing.dumps({"a": appointment.pk, "s": appointment.sequence}, salt=SALT, compress=True)


def read_manage_token(token: str, *, now: datetime) -> Appointment | None:
    """The booked, future appointment the link is for; None when forged, used, outdated or past."""
    try:
        payload = signing.loads(token, salt=SALT)
        appointment = Appointment.objects.select_related("case__applicant", "consultant").get(
            pk=payload["a"], status=Appointment.Status.BOOKED
        )
    except (signing.BadSignature, Appointment.DoesNotExist, KeyError, TypeError):
        return None
    if payload.get("s") != appointment.sequence or appointment.starts_at <= now or was_used(token):
        return None
    return appointment


def use_manage_token(token: str, *, now: datetime) -> Appointment | None:
    """Like `read_manage_token`, and uses the link up (call it inside the change's transaction)."""
    appointment = read_manage_token(token, now=now)
    return appointment if appointment is not None and use_once(token) else None
