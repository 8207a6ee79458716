"""The permission backend: Django's ModelBackend reading a user's permissions in one query, not two.

ModelBackend asks once for the user's own permissions and once for their groups'; every admin page pays
both. Here one query reads the union (the same set, so `has_perm` answers the same), cached on the user
object for the request as ModelBackend does.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.db.models import Q


class OneQueryPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj: AbstractBaseUser | AnonymousUser, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached: set[str] | None = getattr(user_obj, "_perm_cache", None)
        if cached is None:
            permissions = Permission.objects.all()
            if not getattr(user_obj, "is_superuser", False):
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            pairs = permissions.values_list("content_type__app_label", "codename").order_by().distinct()
            cached = {f"{app_label}.{codename}" for app_label, codename in pairs}
            user_obj._perm_cache = cached  # type: ignore[attr-defined]
        return cached
