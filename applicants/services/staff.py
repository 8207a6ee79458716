"""Staff accounts with their role (Consultant or Case manager), for the demo and for load-test data.

Staff normally get their account from an administrator in the admin; these are the scripted ones.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction

from ..access import CASE_MANAGER_GROUP, CONSULTANT_GROUP

ROLES = (CONSULTANT_GROUP, CASE_MANAGER_GROUP)


@transaction.atomic
def ensure_staff_account(
    *,
    username: str,
    email: str,
    password: str | None,
    role: str | None = None,
    is_superuser: bool = False,
) -> tuple[User, bool]:
    """The staff account `username`, created if missing (and whether it was created now).

    A new account gets `password` (None: no password that works, e.g. for seeded consultants) and
    the superuser flag; an existing one keeps its password and flags. Either way it ends up in the
    group `role` (one of `ROLES`) when given. Idempotent.
    """
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown staff role {role!r}")
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "is_staff": True, "is_superuser": is_superuser}
    )
    if created:
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save(update_fields=["password"])
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return user, created
