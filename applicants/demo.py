"""A few realistic applicants and cases for `make run` (`seed_demo`), created through the services.

Idempotent: an applicant whose e-mail already exists is left as it is, with its cases.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from assessments.services import run_assessment

from .models import Applicant, Case
from .services import cases, documents, people, transitions

CONSENT_TEXT_VERSION = "2026-11"


def _blank_pdf() -> bytes:
    """A real one-page PDF: uploads are parsed and checked, demo files included."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DEMO_PDF = _blank_pdf()


def _engineer_profile() -> dict[str, Any]:
    return {
        "date_of_birth": "1990-05-17",
        "nationality": "IN",
        "on_singapore_work_pass": False,
        "education": [
            {
                "level": "master",
                "field": "stem",
                "institution": "Indian Institute of Technology Bombay",
                "well_known_institution": True,
                "world_top_100": False,
                "taught_in_chinese": False,
                "completed_year": 2014,
            }
        ],
        "monthly_fixed_salary": {"amount": "24000", "currency": "SGD"},
        "salary_from_single_employer": True,
        "months_at_current_salary": 14,
        "roles": [
            {
                "organisation": "Grab",
                "title": "Director of Engineering",
                "start": "2019-07-01",
                "end": None,
                "role_type": "leadership",
                "organisation_type": "tech_company",
                "organisation_well_known": True,
                "valuation_usd": 14000000000,
            }
        ],
        "hsk_level": 0,
        "has_singapore_job_offer": False,
        "has_china_job_offer": False,
    }


def _researcher_profile() -> dict[str, Any]:
    return {
        "date_of_birth": "1996-03-02",
        "nationality": "DE",
        "education": [
            {
                "level": "doctorate",
                "field": "stem",
                "institution": "Technische Universität München",
                "well_known_institution": True,
                "world_top_100": True,
                "taught_in_chinese": False,
                "completed_year": 2024,
            }
        ],
        "roles": [
            {
                "organisation": "Max Planck Institute for Intelligent Systems",
                "title": "Postdoctoral researcher",
                "start": "2024-10-01",
                "end": None,
                "role_type": "technical",
                "organisation_type": "research_institute",
                "stem_teaching_or_research": True,
            }
        ],
        "hsk_level": 3,
        "has_singapore_job_offer": False,
        "has_china_job_offer": False,
    }


@dataclass
class DemoCase:
    full_name: str
    email: str
    nationality: str
    date_of_birth: date
    language: str
    pathways: list[str]
    status: str
    next_action: str
    next_action_in_days: int | None
    profile: dict[str, Any] | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)  # (name, review outcome)
    note: str = ""
    pass_expires_in_days: int | None = None


DEMO_CASES = [
    DemoCase(
        "Priya Raman",
        "priya.raman@example.com",
        "IN",
        date(1990, 5, 17),
        "en",
        ["sg_tech_pass", "sg_one_pass"],
        Case.Status.AWAITING_DOCUMENTS,
        "Chase the employer letter",
        2,
        profile=_engineer_profile(),
        documents=[
            ("Passport bio page", "accepted"),
            ("Payslips (last 3 months)", "reupload"),
            ("Employer letter confirming the leading role", ""),
        ],
        note="Grab confirms the director title; valuation evidence from the last funding round.",
    ),
    DemoCase(
        "Lena Hoffmann",
        "lena.hoffmann@example.com",
        "DE",
        date(1996, 3, 2),
        "en",
        ["cn_k_visa"],
        Case.Status.IN_REVIEW,
        "Check the well-known institution evidence",
        0,
        profile=_researcher_profile(),
        documents=[("Doctoral degree certificate", "")],
    ),
    DemoCase(
        "王芳",
        "wang.fang@example.com",
        "CN",
        date(1988, 9, 12),
        "zh-hans",
        ["sg_one_pass"],
        Case.Status.NEW,
        "First consultation call",
        -1,
    ),
    DemoCase(
        "James Carter",
        "james.carter@example.com",
        "US",
        date(1984, 1, 30),
        "en",
        ["sg_tech_pass"],
        Case.Status.CLOSED,
        "",
        None,
        pass_expires_in_days=80,
    ),
    DemoCase(
        "Tanaka Yui",
        "tanaka.yui@example.com",
        "JP",
        date(1993, 7, 4),
        "en",
        ["cn_work_permit"],
        Case.Status.SUBMITTED,
        "Check the authority portal",
        10,
    ),
]

