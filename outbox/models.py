from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A task call not yet handed to the broker: its name and (primitive, JSON) arguments."""

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("publish attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["created_at"], name="outbox_created_idx")]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
