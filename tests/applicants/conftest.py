"""Fixtures for the case-management tests."""

from __future__ import annotations

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    # Many tests log users in; the real hasher is deliberately slow and proves nothing here.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield
