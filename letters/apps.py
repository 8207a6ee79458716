from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Advice letters")

    def ready(self) -> None:
        # Who downloaded which letter, and each letter's status changes, go to the audit log.
        from auditlog.registry import auditlog

        from . import checks  # noqa: F401  (registers the letter settings checks)
        from .models import AdviceLetter

        auditlog.register(AdviceLetter, include_fields=["status"])
