"""The booking pages through the test client: after saving, from the portal, the change-or-cancel link,
and the case page in the admin; times shown in each reader's own zone."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from applicants.models import PendingSubmission
from bookings.links import make_manage_token
from bookings.models import Appointment, WeeklyHours
from bookings.services import book_appointment
from tests.applicants.factories import case_manager, staff_login

from .helpers import NOW, TUESDAY, applicant_case, hours, make_consultant, utc

pytestmark = pytest.mark.django_db

BOOK = "/consultation/book/"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def carla() -> User:
    person = make_consultant("Europe/London", email="carla@consultancy.example")
    hours(person, weekday=1, start="09:00", end="10:00")
    return person


def saved(client: Client, reference: str) -> Client:
    session = client.session
    session["saved_reference"] = reference
    session.save()
    return client


def key(consultant: User, clock: str) -> str:
    return f"{consultant.pk}-{int(utc(TUESDAY, clock).timestamp())}"


def text(response) -> str:
    """The page's words as a reader sees them (tags removed, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_the_saved_page_offers_to_book_a_consultation(client: Client) -> None:
    page = saved(client, applicant_case().reference).get(reverse("applicants:intake-saved"))
    assert f'href="{BOOK}"' in page.content.decode()


def test_an_applicant_in_shanghai_sees_a_london_consultants_hours_in_shanghai_time(
    client: Client, carla: User
) -> None:
    page = saved(client, applicant_case().reference).get(BOOK, {"time_zone": "Asia/Shanghai"})
    assert page.status_code == 200
    # 09:00 in London in January is 17:00 in Shanghai.
    assert "17:00–17:30" in text(page)
    assert "09:00–09:30" not in text(page)


def test_a_booking_made_in_shanghai_shows_in_shanghai_time_to_the_applicant_and_london_time_to_the_consultant(
    client: Client, carla: User
) -> None:
    case = applicant_case()
    saved(client, case.reference).get(BOOK, {"time_zone": "Asia/Shanghai"})
    response = client.post(BOOK, {"time_zone": "Asia/Shanghai", "slot": key(carla, "09:00")})
    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:booked")
    page = text(client.get(response["Location"]))
    assert "Your consultation is booked" in page
    assert "17:00–17:30 (Asia/Shanghai)" in page
    assert "09:00 in Europe/London, the consultant's time" in page
    appointment = Appointment.objects.get(case=case)
    assert appointment.starts_at == utc(TUESDAY, "09:00")

    # The consultant opens the case in the admin: the consultation in their zone and the applicant's.
    admin_page = text(
        staff_login(Client(), carla).get(reverse("admin:applicants_case_change", args=[case.pk]))
    )
    assert "Jan. 5, 2027, 9 a.m. (Europe/London)" in admin_page
    assert "Jan. 5, 2027, 5 p.m. (Asia/Shanghai)" in admin_page


def test_a_chinese_page_guesses_shanghai_time_first(client: Client, carla: User) -> None:
    page = saved(client, applicant_case().reference).get("/zh-hans" + BOOK)
    assert '<option value="Asia/Shanghai" selected>' in page.content.decode()
    assert "17:00–17:30" in text(page)


def test_a_slot_taken_meanwhile_gets_the_clear_message_and_disappears(client: Client, carla: User) -> None:
    saved(client, applicant_case().reference)
    book_appointment(
        case=applicant_case(),
        consultant_id=carla.pk,
        starts_at=utc(TUESDAY, "09:00"),
        applicant_time_zone="Europe/London",
        now=NOW,
    )
    response = client.post(BOOK, {"time_zone": "Europe/London", "slot": key(carla, "09:00")})
    assert response.status_code == 409
    assert "That time was just taken — please choose another." in text(response)
    assert key(carla, "09:00") not in response.content.decode()
    assert key(carla, "09:30") in response.content.decode()


def test_an_unknown_time_zone_is_a_clear_error_not_a_crash(client: Client, carla: User) -> None:
    saved(client, applicant_case().reference)
    page = client.get(BOOK, {"time_zone": "Mars/Olympus"})
    assert page.status_code == 200
    assert "Choose a time zone from the list." in text(page)
    response = client.post(BOOK, {"time_zone": "Mars/Olympus", "slot": key(carla, "09:00")})
    assert response.status_code == 409
    assert not Appointment.objects.exists()


def test_booking_needs_a_case_saved_in_this_session(client: Client) -> None:
    assert client.get(BOOK).status_code == 404


def test_an_assessment_waiting_for_its_email_confirmation_cannot_be_booked_yet(client: Client) -> None:
    pending = PendingSubmission.objects.create(
        reference="TP-WAIT22",
        email="x@mail.example",
        full_name="Mei Tan",
        preferred_language="en",
        profile={},
    )
    page = saved(client, pending.reference).get(BOOK)
    assert "Please confirm your assessment first" in text(page)


def applicant_client(case) -> Client:
    user = User.objects.create_user(
        case.applicant.email, email=case.applicant.email, password="x-long-pass-1"
    )
    case.applicant.user = user
    case.applicant.save()
    client = Client()
    client.force_login(user)
    return client


