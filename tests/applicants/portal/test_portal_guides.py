"""The portal guides: the checklist by route with why each item is needed and its progress, only for
the routes the case pursues; the consultant from their staff profile; "my result" presented as the
result page presents it, with the consultant's recommendation when they overrode the engine's."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from applicants.models import Case, Document
from applicants.services.cases import override_recommendation
from applicants.services.documents import add_checklist_item
from assessments.engine import pathways as engine_pathways
from assessments.presentation import _DOCUMENT_PURPOSES, document_purpose
from staff.models import StaffProfile
from tests.applicants.factories import consultant
from tests.applicants.portal_helpers import open_portal, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

CHINA_CONTRACT = "Employment contract with the Chinese employer (the employer applies online)"


@pytest.fixture(autouse=True)
def private_storage(tmp_path: Path, settings) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "consultancy.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def page(client: Client, case: Case, language: str = "en", name: str = "applicants:portal-case") -> str:
    path = reverse(name, args=[case.reference])
    return client.get(path if language == "en" else f"/{language}{path}").content.decode()


def sections(html: str) -> dict[str, list[str]]:
    """Each checklist section's heading → the item names under it, in page order."""
    found: dict[str, list[str]] = {}
    for block in re.findall(r'<details class="mb-4 checklist-section".*?</details>', html, re.S):
        heading = re.search(r"<h3[^>]*>(.*?)<span|<h3[^>]*>(.*?)</h3>", block, re.S)
        assert heading
        title = " ".join((heading.group(1) or heading.group(2)).split())
        found[title] = [" ".join(name.split()) for name in re.findall(r'<h4 class="h6">([^<]*)', block)]
    return found


@pytest.fixture
def case(client: Client, django_capture_on_commit_callbacks) -> Case:
    """A saved applicant without a China offer: Tech.Pass, ONE Pass and the K visa are pursued."""
    applicant = open_portal(client, django_capture_on_commit_callbacks)
    case = applicant.cases.get()
    assert sorted(p.code for p in case.pathways.all()) == ["cn_k_visa", "sg_one_pass", "sg_tech_pass"]
    return case


def test_the_checklist_is_grouped_by_the_route_each_item_serves(client: Client, case: Case) -> None:
    found = sections(page(client, case))
    assert list(found) == ["For the Tech.Pass", "For the ONE Pass", "For the K visa"]
    assert found["For the Tech.Pass"][0] == "Passport bio page"
    assert "Degree certificate and transcript (STEM bachelor&#x27;s or higher)" in found["For the K visa"]
    assert sum(len(names) for names in found.values()) == case.documents.count()


def test_each_item_says_why_it_is_needed_in_both_languages(client: Client, case: Case) -> None:
    html = page(client, case)
    assert html.count("Why we need this:") == case.documents.count()
    assert "It proves who you are and your nationality; every application starts with it." in html
    chinese = page(client, case, "zh-hans")
    assert chinese.count("为什么需要：") == case.documents.count()
    assert "用于证明您的身份和国籍；每份申请都从它开始。" in chinese
    assert "用于科技准证" in chinese or "用于Tech.Pass" in chinese


