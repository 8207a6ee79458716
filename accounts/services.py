"""Writes of the staff sign-in: enrolling an authenticator app (TOTP device)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator device, created on first call and reused after,
    so reloading the enrolment page does not change the secret already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending device with a code from the app; False (and nothing changes) if it is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True
