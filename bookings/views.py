"""Booking pages: choose a slot (after saving, or from the portal's case page), see the booking, and
change or cancel it through the e-mailed link.

Every time is shown in the applicant's chosen time zone; the choice is a plain GET form (no JavaScript),
remembered in the session, first guessed from the page's language.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from applicants.intake.base import error_links
from applicants.models import Applicant, Case
from applicants.portal.views import applicant_view
from staff.profiles import profile_for

from .access import portal_case_for, saved_case_for
from .forms import SlotForm, TimeZoneForm, default_zone, zone_choices
from .links import make_manage_token, read_manage_token, use_manage_token
from .models import Appointment
from .services import BookingError, book_appointment, cancel_appointment, reschedule_appointment
from .slots import Slot, open_slots

ZONE_KEY = "booking_time_zone"
BOOKED_KEY = "booked_appointment"


def _zone(request: HttpRequest) -> tuple[str, TimeZoneForm]:
    """The applicant's time zone (asked for, remembered, or guessed) and the form that changes it."""
    if "time_zone" in request.GET:
        form = TimeZoneForm(request.GET)
        if form.is_valid():
            request.session[ZONE_KEY] = form.cleaned_data["time_zone"]
            return form.cleaned_data["time_zone"], form
        return request.session.get(ZONE_KEY) or default_zone(get_language()), form
    zone = request.session.get(ZONE_KEY) or default_zone(get_language())
    return zone, TimeZoneForm(initial={"time_zone": zone})


def _days(slots: list[Slot], zone: str) -> list[dict[str, Any]]:
    """Slots grouped by their date in `zone`."""
    tz = ZoneInfo(zone)
    local = [(slot, slot.starts_at.astimezone(tz)) for slot in slots]
    return [
        {"day": day, "slots": [{"slot": slot, "starts": starts} for slot, starts in group]}
        for day, group in groupby(local, key=lambda pair: pair[1].date())
    ]


def _choose(
    request: HttpRequest,
    *,
    case: Case,
    title: str,
    back_url: str,
    book: Any,
    consultant: Any = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The slot-choosing page; `book(slot, zone)` makes the booking (raises BookingError)."""
    zone, zone_form = _zone(request)
    now = timezone.now()
    slots = open_slots(case, now=now, consultant=consultant)
    if request.method == "POST":
        form = SlotForm(request.POST, slots=slots)
        if form.is_valid():
            try:
                appointment: Appointment = book(form.cleaned_data["slot"], form.cleaned_data["time_zone"])
            except BookingError as exc:
                form.add_error("slot", str(exc))
                slots = open_slots(case, now=now, consultant=consultant)  # without the slot just taken
            else:
                request.session[BOOKED_KEY] = appointment.pk
                request.session[ZONE_KEY] = appointment.applicant_time_zone
                return redirect("bookings:booked")
        if form.data.get("time_zone") in dict(zone_choices()):
            zone = str(form.data["time_zone"])
    else:
        form = SlotForm(initial={"time_zone": zone}, slots=slots)
    status = 409 if form.errors else 200
    return render(
        request,
        "bookings/appointment_choose.html",
        {
            "case": case,
            "title": title,
            "back_url": back_url,
            "zone": zone,
            "zone_form": zone_form,
            "form": form,
            "errors": error_links(form),
            "days": _days(slots, zone),
            **(extra or {}),
        },
        status=status,
    )


def _book(case: Case, request: HttpRequest) -> HttpResponse:
    current = case.appointments.booked().first()
    if current is not None:
        request.session[BOOKED_KEY] = current.pk
        return redirect("bookings:booked")

    def book(slot: Slot, zone: str) -> Appointment:
        return book_appointment(
            case=case,
            consultant_id=slot.consultant_id,
            starts_at=slot.starts_at,
            applicant_time_zone=zone,
            now=timezone.now(),
        )

    return _choose(
        request,
        case=case,
        title=_("Book a consultation"),
        back_url=request.path,
        book=book,
    )


@require_http_methods(["GET", "POST"])
def book_after_saving(request: HttpRequest) -> HttpResponse:
    """Right after "save and talk to a consultant", in the same browser session, before any sign-in."""
    case = saved_case_for(request)
    if case is None:
        return render(request, "bookings/appointment_wait.html", status=200)
    return _book(case, request)


@applicant_view
@require_http_methods(["GET", "POST"])
def book_for_case(request: HttpRequest, applicant: Applicant, reference: str) -> HttpResponse:
    return _book(portal_case_for(request, reference), request)


@require_GET
def booked(request: HttpRequest) -> HttpResponse:
    """The consultation this session just booked (or changed): when, where, and how to change it."""
    pk = request.session.get(BOOKED_KEY)
    appointment = (
        Appointment.objects.booked().select_related("case", "consultant").filter(pk=pk).first()
        if pk
        else None
    )
    if appointment is None:
        return redirect("home")
    return render(
        request,
        "bookings/appointment_booked.html",
        {
            "appointment": appointment,
            "zone": appointment.applicant_time_zone,
            "consultant": profile_for(appointment.consultant),
            "manage_url": reverse("bookings:manage", args=[make_manage_token(appointment)]),
            "case_url": reverse("applicants:portal-case", args=[appointment.case.reference]),
        },
    )


def _link_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "bookings/appointment_link_gone.html", status=410)


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed change-or-cancel link: cancel (one button) or choose another time."""
    now = timezone.now()
    appointment = read_manage_token(token, now=now)
    if appointment is None:
        return _link_gone(request)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        with transaction.atomic():
            used = use_manage_token(token, now=now)
            if used is None:
                return _link_gone(request)
            cancel_appointment(appointment=used, now=now)
        request.session.pop(BOOKED_KEY, None)
        return render(request, "bookings/appointment_cancelled.html", {"appointment": appointment})

    def move(slot: Slot, zone: str) -> Appointment:
        with transaction.atomic():  # the link is used up only if the move succeeds
            used = use_manage_token(token, now=timezone.now())
            if used is None:
                raise BookingError(_("This link has already been used; please use the newest e-mail."))
            return reschedule_appointment(
                appointment=used, starts_at=slot.starts_at, applicant_time_zone=zone, now=timezone.now()
            )

    return _choose(
        request,
        case=appointment.case,
        title=_("Change or cancel your consultation"),
        back_url=request.path,
        book=move,
        consultant=appointment.consultant,
        extra={"appointment": appointment, "consultant": profile_for(appointment.consultant)},
    )
