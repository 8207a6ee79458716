"""Step 4: job offers and company plans — they decide which follow-up steps, and which questions of the
career step, are asked at all."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ..base import IntakeForm, compact
from ..fields import TriStateField


class PlansForm(IntakeForm):
    title = _("Job offers and plans")
    intro = _("We only ask about an offer or a company if you have one.")

    has_singapore_job_offer = TriStateField(
        label=_("Do you have a job offer from an employer in Singapore?"),
        allow_unknown=False,
        error_messages={"required": _("Choose yes or no.")},
    )
    has_china_job_offer = TriStateField(
        label=_("Do you have a job offer from an employer in China?"),
        allow_unknown=False,
        error_messages={"required": _("Choose yes or no.")},
    )
    has_or_plans_singapore_company = TriStateField(
        label=_("Do you have, or plan to start, a company in Singapore?"),
        help_text=_("Only for the EntrePass, the pass for founders."),
    )

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return compact(
            {
                "has_singapore_job_offer": data["has_singapore_job_offer"],
                "has_china_job_offer": data["has_china_job_offer"],
                "business": {"has_or_plans_singapore_company": data["has_or_plans_singapore_company"]},
            }
        )