def test_the_portal_case_page_offers_booking_then_shows_the_consultation(carla: User) -> None:
    case = applicant_case()
    client = applicant_client(case)
    offer = client.get(reverse("applicants:portal-case", args=[case.reference]))
    book_url = reverse("bookings:book-case", args=[case.reference])
    assert f'href="{book_url}"' in offer.content.decode()
    booking = client.post(book_url, {"time_zone": "Asia/Singapore", "slot": key(carla, "09:30")})
    assert booking.status_code == 302
    response = client.get(reverse("applicants:portal-case", args=[case.reference]))
    page = text(response)
    assert "Your consultation" in page
    assert "17:30–18:00 (Asia/Singapore)" in page
    assert "https://meet.example/carla" in page
    assert 'href="/consultation/change/' in response.content.decode()


def test_another_applicants_case_cannot_be_booked_from_the_portal(carla: User) -> None:
    mine, theirs = applicant_case(), applicant_case()
    client = applicant_client(mine)
    url = reverse("bookings:book-case", args=[theirs.reference])
    assert client.get(url).status_code == 404
    assert client.post(url, {"time_zone": "UTC", "slot": key(carla, "09:00")}).status_code == 404
    assert not Appointment.objects.exists()


def booked_for(carla: User, clock: str = "09:00") -> Appointment:
    return book_appointment(
        case=applicant_case(),
        consultant_id=carla.pk,
        starts_at=utc(TUESDAY, clock),
        applicant_time_zone="Asia/Shanghai",
        now=NOW,
    )


def test_the_emailed_link_cancels_once(client: Client, carla: User) -> None:
    appointment = booked_for(carla)
    link = reverse("bookings:manage", args=[make_manage_token(appointment)])
    assert "Cancel this consultation" in text(client.get(link))
    page = client.post(link, {"action": "cancel"})
    assert "Your consultation is cancelled" in text(page)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert client.post(link, {"action": "cancel"}).status_code == 410
    assert client.get(link).status_code == 410


def test_the_emailed_link_moves_the_consultation_and_then_no_longer_works(
    client: Client, carla: User
) -> None:
    appointment = booked_for(carla)
    link = reverse("bookings:manage", args=[make_manage_token(appointment)])
    response = client.post(link, {"time_zone": "Asia/Shanghai", "slot": key(carla, "09:30")})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert (appointment.starts_at, appointment.sequence) == (utc(TUESDAY, "09:30"), 1)
    assert "17:30–18:00" in text(client.get(response["Location"]))
    assert client.get(link).status_code == 410


def test_a_forged_link_is_gone(client: Client) -> None:
    assert client.get(reverse("bookings:manage", args=["not-a-token"])).status_code == 410


def test_consultants_see_and_edit_only_their_own_hours_and_managers_everyones(carla: User) -> None:
    wei = make_consultant("Asia/Singapore", name="Wei Lim")
    theirs = hours(wei, weekday=2, start="10:00", end="11:00")
    client = staff_login(Client(), carla)
    listing = client.get(reverse("admin:bookings_weeklyhours_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    assert client.get(reverse("admin:bookings_weeklyhours_change", args=[theirs.pk])).status_code != 200
    added = client.post(
        reverse("admin:bookings_weeklyhours_add"),
        {
            "consultant": wei.pk,  # not offered to Carla: refused
            "weekday": 3,
            "starts_at": "09:00",
            "ends_at": "10:00",
            "place": "video",
            "video_link": "https://meet.example/x",
        },
    )
    assert added.status_code == 200
    assert not WeeklyHours.objects.filter(weekday=3).exists()
    manager = staff_login(Client(), case_manager())
    assert manager.get(reverse("admin:bookings_weeklyhours_changelist")).context["cl"].result_count == 2


def test_a_video_slot_without_its_link_is_refused_in_the_admin(carla: User) -> None:
    response = staff_login(Client(), carla).post(
        reverse("admin:bookings_weeklyhours_add"),
        {"consultant": carla.pk, "weekday": 3, "starts_at": "09:00", "ends_at": "10:00", "place": "video"},
    )
    assert "A video call needs its link" in text(response)
    assert not WeeklyHours.objects.filter(weekday=3).exists()


def test_staff_cancel_a_consultation_from_the_admin_and_both_sides_are_emailed(
    carla: User, celery_eager, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    appointment = booked_for(carla)
    appointment.case.assigned_to = carla
    appointment.case.save()
    client = staff_login(Client(), carla)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:bookings_appointment_changelist"),
            {"action": "cancel_consultations", "_selected_action": [appointment.pk]},
        )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert {m.to[0] for m in mailoutbox} == {appointment.case.applicant.email, "carla@consultancy.example"}


def test_a_consultant_does_not_see_consultations_of_another_consultants_cases(carla: User) -> None:
    appointment = booked_for(carla)
    wei = make_consultant("Asia/Singapore", name="Wei Lim")
    appointment.case.assigned_to = wei
    appointment.case.save()
    client = staff_login(Client(), carla)
    listing = client.get(reverse("admin:bookings_appointment_changelist"))
    assert listing.context["cl"].result_count == 0
    page = client.get(reverse("admin:bookings_appointment_change", args=[appointment.pk]))
    assert page.status_code == 404
