"""{% case_dashboard %} and {% stale_rates_panel %}: the staff dashboard panels on the admin index page."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone

from assessments.models import ExchangeRate

from ..dashboard import build_dashboard

register = template.Library()


@register.inclusion_tag("applicants/admin/dashboard.html", takes_context=True)
def case_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    dashboard = build_dashboard(request.user, today=timezone.localdate(), now=timezone.now())
    return {
        "dashboard": dashboard,
        "charts": [dashboard.by_status, dashboard.by_pathway, dashboard.new_per_week],
        "today": timezone.localdate(),
    }


@register.inclusion_tag("applicants/admin/stale_rates.html")
def stale_rates_panel() -> dict[str, Any]:
    """The exchange-rate pairs whose newest rate is older than EXCHANGE_RATE_MAX_AGE_DAYS."""
    max_age_days = settings.EXCHANGE_RATE_MAX_AGE_DAYS
    return {
        "stale": ExchangeRate.objects.stale_pairs(timezone.localdate(), max_age_days),
        "max_age_days": max_age_days,
    }
