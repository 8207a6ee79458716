"""Booking panels on pages other apps own: the portal case page's consultation card. The page includes
it by tag; the query and the links stay here."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from applicants.models import Case
from staff.profiles import profile_for

from ..links import make_manage_token
from ..models import Appointment

register = template.Library()


@register.inclusion_tag("bookings/portal_case_appointment.html")
def case_appointment(case: Case) -> dict[str, Any]:
    """The case's upcoming consultation (in the time zone it was booked in), or the way to book one.
    `case` comes from the portal's access helper: the signed-in applicant's own case."""
    appointment = (
        Appointment.objects.upcoming(now=timezone.now())
        .select_related("consultant")
        .filter(case=case)
        .first()
    )
    if appointment is None:
        return {"case": case, "appointment": None}
    return {
        "case": case,
        "appointment": appointment,
        "zone": appointment.applicant_time_zone,
        "consultant": profile_for(appointment.consultant),
        "manage_url": reverse("bookings:manage", args=[make_manage_token(appointment)]),
    }
