"""The order of the intake steps, which of them apply, and the answers kept in the session.

Answers are kept as the applicant typed them (per step, keyed by field name), only once the step
validated, so a back button or a Change link shows them again exactly. With them the step's profile
fragment is kept, so assessing (the busiest request) merges fragments instead of re-validating forms.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict
from django.utils.functional import Promise

from .base import StepForm, SummaryRow
from .steps.about import AboutForm
from .steps.achievements import AchievementsForm
from .steps.business import BusinessForm
from .steps.career import RoleFormSet
from .steps.cn_offer import ChinaOfferForm
from .steps.education import QualificationFormSet
from .steps.pay import PayForm
from .steps.plans import PlansForm
from .steps.sg_offer import SingaporeOfferForm

SESSION_KEY = "intake"
_IGNORED_KEYS = {"csrfmiddlewaretoken", "add", "next"}


def _always(profile: dict[str, Any]) -> bool:
    return True


def _no_options(profile: dict[str, Any]) -> dict[str, Any]:
    return {}


def _career_options(profile: dict[str, Any]) -> dict[str, Any]:
    """The career step asks whether each job is relevant to a China offer only once one was declared."""
    return {"form_kwargs": {"asks_china_relevance": profile.get("has_china_job_offer") is True}}


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: Any  # a form or formset class implementing StepForm
    applies: Callable[[dict[str, Any]], bool] = _always
    is_list: bool = False
    # The form's options that depend on earlier answers (the profile of the steps before it).
    options: Callable[[dict[str, Any]], dict[str, Any]] = _no_options

    @property
    def title(self) -> Promise:
        title: Promise = self.form_class.title
        return title

    def build(self, data: QueryDict | None = None, profile: dict[str, Any] | None = None) -> StepForm:
        """The step's form, bound to `data`; `profile` is what the steps before it answered."""
        form: StepForm = self.form_class(data, prefix=self.slug, **self.options(profile or {}))
        return form


# Hard gates first (age and degree for the K visa, salary for Tech.Pass), follow-ups only when relevant.
# The offers come before the career, so that the career step asks about a China offer's relevance only
# of someone who said they have one.
STEPS: tuple[Step, ...] = (
    Step("about", AboutForm),
    Step("education", QualificationFormSet, is_list=True),
    Step("pay", PayForm),
    Step("plans", PlansForm),
    Step("career", RoleFormSet, is_list=True, options=_career_options),
    Step("singapore-offer", SingaporeOfferForm, applies=lambda p: p.get("has_singapore_job_offer") is True),
    Step("china-offer", ChinaOfferForm, applies=lambda p: p.get("has_china_job_offer") is True),
    Step(
        "company",
        BusinessForm,
        applies=lambda p: p.get("business", {}).get("has_or_plans_singapore_company") is True,
    ),
    Step("achievements", AchievementsForm),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def merge(into: dict[str, Any], fragment: dict[str, Any]) -> None:
    """Merge a step's profile fragment; nested objects (e.g. `business`) are merged key by key."""
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value


@dataclass
class AnsweredStep:
    step: Step
    form: StepForm | None  # None: not answered yet

    @property
    def summary(self) -> list[SummaryRow]:
        return self.form.summary() if self.form is not None else []


class Answers:
    """The applicant's answers in their session: nothing is written anywhere else."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        stored = session.get(SESSION_KEY, {})
        self.raw: dict[str, dict[str, list[str]]] = stored.get("steps", {})
        self.fragments: dict[str, dict[str, Any]] = stored.get("fragments", {})

    def data_for(self, step: Step) -> QueryDict | None:
        stored = self.raw.get(step.slug)
        if stored is None:
            return None
        data = QueryDict(mutable=True)
        for key, values in stored.items():
            data.setlist(key, values)
        return data

    def save(self, step: Step, data: QueryDict, form: StepForm) -> None:
        """Keep a validated step: what was typed, and the profile fragment it makes.

        A later step whose answers no longer validate with this answer (a China offer now declared asks
        the career step one more question) loses its fragment, so it counts as unanswered everywhere.
        """
        prefix = f"{step.slug}-"
        self.raw[step.slug] = {
            key: data.getlist(key) for key in data if key.startswith(prefix) and key not in _IGNORED_KEYS
        }
        self.fragments[step.slug] = form.to_profile()
        for answered in self.walk():
            if answered.form is None:
                self.fragments.pop(answered.step.slug, None)
        self._store()

    def restore(self, raw: dict[str, dict[str, list[str]]]) -> None:
        """Take back answers kept elsewhere (a draft saved to continue later): each step that still
        validates is kept with its fragment, as if it had just been answered."""
        self.raw = {slug: values for slug, values in raw.items() if slug in STEPS_BY_SLUG}
        self.fragments = {}
        for answered in self.walk():
            if answered.form is not None:
                self.fragments[answered.step.slug] = answered.form.to_profile()
        self._store()

    def _store(self) -> None:
        self.session[SESSION_KEY] = {"steps": self.raw, "fragments": self.fragments}

    def clear(self) -> None:
        self.raw = {}
        self.fragments = {}
        self.session.pop(SESSION_KEY, None)

    @property
    def started(self) -> bool:
        return bool(self.raw)

    def walk(self) -> list[AnsweredStep]:
        """The steps that apply to these answers, in order, each with its validated form if answered.

        A stored answer that no longer validates (e.g. a rule in a form changed) counts as unanswered.
        """
        profile: dict[str, Any] = {}
        walked = []
        for step in STEPS:
            if not step.applies(profile):
                continue
            data = self.data_for(step)
            form = step.build(data, profile) if data is not None else None
            if form is not None and form.is_valid():
                merge(profile, form.to_profile())
            else:
                form = None
            walked.append(AnsweredStep(step, form))
        return walked

    def profile_before(self, current: Step) -> dict[str, Any]:
        """What the answered steps before `current` make of the profile (a form's options need it)."""
        profile: dict[str, Any] = {}
        for step in STEPS:
            if step == current:
                break
            if step.applies(profile) and step.slug in self.fragments:
                merge(profile, copy.deepcopy(self.fragments[step.slug]))
        return profile

    def first_unanswered(self) -> Step | None:
        """Where someone coming back left off: the first step that applies and has no answer."""
        return next((answered.step for answered in self.walk() if answered.form is None), None)

    def profile(self) -> dict[str, Any] | None:
        """The assembled contract profile, or None while a step that applies is unanswered."""
        profile: dict[str, Any] = {}
        for step in STEPS:
            if not step.applies(profile):
                continue
            fragment = self.fragments.get(step.slug)
            if fragment is None:
                return None
            merge(profile, copy.deepcopy(fragment))
        return profile
