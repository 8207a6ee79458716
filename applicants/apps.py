from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicantsConfig(AppConfig):
    name = "applicants"
    verbose_name = _("Applicants and cases")

    def ready(self) -> None:
        # History of every change (django-auditlog). Opening a case page is logged too (CaseAdmin).
        from auditlog.registry import auditlog

        from .models import (
            Applicant,
            Case,
            ConsentRecord,
            DataRequest,
            Document,
            Message,
            Note,
            RecommendationOverride,
            Reminder,
        )

        auditlog.register(Applicant)
        auditlog.register(ConsentRecord)
        auditlog.register(Case, m2m_fields={"pathways"})
        auditlog.register(Document)
        auditlog.register(Note)
        # Who sent which message on which case, and when the other side read it; not the words
        # themselves: the message is their record, and the log need not keep a second copy.
        auditlog.register(Message, exclude_fields=["body"])
        auditlog.register(Reminder)
        auditlog.register(RecommendationOverride, m2m_fields={"pathways"})
        # Who approved an export or an erasure, and every download of an export archive.
        auditlog.register(DataRequest, exclude_fields=["archive"])
