"""What a case's status means for the applicant, in plain words: where it stands and what happens next."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Case

NEXT_STEPS: dict[str, Promise] = {
    Case.Status.NEW: _("We have your assessment. A consultant will contact you within two working days."),
    Case.Status.IN_REVIEW: _("A consultant is reviewing your case and will tell you what is needed."),
    Case.Status.AWAITING_DOCUMENTS: _("Please upload the documents still open in the checklist below."),
    Case.Status.READY_TO_FILE: _("Your documents are complete. We are preparing your application."),
    Case.Status.SUBMITTED: _(
        "Your application is with the authority. We will tell you as soon as they decide."
    ),
    Case.Status.APPROVED: _("Approved. Your consultant will send you what to do next."),
    Case.Status.REFUSED: _(
        "The authority refused the application. Your consultant will explain your options."
    ),
    Case.Status.WITHDRAWN: _("The application was withdrawn. Nothing more happens unless you ask us."),
    Case.Status.CLOSED: _("This case is closed."),
}


def next_step(case: Case) -> str:
    return str(NEXT_STEPS.get(case.status, ""))
