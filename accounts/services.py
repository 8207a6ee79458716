"""Writes of the staff sign-in: enrolling an authenticator app (TOTP device).

Each enrolment attempt (a signed-in session on the enrolment page) gets a secret of its own, and
starting one deletes every other unconfirmed secret of the user: a secret someone saw earlier (with a
password they should not have had) is dead once the owner starts their own enrolment. Confirming
needs the password again (checked by the view) and a code from the app; it removes the other pending
devices.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def start_totp_enrolment(*, user: User, pending_id: int | None = None) -> TOTPDevice:
    """The attempt's pending device: `pending_id` (the one this session already shows) while it is still
    pending, otherwise a new one with a fresh secret, replacing every other pending device of `user`."""
    if pending_id is not None:
        current = TOTPDevice.objects.filter(pk=pending_id, user=user, confirmed=False).first()
        if current is not None:
            return current
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def confirm_totp_enrolment(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending device with a code from the app; False (and nothing changes) if it is wrong,
    if the device is no longer pending, or if the user has a confirmed device already."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=False).first()
    if device is None or TOTPDevice.objects.filter(user=device.user, confirmed=True).exists():
        return False
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True
