"""Case list filters that speak the domain: late, expiring soon, consultant."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from ..access import CASE_MANAGER_GROUP, CONSULTANT_GROUP
from ..models import Case, Pathway


class LateFilter(admin.SimpleListFilter):
    title = _("late")
    parameter_name = "late"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Late")), ("no", _("On time"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        if self.value() == "yes":
            return queryset.late()  # type: ignore[attr-defined,no-any-return]
        if self.value() == "no":
            return queryset.not_late()  # type: ignore[attr-defined,no-any-return]
        return queryset


class PassExpiryFilter(admin.SimpleListFilter):
    title = _("pass expiry")
    parameter_name = "expiring"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("30", _("Within 30 days")),
            ("90", _("Within 90 days")),
            ("expired", _("Expired")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        today = timezone.localdate()
        if self.value() in ("30", "90"):
            return queryset.expiring_within(int(str(self.value())), today=today)  # type: ignore[attr-defined,no-any-return]
        if self.value() == "expired":
            return queryset.filter(pass_expires_on__lt=today)
        return queryset


class PathwayFilter(admin.SimpleListFilter):
    """Target pathway, from the fixed list of codes (no query for the choices)."""

    title = _("pathway")
    parameter_name = "pathway"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(Pathway.CHOICES)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any] | None:
        if self.value() in Pathway.CODES:
            targets = Case.pathways.through.objects.filter(case_id=OuterRef("pk"), pathway_id=self.value())
            return queryset.filter(Exists(targets))
        return queryset


class ConsultantFilter(admin.RelatedFieldListFilter):
    """Only people who can hold cases, not every user account."""

    def field_choices(
        self, field: Any, request: HttpRequest, model_admin: Any
    ) -> list[tuple[str, str | StrPromise]]:
        # Facet counting rebuilds every filter once per filter: look the consultants up once per request.
        cached: list[tuple[str, str | StrPromise]] | None = getattr(request, "_consultant_choices", None)
        if cached is None:
            staff = (
                User.objects.filter(
                    Q(groups__name__in=[CONSULTANT_GROUP, CASE_MANAGER_GROUP]) | Q(is_superuser=True),
                    is_active=True,
                )
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
            cached = [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]
            request._consultant_choices = cached  # type: ignore[attr-defined]
        return cached
