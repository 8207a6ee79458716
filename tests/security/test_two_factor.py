"""Staff reach the admin only after a password and a TOTP code; the first time they enrol an app."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.applicants.factories import PASSWORD, consultant, make_user, staff_login

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CASES = reverse("admin:applicants_case_changelist")
TWO_FACTOR = reverse("admin:two-factor")


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_step(client: Client, user: User) -> None:
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": CASES}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_password_alone_does_not_open_the_admin(client: Client) -> None:
    user = consultant("carla")
    _password_step(client, user)

    response = client.get(CASES)

    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_the_right_code_opens_the_admin_and_returns_to_the_page_asked_for(client: Client) -> None:
    user = consultant("carla")
    _password_step(client, user)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(TWO_FACTOR, {"token": _code(device), "next": CASES})

    assert response["Location"] == CASES
    assert client.get(CASES).status_code == 200


def test_a_wrong_code_is_refused_with_a_reason(client: Client) -> None:
    user = consultant("carla")
    _password_step(client, user)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(TWO_FACTOR, {"token": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(CASES).status_code == 302


def test_codes_are_throttled_after_wrong_ones(client: Client) -> None:
    user = consultant("carla")
    _password_step(client, user)
    device = TOTPDevice.objects.get(user=user)
    for _ in range(3):
        client.post(TWO_FACTOR, {"token": "000000" if _code(device) != "000000" else "111111"})

    response = client.post(TWO_FACTOR, {"token": _code(device)})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get(CASES).status_code == 302


def test_a_new_staff_member_enrols_an_authenticator_app_on_first_sign_in(client: Client) -> None:
    user = make_user("newcomer")
    TOTPDevice.objects.filter(user=user).delete()
    _password_step(client, user)

    page = client.get(TWO_FACTOR).content.decode()

    assert "<svg" in page  # the QR code, inline
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert secret is not None
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.get(TWO_FACTOR).content.decode().count(secret.group(1)) == 1  # same secret on reload

    response = client.post(TWO_FACTOR, {"token": _code(device), "password": PASSWORD, "next": INDEX})

    assert response["Location"] == INDEX
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_during_enrolment_confirms_nothing(client: Client) -> None:
    user = make_user("newcomer")
    TOTPDevice.objects.filter(user=user).delete()
    _password_step(client, user)
    client.get(TWO_FACTOR)

    client.post(TWO_FACTOR, {"token": "12345x"})

    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(INDEX).status_code == 302


def test_the_second_step_needs_the_first(client: Client) -> None:
    response = client.get(TWO_FACTOR)

    assert response["Location"].startswith(reverse("admin:login"))


def test_a_signed_in_applicant_gets_403_from_the_admin(client: Client) -> None:
    applicant_user = User.objects.create_user("lena@mail.example", password=PASSWORD)
    client.force_login(applicant_user)

    assert client.get(INDEX).status_code == 403
    assert client.get(TWO_FACTOR).status_code == 403


def test_the_next_page_must_be_on_this_site(client: Client) -> None:
    user = consultant("carla")
    _password_step(client, user)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(TWO_FACTOR, {"token": _code(device), "next": "https://evil.example/"})

    assert response["Location"] == INDEX


def test_the_admin_never_shows_a_devices_secret_or_qr_code(client: Client) -> None:
    root = make_user("root", is_superuser=True)
    staff_login(client, root)
    device = TOTPDevice.objects.get(user=consultant("carla"))

    for name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
        assert client.get(reverse(name, args=[device.pk])).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_config", args=[10**9])).status_code == 403


def _secret_on(page: str) -> str:
    found = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert found is not None
    return found.group(1)


def test_each_enrolment_attempt_gets_a_fresh_secret_and_an_old_one_dies() -> None:
    # Someone who once had the password opens the enrolment page first and keeps its secret...
    user = make_user("newcomer")
    TOTPDevice.objects.filter(user=user).delete()
    intruder, owner = Client(), Client()
    _password_step(intruder, user)
    intruder_secret = _secret_on(intruder.get(TWO_FACTOR).content.decode())
    intruder_device = TOTPDevice.objects.get(user=user, confirmed=False)
    # ...then the owner signs in and enrols.
    _password_step(owner, user)
    owner_secret = _secret_on(owner.get(TWO_FACTOR).content.decode())
    owner_device = TOTPDevice.objects.get(user=user, confirmed=False)
    owner.post(TWO_FACTOR, {"token": _code(owner_device), "password": PASSWORD})

    assert owner_secret != intruder_secret
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [
        (owner_device.pk, True)
    ]
    # The intruder's secret opens nothing, neither by confirming it nor as a sign-in code.
    intruder.post(TWO_FACTOR, {"token": _code(intruder_device), "password": PASSWORD})
    later = Client()
    _password_step(later, user)
    later.post(TWO_FACTOR, {"token": _code(intruder_device)})
    assert later.get(INDEX).status_code == 302
    assert intruder.get(INDEX).status_code == 302


@pytest.mark.parametrize("password", ["", "not the password"])
def test_enrolment_is_confirmed_only_with_the_password_again(client: Client, password: str) -> None:
    # A session alone (a stolen cookie, a sign-in link) must not be enough to bind an authenticator.
    user = make_user("newcomer")
    TOTPDevice.objects.filter(user=user).delete()
    _password_step(client, user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(TWO_FACTOR, {"token": _code(device), "password": password})

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(INDEX).status_code == 302


@override_settings(CONSULTANCY_NAME="Lion City Advisory")
def test_staff_work_under_the_consultancys_name_not_djangos(client: Client) -> None:
    staff_login(client, consultant("carla"))

    page = client.get(INDEX).content.decode()

    header = re.search(r'<div id="site-name">(.*?)</div>', page, re.S)
    assert header is not None
    assert "Lion City Advisory" in header.group(1)
    assert "<title>Cases, letters and staff | Lion City Advisory staff</title>" in page
    assert "Django administration" not in page