def test_progress_counts_done_of_required_per_route_and_overall(
    client: Client, case: Case, django_capture_on_commit_callbacks
) -> None:
    total = case.documents.filter(is_required=True).count()
    passport = case.documents.get(name="Passport bio page")
    tech_pass_items = len(sections(page(client, case))["For the Tech.Pass"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applicants:portal-upload", args=[passport.pk]), {"file": pdf()})
    html = page(client, case)
    assert f"1 of {total} required documents sent" in html
    assert re.search(rf'For the Tech.Pass\s*<span[^>]*section-progress">1 of {tech_pass_items}</span>', html)
    assert f"已完成 1 / {tech_pass_items}" in page(client, case, "zh-hans")


def test_no_china_employer_item_for_someone_not_pursuing_a_china_work_permit(
    client: Client, case: Case
) -> None:
    # An item of a route the case does not pursue (left from an earlier assessment, say) is not shown.
    add_checklist_item(case=case, name=CHINA_CONTRACT)
    html = page(client, case)
    assert "Employment contract with the Chinese employer" not in html
    assert all(CHINA_CONTRACT not in names for names in sections(html).values())
    assert f"1 of {case.documents.count() - 1}" not in html  # and it is not counted
    total = case.documents.filter(is_required=True).exclude(name=CHINA_CONTRACT).count()
    assert f"0 of {total} required documents sent" in html


def test_a_consultants_override_narrows_the_checklist_to_the_routes_they_chose(
    client: Client, case: Case
) -> None:
    adviser = consultant("jwong", first_name="Jia", last_name="Wong")
    Case.objects.filter(pk=case.pk).update(assigned_to=adviser)
    case.refresh_from_db()
    override_recommendation(
        case=case, pathways=["sg_tech_pass"], reason="Tech.Pass is faster for you.", by=adviser
    )
    found = sections(page(client, case))
    assert list(found) == ["For the Tech.Pass"]


def test_items_the_consultant_added_come_last_with_their_own_reason(client: Client, case: Case) -> None:
    add_checklist_item(case=case, name="Marriage certificate")
    found = sections(page(client, case))
    assert list(found)[-1] == "Asked for by your consultant"
    assert found["Asked for by your consultant"] == ["Marriage certificate"]
    assert "Your consultant asked for it for your application" in page(client, case)


def test_every_document_the_engine_can_ask_for_has_a_reason() -> None:
    asked: set[str] = set()
    for module_info in pkgutil.iter_modules(engine_pathways.__path__):
        module = importlib.import_module(f"{engine_pathways.__name__}.{module_info.name}")
        for messages in getattr(module, "DOCUMENTS", {}).values():
            asked.update(message.id for message in messages)
    asked.add(importlib.import_module(f"{engine_pathways.__name__}.common").PASSPORT.id)
    assert len(asked) >= 25
    assert asked <= set(_DOCUMENT_PURPOSES)
    assert document_purpose("Something a consultant typed").startswith("Your consultant asked for it")


def test_the_consultant_shows_with_their_staff_profile(client: Client, case: Case) -> None:
    adviser = consultant("cmendes", first_name="Carla", last_name="M", email="carla@firm.example")
    StaffProfile.objects.create(
        user=adviser,
        display_name="Carla Mendes",
        title="Senior immigration consultant",
        phone="+65 6123 4567",
    )
    Case.objects.filter(pk=case.pk).update(assigned_to=adviser)
    html = page(client, case)
    assert '<span class="consultant-name fw-semibold">Carla Mendes</span>' in html
    assert ">CM</span>" in html
    assert "Senior immigration consultant" in html
    assert 'href="tel:+6561234567"' in html
    assert 'href="mailto:carla@firm.example"' in html


def test_my_result_is_linked_from_the_home_and_the_case_and_presented_as_the_result_page(
    client: Client, case: Case
) -> None:
    url = reverse("applicants:portal-result", args=[case.reference])
    assert f'href="{url}"' in client.get(reverse("applicants:portal-home")).content.decode()
    assert f'href="{url}"' in page(client, case)
    html = page(client, case, name="applicants:portal-result")
    assert "<h1>My result</h1>" in html
    # The result page's parts: the recommendation, the countries side by side, the routes in detail.
    assert 'class="card border-primary border-2 mb-4 advice"' in html
    assert "Our recommendation: Tech.Pass" in html
    assert "Singapore and China side by side" in html
    assert "Your routes in detail" in html
    chinese = page(client, case, "zh-hans", name="applicants:portal-result")
    assert "<h1>我的结果</h1>" in chinese


def test_my_result_shows_the_consultants_choice_when_they_overrode_the_recommendation(
    client: Client, case: Case
) -> None:
    adviser = consultant("jwong", first_name="Jia", last_name="Wong")
    Case.objects.filter(pk=case.pk).update(assigned_to=adviser)
    case.refresh_from_db()
    override_recommendation(
        case=case, pathways=["cn_k_visa"], reason="Your K visa can be filed now.", by=adviser
    )
    html = page(client, case, name="applicants:portal-result")
    assert "Our recommendation: K visa" in html
    assert "Chosen for you by your consultant, Jia Wong." in html
    assert "Your K visa can be filed now." in html
    assert "Our recommendation: K visa" in page(client, case)  # the case page's summary agrees


def test_my_result_of_another_applicants_case_is_not_found(client: Client, case: Case) -> None:
    other = Client()
    assert other.get(reverse("applicants:portal-result", args=[case.reference])).status_code == 302
    response = client.get(reverse("applicants:portal-result", args=["TP-NOSUCH"]))
    assert response.status_code == 404


def test_a_case_without_any_item_still_says_so(client: Client, case: Case) -> None:
    Document.objects.filter(case=case).delete()
    assert "Your consultant has not asked for any document yet." in page(client, case)


def test_one_route_is_open_at_a_time_the_first_with_something_left_to_send(
    client: Client, case: Case, django_capture_on_commit_callbacks
) -> None:
    html = page(client, case)
    opened = re.findall(
        r'<details class="mb-4 checklist-section" open>\s*<summary[^>]*><h3[^>]*>([^<]*)', html
    )
    assert [" ".join(title.split()) for title in opened] == ["For the Tech.Pass"]
    names = sections(html)["For the Tech.Pass"]
    with django_capture_on_commit_callbacks(execute=True):
        for document in case.documents.filter(name__in=[n.replace("&#x27;", "'") for n in names]):
            client.post(reverse("applicants:portal-upload", args=[document.pk]), {"file": pdf()})
    html = page(client, case)
    opened = re.findall(
        r'<details class="mb-4 checklist-section" open>\s*<summary[^>]*><h3[^>]*>([^<]*)', html
    )
    assert [" ".join(title.split()) for title in opened] == ["For the ONE Pass"]
