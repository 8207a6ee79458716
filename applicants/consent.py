"""The consent an applicant gives when saving an assessment: its wording is versioned.

Change the wording → bump CONSENT_TEXT_VERSION, so every ConsentRecord says which text was agreed to.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONSENT_TEXT_VERSION = "2026-11-24"

PURPOSE_ASSESSMENT = _(
    "I agree that the consultancy stores my answers and the assessment result to assess my eligibility."
)
PURPOSE_CONSULTATION = _(
    "I agree that a consultant uses them, and the documents I upload, to advise me and to prepare applications."
)
PURPOSE_TRANSFER = _(
    "I agree that my data may be transferred between Singapore and China, where the consultancy's "
    "offices and the authorities for my chosen routes are."
)

# Saving answers to continue later (no case, no person): its own wording, versioned on its own.
DRAFT_CONSENT_TEXT_VERSION = "2026-12-07"
PURPOSE_KEEP_DRAFT = _(
    "I agree that the consultancy keeps my answers and my e-mail address only so that I can continue "
    "later, and deletes them when the link expires."
)


class ConsentForm(forms.Form):
    """The three consents, worded once: saving an assessment asks them, and so does confirming one saved
    under an address already known (the person confirming may not be who typed it)."""

    consent_assessment = forms.BooleanField(
        label=PURPOSE_ASSESSMENT,
        error_messages={"required": _("We can only save your assessment with this consent.")},
    )
    consent_consultation = forms.BooleanField(
        label=PURPOSE_CONSULTATION,
        error_messages={"required": _("A consultant can only advise you with this consent.")},
    )
    consent_transfer = forms.BooleanField(
        label=PURPOSE_TRANSFER,
        required=False,
        help_text=_("Optional. Without it we advise you only on routes handled from the same country."),
    )
