from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Advice letters")

    def ready(self) -> None:
        # Who downloaded which letter, and each letter's status changes, go to the audit log.
        from auditlog.registry import auditlog

        # Imported to register them: the letter settings checks, and the letter tasks in every process,
        # not only in workers (Celery's autodiscovery is lazy): the services enqueue the tasks by name,
        # and the outbox publishes a name it can look up.
        from . import checks, tasks  # noqa: F401
        from .models import AdviceLetter

        auditlog.register(AdviceLetter, include_fields=["status"])
