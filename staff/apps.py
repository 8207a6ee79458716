from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff profiles")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import StaffProfile

        auditlog.register(StaffProfile)
