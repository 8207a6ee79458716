"""The applicant's consultant as the portal shows them: name, initials, title and how to reach them.

The one place the portal reads the assigned staff user: their staff profile (`staff.profiles.profile_for`:
the display name, title and phone applicants see; the user's own name when they have no profile).
"""

from __future__ import annotations

from dataclasses import dataclass

from staff.profiles import profile_for

from ..models import Case


@dataclass(frozen=True)
class ConsultantContact:
    name: str
    initials: str
    email: str
    title: str = ""
    phone: str = ""


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
    profile = profile_for(user)
    name = profile.display_name
    return ConsultantContact(
        name=name, initials=initials_of(name), email=user.email, title=profile.title, phone=profile.phone
    )
