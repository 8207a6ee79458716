from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    default = True
    name = "bookings"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Appointment, AvailabilityException, WeeklyHours

        auditlog.register(WeeklyHours)
        auditlog.register(AvailabilityException)
        auditlog.register(Appointment)
