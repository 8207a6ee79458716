"""The case side speaks Simplified Chinese: the catalogue is complete and the admin uses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from applicants.admin.actions import assign_to_me
from applicants.dashboard import build_dashboard
from applicants.models import Case
from tests.applicants.factories import consultant, make_case

CATALOGUE = Path(__file__).resolve().parents[2] / "applicants" / "locale" / "zh_Hans" / "LC_MESSAGES"


def _joined(entry: str, keyword: str) -> str:
    match = re.search(rf'^{re.escape(keyword)} ((?:".*"\n?)+)', entry, re.M)
    return "".join(part[1:-1] for part in match.group(1).split("\n") if part) if match else ""


def test_the_catalogue_has_no_empty_or_fuzzy_translation_and_is_compiled():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = [e for e in po.split("\n\n") if _joined(e, "msgid")]  # skips the header

    assert len(entries) > 150
    assert "#, fuzzy" not in po
    untranslated = [
        _joined(e, "msgid") for e in entries if not (_joined(e, "msgstr") or _joined(e, "msgstr[0]"))
    ]
    assert untranslated == []
    assert (CATALOGUE / "django.mo").is_file()  # the next test proves it is current


@pytest.mark.django_db
def test_dashboard_statuses_and_actions_read_in_chinese_when_chinese_is_active():
    # The admin URLs sit outside i18n_patterns(prefix_default_language=False), so LocaleMiddleware
    # serves them in the default language; this checks the catalogue reaches our strings.
    alice = consultant("alice")
    make_case(assigned_to=alice, status="in_review", next_action_on=timezone.localdate())

    with translation.override("zh-hans"):
        panel = render_to_string(
            "applicants/admin/dashboard.html",
            {"dashboard": build_dashboard(alice, today=timezone.localdate(), now=timezone.now())},
        )
        status, action = str(Case.Status.IN_REVIEW.label), str(assign_to_me.short_description)  # type: ignore[attr-defined]

    assert "我的进行中案件" in panel
    assert "审核中" in panel
    assert (status, action) == ("审核中", "分配给我")
