"""Hypothesis posts generated data to every public form and to the API: never a 500.

Each case starts from valid answers and replaces, drops or adds fields with hostile values (huge
numbers, impossible dates, NUL bytes, markup, SQL, other scripts), so validation deep inside the forms
and the engine is reached, not only the first "required" check. Django's test client re-raises any
exception a view lets escape, so a would-be 500 fails the example with its traceback.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applicants.intake.flow import STEPS
from applicants.services.people import create_applicant
from applicants.tokens import make_resume_token
from tests.applicants.intake_answers import PLANS, answer_everything, prefixed, step_data
from tests.applicants.portal_helpers import SAVE
from tests.assessments.profiles import senior_engineer

from .conftest import UNLIMITED

pytestmark = pytest.mark.django_db

# Examples per form; together at least 2,000 posts.
BUDGET = {
    "api": 700,
    "intake": 600,
    "save": 200,
    "portal-login": 120,
    "magic-link": 80,
    "password-reset": 80,
    "first-password": 80,
    "staff-login": 120,
    "language": 80,
}
POSTED: Counter[str] = Counter()

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "NaN",
        "Infinity",
        "9" * 40,
        "-0.0000001",
        "2026-02-30",
        "0000-00-00",
        "9999-12-31",
        "yes",
        "no",
        "unknown",
        "on",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "../../etc/passwd",
        "陈嘉豪",
        "ª",
        "\u202e",
        "x" * 5000,
        "SGD",
        "zz",
        "https://evil.example/",
        "//evil.example",
    ]
)
VALUE = st.one_of(HOSTILE, st.text(max_size=60), st.integers().map(str), st.dates().map(str))


def _mutated(base: dict[str, str]) -> st.SearchStrategy[dict[str, str]]:
    """`base` with some fields replaced by hostile values, some dropped, some unknown ones added."""
    keys = sorted(base)
    return st.tuples(
        st.dictionaries(st.sampled_from(keys), VALUE, max_size=len(keys)) if keys else st.just({}),
        st.sets(st.sampled_from(keys), max_size=3) if keys else st.just(set()),
        st.dictionaries(st.text(max_size=20), VALUE, max_size=3),
    ).map(lambda parts: {k: v for k, v in {**base, **parts[0], **parts[2]}.items() if k not in parts[1]})


def _fuzz(name: str, strategy: st.SearchStrategy[Any], post: Callable[[Any], Any]) -> None:
    @settings(
        max_examples=BUDGET[name],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def run(data: Any) -> None:
        POSTED[name] += 1
        response = post(data)
        assert response.status_code < 500, (name, data, response.status_code)

    POSTED[name] = 0
    run()
    assert POSTED[name] >= BUDGET[name]


@pytest.fixture(autouse=True)
def _no_limits(settings) -> None:
    # The limits are tested elsewhere; here every generated post must reach the form itself.
    for rate in (
        "ASSESSMENT_API_RATE",
        "PORTAL_LOGIN_RATE",
        "STAFF_LOGIN_RATE",
        "INTAKE_SUBMIT_RATE",
        "INTAKE_STEP_RATE",
    ):
        setattr(settings, rate, UNLIMITED)
    settings.AXES_FAILURE_LIMIT = 10**6


def _step_fields(slug: str) -> dict[str, str]:
    step = next(s for s in STEPS if s.slug == slug)
    if step.is_list or slug in {"about", "pay", "plans", "achievements"}:
        return step_data(slug)
    form = step.build(None)
    assert isinstance(form, forms.Form)
    return {form.add_prefix(name): "" for name in form.fields}


def test_the_budgets_add_up_to_at_least_2000_posts() -> None:
    assert sum(BUDGET.values()) >= 2000


def test_intake_steps_never_answer_500() -> None:
    client = Client()
    answer_everything(client)
    # Every follow-up step applies, so each of them can be posted to.
    yes = dict.fromkeys(PLANS, "yes")
    client.post(reverse("applicants:intake-step", args=["plans"]), prefixed("plans", yes))
    forms = {step.slug: _step_fields(step.slug) for step in STEPS}
    strategy = st.sampled_from(sorted(forms)).flatmap(
        lambda slug: st.tuples(st.just(slug), _mutated(forms[slug]))
    )

    _fuzz(
        "intake",
        strategy,
        lambda item: client.post(reverse("applicants:intake-step", args=[item[0]]), item[1]),
    )


def test_saving_an_assessment_never_answers_500(celery_eager) -> None:
    client = Client()
    answer_everything(client)

    def post(data: dict[str, str]) -> Any:
        response = client.post(reverse("applicants:intake-save"), data)
        if response.status_code == 302 and "saved" in response["Location"]:
            answer_everything(client)  # saved: the answers left the session; start again
        return response

    _fuzz("save", _mutated(SAVE), post)


def test_the_portal_sign_in_forms_never_answer_500() -> None:
    client = Client()
    User.objects.create_user("lena@mail.example", email="lena@mail.example", password="A long passphrase 42")
    _fuzz(
        "portal-login",
        _mutated({"username": "lena@mail.example", "password": "A long passphrase 42"}),
        lambda data: client.post(reverse("applicants:portal-login"), data),
    )
    _fuzz(
        "magic-link",
        _mutated({"email": "lena@mail.example"}),
        lambda data: client.post(reverse("applicants:portal-magic-link"), data),
    )
    _fuzz(
        "password-reset",
        _mutated({"email": "lena@mail.example"}),
        lambda data: client.post(reverse("applicants:portal-password-reset"), data),
    )


def test_the_first_password_form_never_answers_500() -> None:
    applicant = create_applicant(full_name="Lena Fischer", email="new@mail.example")
    url = reverse("applicants:portal-resume", args=[make_resume_token(applicant)])
    _fuzz(
        "first-password",
        _mutated({"password1": "A long passphrase 42", "password2": "A long passphrase 42"}),
        lambda data: Client().post(url, data),
    )


def test_the_staff_sign_in_and_language_switch_never_answer_500() -> None:
    client = Client()
    _fuzz(
        "staff-login",
        _mutated({"username": "carla", "password": "pw", "next": "/admin/"}),
        lambda data: client.post(reverse("admin:login"), data),
    )
    _fuzz(
        "language",
        _mutated({"language": "zh-hans", "next": "/assessment/about/"}),
        lambda data: client.post(reverse("set_language"), data),
    )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | HOSTILE,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _profile_variant() -> st.SearchStrategy[Any]:
    profile = senior_engineer()
    return st.one_of(
        JSON,
        st.dictionaries(st.sampled_from(sorted(profile)), JSON, max_size=4).map(
            lambda patch: {**profile, **patch}
        ),
        st.sets(st.sampled_from(sorted(profile)), max_size=5).map(
            lambda dropped: {k: v for k, v in profile.items() if k not in dropped}
        ),
    )


def test_the_api_never_answers_500(client: Client) -> None:
    url = reverse("assessments-api:evaluate")

    def post(body: Any) -> Any:
        raw = body if isinstance(body, bytes) else json.dumps(body)
        return client.post(url, raw, content_type="application/json")

    strategy = st.one_of(_profile_variant(), st.binary(max_size=200))
    _fuzz("api", strategy, post)
