"""Scripted staff accounts (demo, load-test data): created once, with their role, never reset."""

from __future__ import annotations

import pytest

from applicants.access import CONSULTANT_GROUP
from applicants.services.staff import ensure_staff_account

pytestmark = pytest.mark.django_db


def test_a_staff_account_is_created_once_with_its_role_and_keeps_its_password():
    user, created = ensure_staff_account(
        username="consultant", email="c@example.com", password="first-pw-123", role=CONSULTANT_GROUP
    )
    again, created_again = ensure_staff_account(
        username="consultant", email="c@example.com", password="second-pw-456", role=CONSULTANT_GROUP
    )

    assert (created, created_again, again.pk) == (True, False, user.pk)
    again.refresh_from_db()
    assert again.is_staff
    assert not again.is_superuser
    assert again.check_password("first-pw-123")
    assert list(again.groups.values_list("name", flat=True)) == [CONSULTANT_GROUP]


def test_a_seeded_account_without_a_password_cannot_sign_in_with_one():
    user, _created = ensure_staff_account(username="seed-consultant01", email="s@example.com", password=None)

    assert not user.has_usable_password()


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown staff role"):
        ensure_staff_account(username="x", email="x@example.com", password=None, role="Janitor")
