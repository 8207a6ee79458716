"""The recurring cast: applicants, consultants, case managers and cases."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.contrib.auth.models import Group, User

from applicants.access import CASE_MANAGER_GROUP, CONSULTANT_GROUP
from applicants.models import Applicant, Case, Document
from applicants.models.cases import generate_reference
from assessments.models import Assessment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@consultancy.example")
    is_staff = True
    password = factory.django.Password("pw-for-tests-only")


def consultant(username: str = "", **kwargs: Any) -> User:
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
    return user


def case_manager(username: str = "", **kwargs: Any) -> User:
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(Group.objects.get(name=CASE_MANAGER_GROUP))
    return user


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    full_name = factory.Sequence(lambda n: f"Applicant Number{n}")
    email = factory.Sequence(lambda n: f"applicant{n}@mail.example")
    nationality = "DE"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.LazyFunction(generate_reference)
    applicant = factory.SubFactory(ApplicantFactory)

    @factory.post_generation
    def pathways(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create:
            self.pathways.set(extracted if extracted is not None else ["sg_tech_pass"])


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"Document {n}")


def snapshot(case: Case, **kwargs: Any) -> Assessment:
    """A stored assessment for `case`, as the engine would have written it (for guard and admin tests)."""
    defaults: dict[str, Any] = {
        "applicant": case.applicant,
        "case": case,
        "as_of": date(2026, 11, 24),
        "inputs": {"nationality": "DE"},
        "results": {"results": [{"pathway": "sg_tech_pass", "outcome": "eligible"}]},
        "rule_versions": {"sg_tech_pass": "sg_tech_pass/test"},
        "engine_version": "test",
    }
    defaults.update(kwargs)
    return Assessment.objects.create(**defaults)
