"""Booking forms: the time zone times are shown in, and the chosen slot (as a `Slot`, not a string)."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .slots import Slot

# The zone a visitor most likely lives in, from the language they read (no JavaScript needed); they
# can choose any other.
ZONE_BY_LANGUAGE = {"zh-hans": "Asia/Shanghai"}


@cache
def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def default_zone(language: str) -> str:
    return str(ZONE_BY_LANGUAGE.get(language, settings.TIME_ZONE))


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Show the times in this time zone"),
        choices=zone_choices,
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )


class SlotForm(forms.Form):
    """One of the offered slots; `cleaned_data["slot"]` is the `Slot`."""

    time_zone = forms.ChoiceField(choices=zone_choices, widget=forms.HiddenInput)
    slot = forms.CharField(
        label=_("Time"), error_messages={"required": _("Choose a time for your consultation.")}
    )

    def __init__(self, *args: Any, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = {slot.key: slot for slot in slots}

    def clean_slot(self) -> Slot:
        key = self.cleaned_data["slot"]
        if key not in self.slots:
            raise forms.ValidationError(_("That time was just taken — please choose another."))
        return self.slots[key]
