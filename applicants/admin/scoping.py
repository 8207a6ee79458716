"""Row-level access for the admin: querysets and object permissions follow `applicants.access`.

A consultant asking for a case outside their scope gets 404 (not the admin's usual redirect), so
the page neither leaks nor hints that the case exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from ..access import AnyUser, applicant_scope, can_work_on, case_scope
from ..models import Case


def _case_of(obj: Model) -> Case | None:
    if isinstance(obj, Case):
        return obj
    case = getattr(obj, "case", None)
    return case if isinstance(case, Case) else None


def case_page_case(modeladmin: admin.ModelAdmin[Case], request: HttpRequest, object_id: str) -> Case:
    """The case of a case-page view (conversation, letters) that `request`'s user may see; 404 otherwise."""
    case = modeladmin.get_object(request, unquote(object_id))
    if case is None or not modeladmin.has_view_permission(request, case):
        raise Http404("No such case, or not one of yours.")
    assert isinstance(case, Case)
    return case


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
    return qs.filter(applicant_scope(request.user))


class ScopedForeignKeysMixin:
    """Every foreign key a scoped user can set offers, and accepts, only objects in their scope.

    The admin's default choice list for a foreign key is the whole table: a consultant could point
    their own case at any applicant, and the applicant would then be "theirs". `scoped_foreign_keys`
    maps a field name to a function (user -> queryset of what that user may choose); a value posted
    outside it fails the form's validation like any invalid choice. The services check again.
    """

    scoped_foreign_keys: dict[str, Callable[[AnyUser], QuerySet[Any]]] = {}

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        scoped = self.scoped_foreign_keys.get(db_field.name)
        if scoped is not None:
            kwargs["queryset"] = scoped(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class ReadOnlyInlineMixin:
    """Inlines that show records written only by services (snapshots, status history)."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


__all__ = ["CaseScopedAdminMixin", "ReadOnlyInlineMixin", "ScopedForeignKeysMixin", "applicants_visible_to"]
