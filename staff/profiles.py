"""Read access to staff profiles: one accessor that always answers, saved row or not."""

from __future__ import annotations

from django.contrib.auth.models import User

from .models import StaffProfile, WorkingLanguage


def default_display_name(user: User) -> str:
    return user.get_full_name().strip() or user.get_username()


def profile_for(user: User) -> StaffProfile:
    """The user's saved profile, or an unsaved one from their name (English, Singapore time)."""
    profile = StaffProfile.objects.filter(user=user).first()
    if profile is None:
        return StaffProfile(
            user=user, display_name=default_display_name(user), language=WorkingLanguage.ENGLISH
        )
    return profile
