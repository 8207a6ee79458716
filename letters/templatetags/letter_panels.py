"""Letter panels on pages other apps own: the admin index's letters awaiting review and failed letters, the portal case page's
letter list. The pages include them by tag; the letters, their queries and links stay here."""

from __future__ import annotations

from typing import Any

from django import template

from applicants.models import Applicant, Case

from ..dashboard import letter_panels
from ..models import AdviceLetter

register = template.Library()


@register.inclusion_tag("letters/admin/dashboard_letters.html", takes_context=True)
def letter_dashboard_panels(context: dict[str, Any]) -> dict[str, Any]:
    """Letters awaiting the user's review and release, and failed letters."""
    return {"panels": letter_panels(context["request"].user)}


@register.inclusion_tag("letters/portal_case_letters.html")
def case_letters(case: Case) -> dict[str, Any]:
    """The case's released letters, newest first (the first is current, the others superseded). `case`
    comes from the portal's access helper: the signed-in applicant's own case."""
    return {
        "letters": list(AdviceLetter.objects.released().filter(case=case).order_by("-released_at", "-pk"))
    }


@register.inclusion_tag("letters/portal_newest_letter.html")
def newest_letter(case: Case) -> dict[str, Any]:
    """The case's newest released letter, for the top of its portal page ("new" until downloaded)."""
    return {
        "letter": AdviceLetter.objects.released().filter(case=case).order_by("-released_at", "-pk").first()
    }


@register.inclusion_tag("letters/portal_newest_letter.html")
def newest_letter_of(applicant: Applicant) -> dict[str, Any]:
    """The applicant's newest released letter over all their cases, for the top of the portal home."""
    letters = AdviceLetter.objects.released().filter(case__applicant=applicant).select_related("case")
    return {"letter": letters.order_by("-released_at", "-pk").first(), "with_case": True}
