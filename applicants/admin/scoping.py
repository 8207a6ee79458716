"""Row-level access for the admin: querysets and object permissions follow `applicants.access`.

A consultant asking for a case outside their scope gets 404 (not the admin's usual redirect), so
the page neither leaks nor hints that the case exists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from ..access import can_work_on, case_scope, manages_all_cases
from ..models import Case


def _case_of(obj: Model) -> Case | None:
    if isinstance(obj, Case):
        return obj
    case = getattr(obj, "case", None)
    return case if isinstance(case, Case) else None


class CaseScopedAdminMixin:
    """For admins of Case and of models hanging off a case (`case_lookup` is the path to it)."""

    case_lookup = ""

    def scope(self, request: HttpRequest) -> Q:
        q = case_scope(request.user)
        if not self.case_lookup or not q:
            return q
        # Re-root the case filter on the related case, e.g. Q(assigned_to=…) → Q(case__assigned_to=…).
        return Q(**{f"{self.case_lookup}__in": Case.objects.filter(q)})

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        return qs.filter(self.scope(request))

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is None:
            raise Http404("No such record, or not one of yours.")
        return obj

    def _in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return True
        case = _case_of(obj)
        return case is None or can_work_on(request.user, case)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(super().has_view_permission(request, obj)) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(super().has_change_permission(request, obj)) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(super().has_delete_permission(request, obj)) and self._in_scope(request, obj)  # type: ignore[misc]


def applicants_visible_to(request: HttpRequest, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Applicants with a case the user works on, plus applicants with no case yet (intake)."""
    if manages_all_cases(request.user):
        return qs
    visible = Case.objects.filter(case_scope(request.user), applicant=OuterRef("pk"))
    any_case = Case.objects.filter(applicant=OuterRef("pk"))
    return qs.filter(Exists(visible) | ~Exists(any_case))


class ReadOnlyInlineMixin:
    """Inlines that show records written only by services (snapshots, status history)."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


__all__ = ["CaseScopedAdminMixin", "ReadOnlyInlineMixin", "applicants_visible_to"]
