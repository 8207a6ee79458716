"""Which rule versions apply when: the questions the rest of the project asks of the rule catalogue.

The start page's "rules in force", the check that a stored assessment predates today's rules, the daily
re-assessment when new versions take effect, the staff catalogue page and the letters all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from assessments.engine.assess import rule_catalogue
from assessments.engine.rules.base import RuleVersion


def versions_in_force(on: date, application_type: str = "new") -> dict[str, RuleVersion[Any]]:
    """Pathway code -> the version in force on `on` for this type of application, in contract order.

    A pathway with no version on that day (before the earliest encoded rules) is left out.
    """
    in_force: dict[str, RuleVersion[Any]] = {}
    for version in rule_catalogue():
        if version.in_force(on, application_type):
            in_force.setdefault(version.pathway, version)
    return in_force


def versions_starting(after: date, until: date) -> list[RuleVersion[Any]]:
    """The versions whose first day is in (`after`, `until`], by first day (then in contract order)."""
    starting = [version for version in rule_catalogue() if after < version.effective_from <= until]
    return sorted(starting, key=lambda version: version.effective_from)


def versions_with_ids(ids: Iterable[str]) -> list[RuleVersion[Any]]:
    """The versions named by `ids`, in catalogue order; an id the catalogue does not know is left out."""
    wanted = set(ids)
    return [version for version in rule_catalogue() if version.id in wanted]
