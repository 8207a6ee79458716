"""The case pipeline: every allowed step, every refused step, the guards, and who/when records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile

from applicants.errors import AccessDenied, TransitionRefused
from applicants.models import Case, CaseStatusChange
from applicants.services import transitions
from applicants.services.documents import accept_document, reject_document, upload_document
from tests.applicants.factories import consultant, make_case, make_document, snapshot
from tests.applicants.portal_helpers import PDF

pytestmark = pytest.mark.django_db
S = Case.Status

ALLOWED_PAIRS = [(src, dst) for src, dsts in transitions.ALLOWED.items() for dst in sorted(dsts)]
REFUSED_PAIRS = [
    (src, dst) for src in S.values for dst in S.values if dst != S.NEW and dst not in transitions.ALLOWED[src]
]


def _ready_case(status: str, owner) -> Case:
    """A case in `status`, assigned to `owner`, whose ready-to-file guards all pass."""
    case = make_case(status=status, assigned_to=owner)
    doc = make_document(case=case, name="Passport bio page")
    upload_document(document=doc, file=ContentFile(PDF, name="passport.pdf"))
    accept_document(document=doc, by=owner)
    snapshot(case)
    return case


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED_PAIRS)
def test_allowed_transition_moves_the_case_and_records_who_and_when(from_status, to_status):
    owner = consultant()
    case = _ready_case(from_status, owner)
    before = case.status_changed_at

    transitions.move_case(case=case, to_status=to_status, by=owner, comment="why")

    case.refresh_from_db()
    assert case.status == to_status
    assert case.status_changed_at > before
    change = CaseStatusChange.objects.get(case=case)
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        from_status,
        to_status,
        owner,
        "why",
    )
    assert change.changed_at == case.status_changed_at


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_PAIRS)
def test_transition_outside_the_pipeline_is_refused_and_changes_nothing(from_status, to_status):
    owner = consultant()
    case = _ready_case(from_status, owner)

    with pytest.raises(TransitionRefused, match="cannot go from"):
        transitions.move_case(case=case, to_status=to_status, by=owner)

    case.refresh_from_db()
    assert case.status == from_status
    assert not CaseStatusChange.objects.exists()


def test_moving_to_new_is_not_a_transition():
    owner = consultant()
    case = make_case(status=S.IN_REVIEW, assigned_to=owner)
    with pytest.raises(TransitionRefused, match="not a status a case can be moved to"):
        transitions.move_case(case=case, to_status=S.NEW, by=owner)


def test_ready_to_file_is_refused_while_a_required_document_is_not_accepted():
    owner = consultant()
    case = make_case(status=S.AWAITING_DOCUMENTS, assigned_to=owner)
    snapshot(case)
    make_document(case=case, name="Payslips (last 3 months)")
    make_document(case=case, name="CV", is_required=False)

    with pytest.raises(
        TransitionRefused, match=r"required documents not accepted yet: Payslips \(last 3 months\)"
    ):
        transitions.mark_ready_to_file(case=case, by=owner)

    case.refresh_from_db()
    assert case.status == S.AWAITING_DOCUMENTS


def test_ready_to_file_is_refused_when_a_required_document_was_rejected():
    owner = consultant()
    case = make_case(status=S.IN_REVIEW, assigned_to=owner)
    snapshot(case)
    doc = make_document(case=case, name="Degree certificate")
    upload_document(document=doc, file=ContentFile(PDF, name="degree.pdf"))
    reject_document(document=doc, by=owner, reason="The scan is cut off at the bottom.")

    with pytest.raises(TransitionRefused, match="Degree certificate"):
        transitions.mark_ready_to_file(case=case, by=owner)


def test_ready_to_file_is_refused_without_an_assessment():
    owner = consultant()
    case = make_case(status=S.IN_REVIEW, assigned_to=owner)

    with pytest.raises(TransitionRefused, match="the case has no assessment"):
        transitions.mark_ready_to_file(case=case, by=owner)


def test_optional_documents_do_not_block_ready_to_file():
    owner = consultant()
    case = make_case(status=S.IN_REVIEW, assigned_to=owner)
    snapshot(case)
    make_document(case=case, name="Reference letter", is_required=False)

    transitions.mark_ready_to_file(case=case, by=owner)

    assert case.status == S.READY_TO_FILE


def test_a_consultant_cannot_move_a_colleagues_case():
    owner, other = consultant(), consultant()
    case = make_case(status=S.NEW, assigned_to=owner)

    with pytest.raises(AccessDenied):
        transitions.start_review(case=case, by=other)

    case.refresh_from_db()
    assert case.status == S.NEW


def test_approval_with_expiry_sets_the_renewal_window_six_months_earlier():
    owner = consultant()
    case = make_case(status=S.SUBMITTED, assigned_to=owner)

    transitions.record_approval(case=case, by=owner, pass_expires_on=date(2028, 8, 31))

    case.refresh_from_db()
    assert case.status == S.APPROVED
    assert case.pass_expires_on == date(2028, 8, 31)
    assert case.renewal_window_opens_on == date(2028, 2, 29)


def test_a_case_is_late_once_its_status_outlasts_the_target():
    from applicants.models import STATUS_TARGETS

    case = make_case(status=S.IN_REVIEW)
    target = STATUS_TARGETS[S.IN_REVIEW]
    Case.objects.filter(pk=case.pk).update(
        status_changed_at=case.status_changed_at - target - timedelta(minutes=1)
    )
    fresh = make_case(status=S.IN_REVIEW)
    closed = make_case(status=S.CLOSED)
    Case.objects.filter(pk=closed.pk).update(status_changed_at=closed.status_changed_at - timedelta(days=999))

    assert list(Case.objects.late()) == [case]
    assert set(Case.objects.not_late()) == {fresh, closed}
    case.refresh_from_db()
    assert case.is_late()
    assert not fresh.is_late()
    assert not closed.is_late()
