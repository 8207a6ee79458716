"""Staff can read every rule version, its dates, sources and freshness; others cannot."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from assessments.engine import rule_catalogue
from tests.applicants.factories import staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/rules/"


@pytest.fixture
def staff_client(client: Client) -> Client:
    user = get_user_model().objects.create_user("staffer", password="pw-for-tests-only", is_staff=True)
    staff_login(client, user)
    return client


def test_staff_see_every_rule_version_with_its_source(staff_client: Client) -> None:
    response = staff_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    for version in rule_catalogue():
        assert version.id in page
        assert version.sources[0].url in page


def test_the_version_in_force_today_is_marked(staff_client: Client) -> None:
    page = staff_client.get(URL).content.decode()

    assert "in force today" in page


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_non_staff_users_cannot_see_the_rules_page(client: Client) -> None:
    user = get_user_model().objects.create_user("applicant", password="pw-for-tests-only")
    client.force_login(user)

    # Signed in, but not staff: refused outright rather than sent to the staff sign-in page.
    assert client.get(URL).status_code == 403
