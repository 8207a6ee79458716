"""How a staff member appears to applicants and in what language they read the staff side.

One optional row per staff user. Without one, `staff.profiles.profile_for` answers with a profile made
from the user's own name, so nothing that shows a consultant has to handle "no profile".
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh-hans", _("Simplified Chinese")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(zone)s is not a time zone name such as Asia/Singapore."), params={"zone": value}
        )


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    display_name = models.CharField(
        _("display name"), max_length=120, help_text=_("As applicants see it, e.g. Carla Mendes.")
    )
    title = models.CharField(
        _("title"), max_length=120, blank=True, help_text=_("e.g. Senior immigration consultant.")
    )
    signature_block = models.TextField(
        _("signature block"),
        blank=True,
        help_text=_("Printed under the name and title on letters: registration number, office, etc."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("working language"),
        max_length=10,
        choices=WorkingLanguage.choices,
        default=WorkingLanguage.ENGLISH,
        help_text=_("The language of the staff member's digests and e-mails."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Singapore", validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return self.display_name
