"""Filters for the case workspace (admin case page): badge tones, people's names, audit entries."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import User

from assessments.presentation import pathway_name

from ..admin.cases import STATUS_TONES
from ..admin.workspace import Workspace

register = template.Library()

# The presentation's Bootstrap tones to the admin's badge classes (static/admin/cases.css).
_BADGES = {"success": "success", "warning": "warning", "danger": "danger", "info": "info"}


@register.filter
def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "muted")


@register.filter
def badge_tone(tone: str) -> str:
    return _BADGES.get(tone, "muted")


@register.filter
def staff_name(user: User | None) -> str:
    """A colleague's full name, else their user name (no query: the user row is already loaded)."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


@register.filter
def engine_recommendation(workspace: Workspace) -> str:
    """The route the assessment itself recommended (kept for the record under an override), or ""."""
    if workspace.assessment is None:
        return ""
    recommendation = workspace.assessment.results.get("recommendation") or {}
    code = recommendation.get("overall") if isinstance(recommendation, dict) else None
    if not code:
        return ""
    try:
        return pathway_name(str(code))
    except KeyError:
        return str(code)
