"""After a validation error the error summary takes focus, with and without JavaScript, under the CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from .intake_answers import step_data

pytestmark = pytest.mark.django_db


def test_the_error_summary_is_focusable_and_autofocused(client: Client) -> None:
    data = step_data("plans")
    del data["plans-has_china_job_offer"]

    page = client.post("/assessment/plans/", data).content.decode()

    summary = re.search(r'<div[^>]*id="error-summary"[^>]*>', page)
    assert summary is not None
    assert 'tabindex="-1"' in summary.group(0)
    assert "autofocus" in summary.group(0)


def test_the_focus_script_is_a_static_file_the_policy_allows(client: Client) -> None:
    response = client.get("/assessment/about/")

    assert re.search(
        r'<script src="/static/js/error-summary[^"]*\.js" defer></script>', response.content.decode()
    )
    assert "<script>" not in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert finders.find("js/error-summary.js") is not None
