"""The case pipeline: which status may follow which, the guards, and one service per transition.

    new → in_review → awaiting_documents ⇄ in_review → ready_to_file → submitted
        → approved / refused → closed;  withdrawn from any open status, then closed.

Each transition locks the case row, checks the move is in `ALLOWED` and that its guards pass, then
records who moved it and when (`CaseStatusChange`) and restarts the status clock used for lateness.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment
from assessments.services import outdated_rule_versions

from ..access import require_case_access
from ..errors import TransitionRefused
from ..models import Case, CaseStatusChange, Document
from .cases import assign_case, is_consultant

S = Case.Status

ALLOWED: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.AWAITING_DOCUMENTS, S.READY_TO_FILE, S.WITHDRAWN}),
    S.AWAITING_DOCUMENTS: frozenset({S.IN_REVIEW, S.READY_TO_FILE, S.WITHDRAWN}),
    S.READY_TO_FILE: frozenset({S.AWAITING_DOCUMENTS, S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.APPROVED, S.REFUSED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.CLOSED}),
    S.REFUSED: frozenset({S.CLOSED}),
    S.WITHDRAWN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Singapore renewals (Tech.Pass, ONE Pass) may be filed from 6 months before the pass expires.
RENEWAL_WINDOW_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's end (31 Aug → 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def allowed_next_statuses(case: Case) -> list[str]:
    """The statuses `case` may move to next (guards not checked), in pipeline order."""
    return [s for s in S.values if s in ALLOWED[case.status]]


def _move(case: Case, to_status: str, *, by: User, comment: str, guards: list[str] | None = None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_case_access(by, locked)
    if to_status not in ALLOWED[locked.status]:
        raise TransitionRefused(
            _("%(case)s cannot go from “%(from)s” to “%(to)s”.")
            % {"case": locked.reference, "from": S(locked.status).label, "to": S(to_status).label}
        )
    if guards:
        raise TransitionRefused(
            _("%(case)s cannot move to “%(to)s”:") % {"case": locked.reference, "to": S(to_status).label},
            reasons=guards,
        )
    now = timezone.now()
    CaseStatusChange.objects.create(
        case=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_by=by,
        changed_at=now,
        comment=comment,
    )
    locked.status, locked.status_changed_at = to_status, now
    locked.save(update_fields=["status", "status_changed_at"])
    case.status, case.status_changed_at = locked.status, locked.status_changed_at
    return case


_READ = object()  # "read it from the database" (None is a value: no assessment)


def ready_to_file_problems(
    case: Case,
    *,
    today: date | None = None,
    documents: Iterable[Document] | None = None,
    latest: Assessment | object | None = _READ,
) -> list[str]:
    """Why `case` cannot be filed yet (empty when it can): missing documents, no current assessment.

    A page that has already read the case's documents or newest snapshot passes them in (no query)."""
    problems: list[str] = []
    if documents is None:
        missing = list(
            case.documents.filter(is_required=True)
            .exclude(review_status=Document.Review.ACCEPTED)
            .order_by("name")
            .values_list("name", flat=True)
        )
    else:
        missing = sorted(
            d.name for d in documents if d.is_required and d.review_status != Document.Review.ACCEPTED
        )
    if missing:
        problems.append(_("required documents not accepted yet: %s") % ", ".join(missing))
    if latest is _READ:
        latest = case.assessments.latest_first().first()
    assert latest is None or isinstance(latest, Assessment)
    if latest is None:
        problems.append(_("the case has no assessment"))
        return problems
    targets = [p.code for p in case.pathways.all()]
    outdated = outdated_rule_versions(latest, today=today or timezone.localdate(), pathways=targets)
    if outdated:
        problems.append(
            _("the assessment predates the rules in force (%s): re-run it")
            % ", ".join(f"{used or '—'} → {current}" for used, current in outdated.values())
        )
    return problems


@transaction.atomic
def start_review(*, case: Case, by: User, comment: str = "") -> Case:
    """A consultant starts working on the case (from "new", or back from "awaiting documents")."""
    return _move(case, S.IN_REVIEW, by=by, comment=comment)