_PATH: dict[str, list[str]] = {
    Case.Status.IN_REVIEW: [Case.Status.IN_REVIEW],
    Case.Status.AWAITING_DOCUMENTS: [Case.Status.IN_REVIEW, Case.Status.AWAITING_DOCUMENTS],
    Case.Status.SUBMITTED: [Case.Status.IN_REVIEW, Case.Status.READY_TO_FILE, Case.Status.SUBMITTED],
    Case.Status.CLOSED: [
        Case.Status.IN_REVIEW,
        Case.Status.READY_TO_FILE,
        Case.Status.SUBMITTED,
        Case.Status.APPROVED,
        Case.Status.CLOSED,
    ],
}


def seed_demo_cases(*, consultant: User, manager: User) -> int:
    """Create the demo applicants and cases that do not exist yet; returns how many were created."""
    today, created = timezone.localdate(), 0
    for demo in DEMO_CASES:
        if Applicant.objects.filter(email__iexact=demo.email).exists():
            continue
        applicant = people.create_applicant(
            full_name=demo.full_name,
            email=demo.email,
            nationality=demo.nationality,
            date_of_birth=demo.date_of_birth,
            preferred_language=demo.language,
        )
        people.record_consent(
            applicant=applicant,
            text_version=CONSENT_TEXT_VERSION,
            for_assessment=True,
            for_consultation=True,
            for_cross_border_transfer=any(p.startswith("cn_") for p in demo.pathways),
        )
        case = cases.open_case(
            applicant=applicant,
            pathways=demo.pathways,
            next_action=demo.next_action,
            next_action_on=today + timedelta(days=demo.next_action_in_days)
            if demo.next_action_in_days is not None
            else None,
        )
        if demo.status != Case.Status.NEW:
            cases.assign_case(case=case, consultant=consultant, by=manager)
        if demo.profile is not None:
            run_assessment(
                applicant=applicant, case=case, profile=demo.profile, as_of=today, created_by=consultant
            )
        for name, outcome in demo.documents:
            document = documents.add_checklist_item(case=case, name=name)
            if outcome:
                documents.upload_document(document=document, file=ContentFile(DEMO_PDF, name="scan.pdf"))
            if outcome == "accepted":
                documents.accept_document(document=document, by=consultant)
            elif outcome == "reupload":
                documents.request_reupload(
                    document=document,
                    by=consultant,
                    reason="Please upload all three months, not only October.",
                )
        if demo.note:
            cases.add_note(case=case, author=consultant, body=demo.note)
        _walk(case, demo, by=manager, today=today)
        created += 1
    return created


def _walk(case: Case, demo: DemoCase, *, by: User, today: date) -> None:
    for status in _PATH.get(demo.status, []):
        if status == Case.Status.READY_TO_FILE and transitions.ready_to_file_problems(case):
            # The demo's filed cases predate our records: document them as accepted first.
            for name in ("Passport bio page", "Signed application form"):
                document = documents.add_checklist_item(case=case, name=name)
                documents.upload_document(document=document, file=ContentFile(DEMO_PDF, name="scan.pdf"))
                documents.accept_document(document=document, by=by)
            if not case.assessments.exists():
                run_assessment(applicant=case.applicant, case=case, profile=_engineer_profile(), as_of=today)
        if status == Case.Status.APPROVED and demo.pass_expires_in_days is not None:
            transitions.record_approval(
                case=case, by=by, pass_expires_on=today + timedelta(days=demo.pass_expires_in_days)
            )
        else:
            transitions.move_case(case=case, to_status=status, by=by)
