"""The recurring cast: applicants, consultants, case managers, cases, documents and snapshots.

Plain typed functions (factory_boy's classes are untyped, and mypy checks the tests too).
"""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import start_staff_session
from applicants.access import CASE_MANAGER_GROUP, CONSULTANT_GROUP
from applicants.models import Applicant, Case, Document, Pathway
from applicants.models.cases import generate_reference
from assessments.models import Assessment
from assessments.services import rule_versions_in_force

PASSWORD = "pw-for-tests-only"
_serial = itertools.count(1)


def make_user(username: str = "", **kwargs: Any) -> User:
    """A staff user (unless is_staff=False) with a confirmed authenticator device, as after enrolment."""
    username = username or f"user{next(_serial)}"
    fields: dict[str, Any] = {"email": f"{username}@consultancy.example", "is_staff": True}
    fields.update(kwargs)
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    if user.is_staff:
        TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    return user


def staff_login(client: Client, user: User) -> Client:
    """Sign `user` in as after both steps: password (force_login) and their TOTP device's code."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    start_staff_session(session)
    session.save()
    return client


def consultant(username: str = "", **kwargs: Any) -> User:
    user = make_user(username, **kwargs)
    user.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
    return user


def case_manager(username: str = "", **kwargs: Any) -> User:
    user = make_user(username, **kwargs)
    user.groups.add(Group.objects.get(name=CASE_MANAGER_GROUP))
    return user


def _letters(n: int) -> str:
    return "".join("abcdefghij"[int(digit)] for digit in str(n)).capitalize()


def make_applicant(**kwargs: Any) -> Applicant:
    n = next(_serial)
    fields: dict[str, Any] = {
        "full_name": f"Applicant {_letters(n)}",  # names hold no digits (applicants.names)
        "email": f"applicant{n}@mail.example",
        "nationality": "DE",
    }
    fields.update(kwargs)
    return Applicant.objects.create(**fields)


def make_case(*, pathways: list[str] | None = None, **kwargs: Any) -> Case:
    fields: dict[str, Any] = {"reference": generate_reference()}
    fields.update(kwargs)
    if "applicant" not in fields:
        fields["applicant"] = make_applicant()
    case = Case.objects.create(**fields)
    case.pathways.set(Pathway.objects.filter(code__in=pathways if pathways is not None else ["sg_tech_pass"]))
    return case


def make_document(**kwargs: Any) -> Document:
    fields: dict[str, Any] = {"name": f"Document {next(_serial)}"}
    fields.update(kwargs)
    if "case" not in fields:
        fields["case"] = make_case()
    return Document.objects.create(**fields)


def snapshot(case: Case, **kwargs: Any) -> Assessment:
    """A stored snapshot for `case` with today's rule versions (for guard, admin and digest tests).

    Tests of the snapshot itself use `run_assessment` with a real profile instead.
    """
    today = timezone.localdate()
    fields: dict[str, Any] = {
        "applicant": case.applicant,
        "case": case,
        "as_of": today,
        "inputs": {"nationality": "DE"},
        "results": {"results": [{"pathway": "sg_tech_pass", "outcome": "eligible"}]},
        "rule_versions": rule_versions_in_force(on=today),
        "engine_version": "test",
    }
    fields.update(kwargs)
    return Assessment.objects.create(**fields)
