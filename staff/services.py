"""Writes of staff profiles."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from .models import StaffProfile


@transaction.atomic
def save_staff_profile(
    *,
    user: User,
    display_name: str,
    title: str = "",
    signature_block: str = "",
    phone: str = "",
    language: str = "en",
    time_zone: str = "Asia/Singapore",
) -> StaffProfile:
    """Create or update `user`'s profile, validated as the admin form would."""
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    profile.display_name = display_name
    profile.title = title
    profile.signature_block = signature_block
    profile.phone = phone
    profile.language = language
    profile.time_zone = time_zone
    profile.full_clean()
    profile.save()
    return profile
