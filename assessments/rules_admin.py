"""The staff page listing every rule version the engine knows: what is in force, since when, on
which sources, how fresh. Read-only: rule versions are code-reviewed data in `engine/rules/`.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .engine import rule_catalogue, versions_in_force


def rule_versions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    catalogue = sorted(rule_catalogue(), key=lambda v: (v.pathway, v.effective_from))
    in_force = {v.id for kind in ("new", "renewal") for v in versions_in_force(today, kind).values()}
    pathways = [
        {
            "code": pathway,
            "versions": [
                {
                    "version": version,
                    "in_force_today": version.id in in_force,
                    "applies_to": ", ".join(sorted(version.applies_to)),
                    "parameters": version.key_parameters(),
                }
                for version in versions
            ],
        }
        for pathway, versions in groupby(catalogue, key=lambda v: v.pathway)
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Rule versions"),
        "today": today,
        "pathways": pathways,
    }
    return TemplateResponse(request, "admin/assessments/rule_versions.html", context)
