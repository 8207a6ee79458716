"""Last step: ties to China and achievements (ONE Pass achievement route, China work permit points)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact
from ..fields import TriStateField

HSK_CHOICES = [
    ("", _("I don't know")),
    ("0", _("None")),
    ("1", _("HSK level 1")),
    ("2", _("HSK level 2")),
    ("3", _("HSK level 3")),
    ("4", _("HSK level 4")),
    ("5", _("HSK level 5")),
    ("6", _("HSK level 6")),
]


class AchievementsForm(IntakeForm):
    title = _("Chinese language and achievements")
    intro = _("These can add points or open a route on their own.")

    hsk_level = forms.TypedChoiceField(
        label=_("Your Chinese level (HSK)"),
        choices=HSK_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The HSK test level you passed. Choose “None” if you have not taken it."),
    )
    former_chinese_national = TriStateField(label=_("Were you ever a Chinese national?"))
    international_award = TriStateField(
        label=_("Have you won an international prize or award in your field?"),
        help_text=_("A recognised international prize, not an internal company award."),
    )
    national_talent_programme = TriStateField(
        label=_("Have you been selected for a national talent programme?"),
    )
    fortune_global_500_experience = TriStateField(
        label=_("Have you worked for a Fortune Global 500 company?"),
    )
    holds_patents = TriStateField(label=_("Are you named as an inventor on a granted patent?"))

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return compact(
            {
                "hsk_level": data["hsk_level"],
                "former_chinese_national": data["former_chinese_national"],
                "achievements": {
                    "international_award": data["international_award"],
                    "national_talent_programme": data["national_talent_programme"],
                    "fortune_global_500_experience": data["fortune_global_500_experience"],
                    "holds_patents": data["holds_patents"],
                },
            }
        )
