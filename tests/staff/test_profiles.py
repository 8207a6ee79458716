"""A staff member's profile: how applicants see them and the language they work in."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from staff.profiles import profile_for
from staff.services import save_staff_profile
from tests.applicants.factories import consultant

pytestmark = pytest.mark.django_db


def test_a_consultant_without_a_profile_is_shown_by_their_full_name_in_english() -> None:
    user = consultant("carla", first_name="Carla", last_name="Mendes")

    profile = profile_for(user)

    assert (profile.display_name, profile.title, profile.language) == ("Carla Mendes", "", "en")
    assert profile.pk is None


def test_a_saved_profile_is_what_the_accessor_answers() -> None:
    user = consultant("wei")
    save_staff_profile(
        user=user,
        display_name="Li Wei",
        title="Senior consultant",
        phone="+65 6000 0000",
        language="zh-hans",
        time_zone="Asia/Shanghai",
    )
    user.refresh_from_db()

    profile = profile_for(user)

    assert (profile.display_name, profile.title, profile.language, profile.time_zone) == (
        "Li Wei",
        "Senior consultant",
        "zh-hans",
        "Asia/Shanghai",
    )


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValidationError):
        save_staff_profile(user=consultant("carla"), display_name="Carla", time_zone="Mars/Olympus")
