"""Booking a consultation in a real browser, English and Chinese, desktop and a 375 px phone (the phone
without JavaScript): sign in, open the case, choose a time shown in Shanghai time from a London
consultant's hours, book it, and see it on the booked page and the case page in both zones.

Screenshots: artifacts/screenshots/booking-<language>-<device>-NN-<screen>.png; every page passes axe.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, expect

from applicants.models import Applicant
from bookings.models import Appointment
from bookings.slots import open_slots
from tests.bookings.helpers import applicant_case, hours, make_consultant

from .axe import AxeChecker
from .devices import DEVICES, device_context
from .test_journey import Journey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # An earlier transactional test may have flushed the data migrations' rows (as on PostgreSQL in CI).
    pytest.mark.usefixtures("reference_rows"),
]
PASSWORD = "A long booking passphrase 7"
WORDS = {
    "en": {
        "book": "Book a consultation",
        "booked": "Your consultation is booked",
        "consultant": "the consultant's time",
    },
    "zh-hans": {"book": "预约咨询", "booked": "您的咨询已预约", "consultant": "顾问所在时区"},
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", WORDS)
def test_an_applicant_in_shanghai_books_a_london_consultants_time(
    browser: Browser, live_server, screenshots: Path, language: str, device: str, celery_eager: None
) -> None:
    carla = make_consultant("Europe/London")
    for weekday in range(7):  # open every day, so the test finds slots whenever it runs
        hours(carla, weekday=weekday, start="09:00", end="11:00")
    case = applicant_case(language=language)
    email = f"booking.{language}.{device}@mail.example"
    user = User.objects.create_user(email, email=email, password=PASSWORD)
    Applicant.objects.filter(pk=case.applicant_id).update(user=user, email=email)
    first = open_slots(case, now=timezone.now())[0]
    shanghai = first.starts_at.astimezone(ZoneInfo("Asia/Shanghai"))
    london = first.starts_at.astimezone(ZoneInfo("Europe/London"))
    words = WORDS[language]

    spec = DEVICES[device]
    context = device_context(browser, spec, language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    axe = AxeChecker(browser, spec.viewport, live_server.url)
    journey = Journey(
        page, live_server.url, screenshots, f"booking-{language}-{device}", axe, javascript=spec.javascript
    )
    try:
        prefix = "/zh-hans" if language == "zh-hans" else ""
        page.goto(f"{live_server.url}{prefix}/portal/login/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        journey.fill("id_username", email)
        journey.fill("id_password", PASSWORD)
        journey.submit_button()
        page.goto(f"{live_server.url}{prefix}/portal/cases/{case.reference}/")
        expect(page.locator(".appointment")).to_contain_text(words["book"])
        journey.shot("case-before")

        page.locator(f"a[href$='/portal/cases/{case.reference}/consultation/']").click()
        page.locator("#id_time_zone").select_option("Asia/Shanghai")
        page.locator(".zone-form button").click()
        first_label = page.locator("label[for=id_slot] .slot-time")
        expect(first_label).to_have_text(
            f"{shanghai:%H:%M}–{first.ends_at.astimezone(ZoneInfo('Asia/Shanghai')):%H:%M}"
        )
        journey.shot("choose")

        page.locator("#id_slot").check()
        page.locator("#book-slot").click()
        expect(page.locator("h1")).to_have_text(words["booked"])
        when = page.locator(".appointment-when")
        expect(when).to_contain_text(f"{shanghai:%H:%M}")
        expect(when).to_contain_text("Asia/Shanghai")
        expect(page.locator(".appointment-consultant-time")).to_contain_text(f"{london:%H:%M}")
        expect(page.locator(".appointment-consultant-time")).to_contain_text(words["consultant"])
        journey.shot("booked")

        page.goto(f"{live_server.url}{prefix}/portal/cases/{case.reference}/")
        expect(page.locator(".appointment .appointment-when")).to_contain_text(f"{shanghai:%H:%M}")
        journey.shot("case-after")
    finally:
        axe.close()
        context.close()
    appointment = Appointment.objects.get(case=case)
    assert (appointment.starts_at, appointment.applicant_time_zone) == (first.starts_at, "Asia/Shanghai")
