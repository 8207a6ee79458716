"""{% case_dashboard %}: the staff dashboard panels on the admin index page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from ..dashboard import build_dashboard

register = template.Library()


@register.inclusion_tag("applicants/admin/dashboard.html", takes_context=True)
def case_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    return {
        "dashboard": build_dashboard(request.user, today=timezone.localdate(), now=timezone.now()),
        "today": timezone.localdate(),
    }
