"""Who may see and work on which case. Every admin view, action and service asks these helpers.

A consultant works on the cases assigned to them and on the unassigned queue; a case manager (the
`manage_all_cases` permission) and a superuser work on every case.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from .models import Case, CaseQuerySet

CONSULTANT_GROUP = "Consultant"
CASE_MANAGER_GROUP = "Case manager"
MANAGE_ALL_CASES = "applicants.manage_all_cases"

AnyUser = User | AnonymousUser


def manages_all_cases(user: AnyUser) -> bool:
    return bool(user.is_active and user.has_perm(MANAGE_ALL_CASES))


def case_scope(user: AnyUser) -> Q:
    """The filter that limits cases to those `user` may see."""
    if manages_all_cases(user):
        return Q()
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(assigned_to=user.pk) | Q(assigned_to__isnull=True)


def cases_visible_to(user: AnyUser, queryset: CaseQuerySet | None = None) -> CaseQuerySet:
    base = queryset if queryset is not None else Case.objects.all()
    return base.filter(case_scope(user))


def can_work_on(user: AnyUser, case: Case) -> bool:
    """Whether `user` may see and change `case` (not whether they hold the model permission)."""
    if manages_all_cases(user):
        return True
    return bool(user.is_authenticated and user.is_active and case.assigned_to_id in (None, user.pk))
