"""Step 2: qualifications — the K visa's other hard gate (a STEM degree from a well-known university)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..base import compact
from ..fields import TriStateField, YearField
from ..formsets import ListStep

LEVELS = [
    ("", _("Choose a level")),
    ("doctorate", _("Doctorate (PhD)")),
    ("master", _("Master's degree")),
    ("bachelor", _("Bachelor's degree")),
    ("diploma", _("Diploma")),
    ("secondary", _("Secondary school")),
]


class QualificationForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"),
        choices=LEVELS,
        error_messages={"required": _("Choose the level of this qualification.")},
    )
    field = forms.ChoiceField(
        label=_("Subject area"),
        choices=[
            ("stem", _("Science, technology, engineering or mathematics")),
            ("non_stem", _("Another subject")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    institution = forms.CharField(
        label=_("University or school"), max_length=200, required=False, help_text=_("As on the certificate.")
    )
    well_known_institution = TriStateField(
        label=_("Is it a well-known university or research institution?"),
        help_text=_("China's K visa asks for this; the embassy decides what counts."),
    )
    world_top_100 = TriStateField(label=_("Is it among the world's top 100 universities?"))
    taught_in_chinese = TriStateField(label=_("Was the course taught in Chinese?"))
    completed_year = YearField(
        label=_("Year completed"),
        required=False,
        min_value=1950,
        error_messages={
            "invalid": _("Enter a year in four digits, for example 2015."),
            "min_value": _("Enter a year from 1950 on."),
        },
    )

    def clean_completed_year(self) -> int | None:
        year: int | None = self.cleaned_data["completed_year"]
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("Enter the year you completed it; it cannot be in the future."))
        return year


class QualificationsStep(ListStep):
    title = _("Your qualifications")
    intro = _(
        "Add your highest qualification first, then any other degree or diploma. Have your degree "
        "certificate at hand. If you have none, leave the form empty and continue."
    )
    profile_key = "education"
    entry_label = _("Qualification")
    add_label = _("Add another qualification")
    empty_summary = _("No qualification given")
    summary_fields = (
        "level",
        "field",
        "institution",
        "completed_year",
        "well_known_institution",
        "world_top_100",
        "taught_in_chinese",
    )

    def entry_to_profile(self, data: dict[str, Any]) -> dict[str, Any]:
        return compact(
            {
                "level": data["level"],
                "field": data["field"] or None,
                "institution": data["institution"] or None,
                "well_known_institution": data["well_known_institution"],
                "world_top_100": data["world_top_100"],
                "taught_in_chinese": data["taught_in_chinese"],
                "completed_year": data["completed_year"],
            }
        )


QualificationFormSet = forms.formset_factory(
    QualificationForm, formset=QualificationsStep, extra=1, max_num=6, can_delete=True
)
