"""The applicant's consultant as the portal shows them: name, initials and how to reach them.

ONE place reads the assigned staff user for the portal, so it can switch to the staff profile's
display name, title and phone (workspace-13's accessor) in a single edit once that is merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Case


@dataclass(frozen=True)
class ConsultantContact:
    name: str
    initials: str
    email: str


def initials_of(name: str) -> str:
    """Up to two letters: "Mei Tan" -> "MT"; a CJK name keeps its first character ("陈静" -> "陈")."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1 or not words[0].isascii():
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def consultant_for(case: Case) -> ConsultantContact | None:
    """The case's assigned consultant, or None while nobody is assigned."""
    user = case.assigned_to
    if user is None:
        return None
    name = user.get_full_name() or user.get_username()
    return ConsultantContact(name=name, initials=initials_of(name), email=user.email)
