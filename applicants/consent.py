"""The consent an applicant gives when saving an assessment: its wording is versioned.

Change the wording → bump CONSENT_TEXT_VERSION, so every ConsentRecord says which text was agreed to.
"""

from __future__ import annotations

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
