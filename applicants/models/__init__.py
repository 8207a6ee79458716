"""Applicants and their cases: people, consent, the case pipeline, documents, messages, notes and reminders."""

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
from .links import IntakeDraft, PendingSubmission, UsedLink
from .messages import Message, MessageQuerySet
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
    "IntakeDraft",
    "Message",
    "MessageQuerySet",
    "Note",
    "Pathway",
    "PendingSubmission",
    "RecommendationOverride",
    "Reminder",
    "ReminderQuerySet",
    "RetentionRun",
    "UsedLink",
]
