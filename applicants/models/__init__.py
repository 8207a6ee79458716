"""Applicants and their cases: people, consent, the case pipeline, documents, notes and reminders."""

from .cases import (
    CLOSED_STATUSES,
    DECIDED_STATUSES,
    OPEN_STATUSES,
    STATUS_TARGETS,
    Case,
    CaseQuerySet,
    CaseStatusChange,
    DigestDelivery,
    Note,
    Pathway,
    RecommendationOverride,
    Reminder,
    ReminderQuerySet,
)
from .documents import Document
from .links import PendingSubmission, UsedLink
from .people import Applicant, ConsentRecord
from .requests import DataRequest, RetentionRun

__all__ = [
    "CLOSED_STATUSES",
    "DECIDED_STATUSES",
    "OPEN_STATUSES",
    "STATUS_TARGETS",
    "Applicant",
    "Case",
    "CaseQuerySet",
    "CaseStatusChange",
    "ConsentRecord",
    "DataRequest",
    "DigestDelivery",
    "Document",
    "Note",
    "Pathway",
    "PendingSubmission",
    "RecommendationOverride",
    "Reminder",
    "ReminderQuerySet",
    "RetentionRun",
    "UsedLink",
]
