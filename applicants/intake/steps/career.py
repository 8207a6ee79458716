"""Step 5: career history — cumulative years in leading or technical roles, and the employers' size."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..base import compact, iso
from ..fields import TriStateField, UsdAmountField, whole_usd
from ..formsets import ListStep

ROLE_TYPES = [
    ("", _("Choose the kind of role")),
    ("founder", _("Founder")),
    ("c_suite", _("C-suite (CEO, CTO, …)")),
    ("leadership", _("Other leadership (head of, director, VP)")),
    ("technical", _("Technical (engineer, scientist, researcher)")),
    ("other", _("Other")),
]
ORGANISATION_TYPES = [
    ("", _("Choose the kind of organisation")),
    ("tech_company", _("Technology company")),
    ("tech_vc", _("Technology venture capital firm")),
    ("university", _("University")),
    ("research_institute", _("Research institute")),
    ("other", _("Other")),
]
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoleForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        required=False,
        help_text=_("In your own words; the kind of role below is what counts."),
    )
    start = forms.DateField(
        label=_("Started on"),
        widget=_DATE_WIDGET,
        input_formats=["%Y-%m-%d"],
        help_text=_("The first day is enough if you are not sure of the day: use the 1st of the month."),
        error_messages={
            "required": _("Enter the date you started this job."),
            "invalid": _("Enter a real date, for example 2019-04-01."),
        },
    )
    end = forms.DateField(
        label=_("Ended on"),
        required=False,
        widget=_DATE_WIDGET,
        input_formats=["%Y-%m-%d"],
        help_text=_("Leave it empty if you still work there."),
        error_messages={"invalid": _("Enter a real date, for example 2023-12-31.")},
    )
    role_type = forms.ChoiceField(
        label=_("Kind of role"),
        choices=ROLE_TYPES,
        help_text=_("Founder, C-suite and other leadership roles count as a “leading role” for Tech.Pass."),
        error_messages={"required": _("Choose the kind of role.")},
    )
    organisation_type = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=ORGANISATION_TYPES,
        error_messages={"required": _("Choose the kind of organisation.")},
    )
    organisation_well_known = TriStateField(label=_("Is the organisation well known in its field?"))
    valuation_usd = UsdAmountField(
        label=_("Its valuation or market value (US$)"), help_text=_("Leave it empty if you don't know.")
    )
    funding_raised_usd = UsdAmountField(label=_("Funding it has raised (US$)"))
    annual_revenue_usd = UsdAmountField(label=_("Its yearly revenue (US$)"))
    aum_usd = UsdAmountField(label=_("Assets under management, for a venture capital firm (US$)"))
    stem_teaching_or_research = TriStateField(label=_("Did you teach or do research in a STEM field there?"))
    relevant_to_china_job = TriStateField(
        label=_("Is this job relevant to the job offered in China?"),
        help_text=_("China's work permit counts the years in jobs related to the one offered."),
    )

    def __init__(self, *args: Any, asks_china_relevance: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Asked only of someone who said (on the offers step, before this one) they have a China offer.
        if not asks_china_relevance:
            del self.fields["relevant_to_china_job"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        today = timezone.localdate()
        if start and start > today:
            self.add_error("start", _("Enter a start date in the past; this is your career so far."))
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        if end and end > today:
            self.add_error(
                "end", _("The end date cannot be in the future; leave it empty if you still work there.")
            )
        return data


class CareerStep(ListStep):
    title = _("Your career")
    intro = _(
        "List your jobs, current one first. Have your CV dates at hand. Years are counted from the "
        "dates; overlapping jobs count once."
    )
    profile_key = "roles"
    entry_label = _("Job")
    add_label = _("Add another job")
    empty_summary = _("No job given")
    summary_fields = (
        "title",
        "organisation",
        "role_type",
        "organisation_type",
        "start",
        "end",
        "organisation_well_known",
        "valuation_usd",
        "stem_teaching_or_research",
        "relevant_to_china_job",
    )

    def entry_to_profile(self, data: dict[str, Any]) -> dict[str, Any]:
        role = compact(
            {
                "organisation": data["organisation"] or None,
                "title": data["title"] or None,
                "start": iso(data["start"]),
                "role_type": data["role_type"],
                "organisation_type": data["organisation_type"],
                "organisation_well_known": data["organisation_well_known"],
                "valuation_usd": whole_usd(data["valuation_usd"]),
                "funding_raised_usd": whole_usd(data["funding_raised_usd"]),
                "annual_revenue_usd": whole_usd(data["annual_revenue_usd"]),
                "aum_usd": whole_usd(data["aum_usd"]),
                "stem_teaching_or_research": data["stem_teaching_or_research"],
                "relevant_to_china_job": data.get("relevant_to_china_job"),
            }
        )
        # An empty end means "still there" in the contract, so it is sent as null, not left out.
        role["end"] = iso(data["end"])
        return role


RoleFormSet = forms.formset_factory(RoleForm, formset=CareerStep, extra=1, max_num=8, can_delete=True)
