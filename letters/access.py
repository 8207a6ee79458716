"""Who may open which advice letter: `letter_for`, used by the portal download and the case admin alike.

A letter is reachable exactly when its case is (`applicants.access.visible_cases`); anything outside the
user's reach is a 404, never a 403 that confirms it exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from applicants.access import AnyUser, visible_cases

from .models import AdviceLetter

VIEW_LETTER = "letters.view_adviceletter"
ADD_LETTER = "letters.add_adviceletter"


def letter_for(user: AnyUser, pk: int, *, as_applicant: bool = False, case_pk: Any = None) -> AdviceLetter:
    """An advice letter on a case `user` may open (of case `case_pk` when given); 404 otherwise.

    Applicants see only their released letters (drafts are staff-only); staff also need the letters' view permission (403).
    """
    letters = AdviceLetter.objects.select_related("case").filter(
        pk=pk, case__in=visible_cases(user, as_applicant=as_applicant)
    )
    if as_applicant:
        letters = letters.released()
    if case_pk is not None:
        letters = letters.filter(case_id=case_pk)
    letter = letters.first()
    if letter is None:
        raise Http404(_("No such letter, or not one of yours."))
    if not as_applicant and not user.has_perm(VIEW_LETTER):
        raise PermissionDenied
    return letter
