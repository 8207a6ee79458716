"""What the two staff roles may do with consultations: publish hours (add, change, delete their own:
the admin scopes rows) and see and cancel the consultations of their cases.

Granted after every `migrate` (post_migrate), not in a data migration: creating this app's permissions
in the middle of migrating would give its content types other ids than a re-created test database
gives them, and tests that restore the database rows would then collide with them.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps

from applicants.access import CASE_MANAGER_GROUP, CONSULTANT_GROUP

CODENAMES = (
    "view_weeklyhours",
    "add_weeklyhours",
    "change_weeklyhours",
    "delete_weeklyhours",
    "view_availabilityexception",
    "add_availabilityexception",
    "change_availabilityexception",
    "delete_availabilityexception",
    "view_appointment",
    "change_appointment",
)
ROLES = (CONSULTANT_GROUP, CASE_MANAGER_GROUP)


def grant_staff_permissions(apps: Any = global_apps, **kwargs: Any) -> None:
    """Give both roles the booking permissions (idempotent; roles that do not exist are skipped)."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = list(
        permission_model.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    )
    if not permissions:
        return
    for group in group_model.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)
