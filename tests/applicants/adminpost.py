"""Build the POST body of the case change page (main form plus every inline's management form)."""

from __future__ import annotations

from typing import Any

from applicants.models import Case

INLINE_PREFIXES = (
    "documents",
    "notes",
    "reminders",
    "assessments",
    "advice_letters",
    "status_changes",
)


def case_form_data(case: Case, **inlines: list[dict[str, Any]]) -> dict[str, Any]:
    """The case's current field values, plus the given inline rows (new rows have no "id")."""
    data: dict[str, Any] = {
        "applicant": case.applicant_id,
        "pathways": [p.code for p in case.pathways.all()],
        "priority": case.priority,
        "next_action": case.next_action,
        "next_action_on": case.next_action_on.isoformat() if case.next_action_on else "",
        "pass_expires_on": case.pass_expires_on.isoformat() if case.pass_expires_on else "",
        "renewal_window_opens_on": case.renewal_window_opens_on.isoformat()
        if case.renewal_window_opens_on
        else "",
    }
    for prefix in INLINE_PREFIXES:
        rows = inlines.get(prefix, [])
        initial = sum(1 for row in rows if row.get("id"))
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
            data[f"{prefix}-{i}-case"] = case.pk
    return data
