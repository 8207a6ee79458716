"""Lock-out after repeated failed sign-ins (per user name and per address), staff session limits,
password rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.applicants.factories import PASSWORD, consultant, staff_login

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PORTAL_LOGIN = reverse("applicants:portal-login")
CASES = reverse("admin:applicants_case_changelist")


def _admin_login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client: Client) -> None:
    user = consultant("carla")
    for _ in range(5):
        _admin_login(client, user.username, "wrong password")

    response = _admin_login(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert "Sign-in locked for now" in response.content.decode()
    assert int(response["Retry-After"]) == 15 * 60


def test_the_lock_holds_for_the_user_name_from_any_address(client: Client) -> None:
    user = consultant("carla")
    for i in range(5):
        _admin_login(client, user.username, "wrong password", address=f"10.0.0.{i + 1}")

    assert _admin_login(Client(), user.username, PASSWORD, address="10.9.9.9").status_code == 429


def test_the_lock_holds_for_the_address_whatever_the_user_name(client: Client) -> None:
    for i in range(5):
        _admin_login(client, f"guess{i}", "wrong password", address="10.0.0.7")
    user = consultant("carla")

    assert _admin_login(Client(), user.username, PASSWORD, address="10.0.0.7").status_code == 429
    assert _admin_login(Client(), user.username, PASSWORD, address="10.0.0.8").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_count_for_the_address(client: Client) -> None:
    # The penetration test kept guessing from one address by signing in to its own account in between.
    victim, own = consultant("carla"), consultant("mallory")
    for _ in range(2):
        for _ in range(2):
            _admin_login(client, victim.username, "guess", address="10.0.0.9")
        assert _admin_login(Client(), own.username, PASSWORD, address="10.0.0.9").status_code == 302

    _admin_login(client, victim.username, "guess", address="10.0.0.9")  # the fifth wrong password

    assert _admin_login(Client(), own.username, PASSWORD, address="10.0.0.9").status_code == 429
    assert _admin_login(Client(), victim.username, PASSWORD, address="10.0.0.10").status_code == 429


def test_the_lock_ends_after_the_cool_off(client: Client) -> None:
    user = consultant("carla")
    for _ in range(5):
        _admin_login(client, user.username, "wrong password")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _admin_login(Client(), user.username, PASSWORD).status_code == 302


def test_the_portal_sign_in_locks_too(client: Client) -> None:
    User.objects.create_user("lena@mail.example", email="lena@mail.example", password=PASSWORD)
    for _ in range(5):
        client.post(PORTAL_LOGIN, {"username": "lena@mail.example", "password": "nope"})

    response = client.post(PORTAL_LOGIN, {"username": "lena@mail.example", "password": PASSWORD})

    assert response.status_code == 429


def test_a_staff_session_ends_after_30_idle_minutes() -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = staff_login(Client(), consultant("carla"))
        assert client.get(CASES).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(CASES).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get(CASES)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    followed = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in followed


def test_a_staff_session_ends_12_hours_after_sign_in_however_active() -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = staff_login(Client(), consultant("carla"))
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(CASES).status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        response = client.get(CASES)
    assert response["Location"].startswith(LOGIN)


def test_applicant_sessions_are_not_cut_after_30_minutes(client: Client) -> None:
    user = User.objects.create_user("lena@mail.example", password=PASSWORD)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1", "too short"),
        ("12345678901", "entirely numeric"),
        ("password123", "too common"),
    ],
)
def test_weak_passwords_are_refused_by_the_validators(password: str, problem: str) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password(password, User(username="carla"))
    assert problem in " ".join(error.value.messages)


@pytest.mark.parametrize("url", [LOGIN, PORTAL_LOGIN])
def test_a_user_name_longer_than_the_lockout_table_holds_is_a_form_error_not_a_500(
    client: Client, url: str
) -> None:
    # Found by the fuzz test on PostgreSQL: django-axes saves each attempt's user name in 255 characters.
    long_name = "x" * 300 + "@mail.example"

    response = client.post(url, {"username": long_name, "password": "wrong"})

    assert response.status_code == 200
    for _ in range(5):
        client.post(url, {"username": long_name, "password": "wrong"})
    assert client.post(url, {"username": long_name, "password": "wrong"}).status_code == 429
