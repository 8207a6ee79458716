"""Schemathesis hooks for the API contract test (SCHEMATHESIS_HOOKS=tests.security.schemathesis_hooks).

A JSON Schema cannot say that a role ends after it starts or that a birth date is before `as_of`; the
API answers such a profile with a documented 400 naming the field. Generated bodies that match the
schema but break one of those cross-field rules are therefore not "valid data", and are not sent as
such. Every other body is: schema-valid ones must be accepted (200), invalid ones refused (4xx).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import schemathesis
from pydantic import ValidationError

from assessments.engine import Profile, ProfileError, parse_profile


@schemathesis.hook
def filter_body(ctx: Any, body: Any) -> bool:
    if not isinstance(body, dict):
        return True
    today = date.today()
    try:
        Profile.model_validate({**body, "as_of": body.get("as_of") or today})
    except (ValidationError, TypeError, ValueError):
        return True  # schema-invalid: the API must refuse it
    try:
        parse_profile(body, default_as_of=today)
    except ProfileError:
        return False  # schema-valid, but breaks a cross-field rule the schema cannot express
    return True
