"""A case ready for an advice letter: applicant, consultant, target pathways and a real snapshot."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from applicants.models import Case
from assessments.models import Assessment
from assessments.services import run_assessment
from letters.models import AdviceLetter
from letters.services import request_advice_letter
from tests.applicants.factories import consultant, make_applicant, make_case, make_user
from tests.assessments.profiles import senior_engineer


def case_with_snapshot(*, language: str = "zh-hans", **applicant: Any) -> tuple[Case, Assessment, User]:
    """A case assigned to a consultant, with an engine snapshot of a realistic profile."""
    adviser = consultant(first_name="Priya", last_name="Raman")
    fields: dict[str, Any] = {"full_name": "陈嘉豪 Chen Jiahao", "preferred_language": language}
    fields.update(applicant)
    case = make_case(
        applicant=make_applicant(**fields),
        assigned_to=adviser,
        pathways=["sg_tech_pass", "cn_k_visa", "cn_work_permit"],
    )
    snapshot = run_assessment(
        applicant=case.applicant,
        case=case,
        profile=senior_engineer(),
        as_of=date(2026, 11, 24),
        created_by=adviser,
    )
    return case, snapshot, adviser


def requested_letter(*, language: str = "en", note: str = "File in December.") -> AdviceLetter:
    """A queued letter (on_commit callbacks do not run inside a test transaction: nothing is sent)."""
    case, snapshot, adviser = case_with_snapshot()
    return request_advice_letter(
        case=case, assessment=snapshot, language=language, note=note, requested_by=adviser
    )


def ready_letter(pdf: bytes, *, language: str = "en", **case_fields: Any) -> AdviceLetter:
    """A letter taken to ready through the worker's services, storing `pdf` (a real rendered letter)."""
    from django.utils import timezone

    from letters.services import claim_letter, store_rendered_letter

    case, snap, adviser = case_with_snapshot(**case_fields)
    letter = request_advice_letter(
        case=case, assessment=snap, language=language, note="", requested_by=adviser
    )
    claimed = claim_letter(letter_id=letter.pk, now=timezone.now())
    assert claimed is not None
    stored = store_rendered_letter(letter_id=letter.pk, attempt=claimed.attempts, pdf=pdf, page_count=4)
    assert stored is not None
    return stored


def released_letter(pdf: bytes, *, language: str = "en", **case_fields: Any) -> AdviceLetter:
    """A rendered letter its consultant released to the applicant (`release_letter`)."""
    from letters.services import release_letter

    letter = ready_letter(pdf, language=language, **case_fields)
    assert letter.requested_by is not None
    return release_letter(letter=letter, by=letter.requested_by)


def applicant_client(letter: AdviceLetter) -> Client:
    """A client signed in to the portal as the letter's applicant (a portal account made for them)."""
    user = make_user(is_staff=False)
    applicant = letter.case.applicant
    applicant.user = user
    applicant.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    return client