@transaction.atomic
def request_documents(*, case: Case, by: User, comment: str = "") -> Case:
    """The case waits for the applicant's documents (from "in review" or "ready to file")."""
    return _move(case, S.AWAITING_DOCUMENTS, by=by, comment=comment)


@transaction.atomic
def mark_ready_to_file(*, case: Case, by: User, comment: str = "", today: date | None = None) -> Case:
    """Refused while a required document is not accepted or the assessment is missing or out of date."""
    if case.status in ALLOWED and S.READY_TO_FILE in ALLOWED[case.status]:
        guards = ready_to_file_problems(case, today=today)
    else:
        guards = []
    return _move(case, S.READY_TO_FILE, by=by, comment=comment, guards=guards)


@transaction.atomic
def submit_case(*, case: Case, by: User, comment: str = "") -> Case:
    """The application was filed with the authority (only from "ready to file")."""
    return _move(case, S.SUBMITTED, by=by, comment=comment)


@transaction.atomic
def record_approval(*, case: Case, by: User, pass_expires_on: date | None = None, comment: str = "") -> Case:
    """Approve; with the pass's expiry date, also set when its renewal window opens."""
    case = _move(case, S.APPROVED, by=by, comment=comment)
    if pass_expires_on is not None:
        case.pass_expires_on = pass_expires_on
        case.renewal_window_opens_on = months_before(pass_expires_on, RENEWAL_WINDOW_MONTHS)
        case.save(update_fields=["pass_expires_on", "renewal_window_opens_on"])
    return case


@transaction.atomic
def record_refusal(*, case: Case, by: User, comment: str = "") -> Case:
    """The authority refused the application (only from "submitted")."""
    return _move(case, S.REFUSED, by=by, comment=comment)


@transaction.atomic
def withdraw_case(*, case: Case, by: User, comment: str = "") -> Case:
    """The applicant withdrew; allowed from every open status."""
    return _move(case, S.WITHDRAWN, by=by, comment=comment)


@transaction.atomic
def close_case(*, case: Case, by: User, comment: str = "") -> Case:
    """Close a decided or withdrawn case; nothing moves it afterwards."""
    return _move(case, S.CLOSED, by=by, comment=comment)


TRANSITIONS: dict[str, Callable[..., Case]] = {
    S.IN_REVIEW: start_review,
    S.AWAITING_DOCUMENTS: request_documents,
    S.READY_TO_FILE: mark_ready_to_file,
    S.SUBMITTED: submit_case,
    S.APPROVED: record_approval,
    S.REFUSED: record_refusal,
    S.WITHDRAWN: withdraw_case,
    S.CLOSED: close_case,
}


@transaction.atomic
def move_case(*, case: Case, to_status: str, by: User, comment: str = "") -> Case:
    """Move `case` to `to_status` through that status's own transition service (and its guards)."""
    if to_status not in TRANSITIONS:
        raise TransitionRefused(
            _("“%(status)s” is not a status a case can be moved to.") % {"status": to_status}
        )
    return TRANSITIONS[to_status](case=case, by=by, comment=comment)


@dataclass(frozen=True)
class Moved:
    case: Case
    assigned: bool  # the case had no consultant and is now the mover's


@transaction.atomic
def take_and_move(*, case: Case, to_status: str, by: User, comment: str = "") -> Moved:
    """Move `case` as staff do from the case page or the list: a case assigned to no one is first
    assigned to `by`, so no case moves with nobody working on it. Refused, with the reason, when `by`
    cannot be given cases; a refused move leaves the assignment as it was (one transaction)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    assigned = False
    if locked.assigned_to_id is None:
        if not is_consultant(by):
            raise TransitionRefused(
                _("%(case)s is assigned to no one: a consultant must take it before it can move.")
                % {"case": locked.reference}
            )
        assign_case(case=case, consultant=by, by=by)
        assigned = True
    return Moved(case=move_case(case=case, to_status=to_status, by=by, comment=comment), assigned=assigned)
