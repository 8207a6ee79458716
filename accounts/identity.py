"""Two kinds of people sign in here, and the two never mix.

Staff work in the admin, behind a password and a second factor. Applicants use the portal, where an
e-mailed link or a password is enough. An account that can do staff work must therefore never be
reachable the applicant's way: a staff account is never linked to an applicant, never sent a portal
sign-in link, and the portal refuses a staff session. Otherwise whoever controls an applicant record
(its e-mail address, its portal account) controls a staff account with a single factor.

"Staff" means anything that grants more than an applicant has: the staff flag, superuser, membership
of any group (the roles are groups) or a permission of its own. Applicant accounts have none of these.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import QuerySet


def is_staff_identity(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether `user` is (or could act as) staff: such an account has no place in the portal."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if user.pk is None:
        return False
    return bool(user.groups.exists() or user.user_permissions.exists())


def applicant_accounts() -> QuerySet[User]:
    """Active accounts that are nothing but an applicant's: no staff flag, group or permission."""
    return User.objects.filter(
        is_active=True,
        is_staff=False,
        is_superuser=False,
        groups__isnull=True,
        user_permissions__isnull=True,
    )
