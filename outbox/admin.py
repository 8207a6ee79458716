from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    """Read-only: a row here is a task waiting for the broker (see docs/operations.md)."""

    list_display = readonly_fields = ("task_name", "args", "created_at", "attempts", "last_error")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
