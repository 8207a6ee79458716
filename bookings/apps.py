from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    default = True
    name = "bookings"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # Imported to register the tasks in every process (Celery's autodiscovery is lazy): the
        # services enqueue them by name through the outbox.
        from . import tasks  # noqa: F401
        from .models import Appointment, AvailabilityException, WeeklyHours
        from .roles import grant_staff_permissions

        auditlog.register(WeeklyHours)
        auditlog.register(AvailabilityException)
        auditlog.register(Appointment)
        # After auth's own post_migrate handler has created this app's permissions.
        post_migrate.connect(grant_staff_permissions, sender=self)
