"""For every object URL (case, document, letter, export, and the person and snapshot records behind them),
applicant A and a consultant not assigned to B's case get 403 or 404 on applicant B's objects, while
B and B's own consultant get through (so the refusals are not an accident of the URL).

Then the attacks of the penetration test (issue 15): re-pointing a foreign key a scoped user can set
(a case's applicant, an applicant's portal account, a checklist item's case) to escape the scope, and
the staff/portal separation (a staff account is never an applicant, never gets a portal link, and the
portal refuses staff sessions)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.identity import is_staff_identity
from applicants.access import CONSULTANT_GROUP
from applicants.errors import AccessDenied
from applicants.models import Applicant, Case
from applicants.services.cases import open_case
from applicants.services.documents import add_checklist_item
from applicants.services.people import change_applicant_email, create_applicant
from applicants.tokens import make_magic_token, read_magic_token
from tests.applicants.adminpost import case_form_data
from tests.applicants.factories import PASSWORD
from tests.applicants.portal_helpers import PDF

from .conftest import Person, World

pytestmark = pytest.mark.django_db


def _portal_urls(b: Person) -> list[tuple[str, str]]:
    return [
        ("get", reverse("applicants:portal-case", args=[b.case.reference])),
        ("get", reverse("applicants:portal-document", args=[b.document.pk])),
        ("post", reverse("applicants:portal-upload", args=[b.document.pk])),
        ("get", reverse("applicants:portal-data-export", args=[b.export.pk])),
        ("get", reverse("portal-letter-download", args=[b.letter.pk])),
    ]


def _admin_urls(b: Person) -> list[tuple[str, str]]:
    objects = {
        "applicants_case": b.case.pk,
        "applicants_applicant": b.applicant.pk,
        "applicants_datarequest": b.export.pk,
        "assessments_assessment": b.letter.assessment_id,
        "letters_adviceletter": b.letter.pk,
    }
    urls = [
        ("get", reverse(f"admin:{prefix}_{view}", args=[pk]))
        for prefix, pk in objects.items()
        for view in ("change", "history", "delete")
    ]
    return [
        *urls,
        ("post", reverse("admin:applicants_case_change", args=[b.case.pk])),
        ("get", reverse("admin:applicants_case_auditlog", args=[b.case.pk])),
        ("get", reverse("admin:applicants_case_document", args=[b.case.pk, b.document.pk])),
        ("get", reverse("admin:applicants_case_letter", args=[b.case.pk, b.letter.pk])),
        ("get", reverse("admin:applicants_case_request_letter", args=[b.case.pk])),
        ("get", reverse("admin:applicants_applicant_access_log", args=[b.applicant.pk])),
        ("get", reverse("admin:applicants_datarequest_download", args=[b.export.pk])),
    ]


def _request(client: Client, method: str, url: str) -> Any:
    if method == "post":
        return client.post(url, {"file": SimpleUploadedFile("x.pdf", PDF)})
    return client.get(url)


def _not_refused(client: Client, urls: list[tuple[str, str]]) -> list[tuple[str, int]]:
    return [
        (url, status)
        for method, url in urls
        if (status := _request(client, method, url).status_code) not in (403, 404)
    ]


def test_applicant_a_cannot_reach_any_of_bs_objects(world: World) -> None:
    a = world.a.client()

    assert _not_refused(a, _portal_urls(world.b) + _admin_urls(world.b)) == []


def test_a_consultant_not_assigned_cannot_reach_any_of_bs_objects(world: World) -> None:
    outsider = world.staff(world.outsider)

    assert _not_refused(outsider, _portal_urls(world.b) + _admin_urls(world.b)) == []


@pytest.mark.parametrize(
    ("name", "attr"),
    [("admin:applicants_case_document", "document"), ("admin:applicants_case_letter", "letter")],
)
def test_bs_files_cannot_be_reached_through_a_case_the_consultant_works_on(
    world: World, name: str, attr: str
) -> None:
    outsider = world.staff(world.outsider)  # works on A's case

    theirs = reverse(name, args=[world.a.case.pk, getattr(world.b, attr).pk])
    own = reverse(name, args=[world.a.case.pk, getattr(world.a, attr).pk])

    assert outsider.get(theirs).status_code == 404
    assert outsider.get(own).status_code == 200


def test_b_and_bs_consultant_do_reach_them(world: World) -> None:
    b = world.b.client()
    for method, url in _portal_urls(world.b):
        if method == "get":
            assert b.get(url).status_code == 200, url
    assigned = world.staff(world.assigned)
    assert assigned.get(reverse("admin:applicants_case_change", args=[world.b.case.pk])).status_code == 200
    document = reverse("admin:applicants_case_document", args=[world.b.case.pk, world.b.document.pk])
    assert assigned.get(document).status_code == 200
    letter = reverse("admin:applicants_case_letter", args=[world.b.case.pk, world.b.letter.pk])
    assert assigned.get(letter).status_code == 200
    manager = world.staff(world.manager)
    assert (
        manager.get(reverse("admin:applicants_datarequest_download", args=[world.b.export.pk])).status_code
        == 200
    )


# --- Re-pointing foreign keys: a scoped user may only point a record at objects in their scope ------------


def _applicant_form_data(applicant: Applicant, **changes: Any) -> dict[str, Any]:
    """The applicant change page's POST body (its read-only inlines post empty management forms)."""
    data: dict[str, Any] = {
        "full_name": applicant.full_name,
        "email": applicant.email,
        "phone": applicant.phone,
        "nationality": applicant.nationality,
        "date_of_birth": applicant.date_of_birth.isoformat() if applicant.date_of_birth else "",
        "preferred_language": applicant.preferred_language,
        "passport_number": "",
    }
    for prefix in ("consents", "cases"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    return data


def test_a_consultant_cannot_re_point_their_own_case_at_another_applicant(world: World) -> None:
    outsider = world.staff(world.outsider)  # works on A's case only
    url = reverse("admin:applicants_case_change", args=[world.a.case.pk])
    data = {**case_form_data(world.a.case), "applicant": world.b.applicant.pk}

    outsider.post(url, data)

    world.a.case.refresh_from_db()
    assert world.a.case.applicant_id == world.a.applicant.pk
    b_page = reverse("admin:applicants_applicant_change", args=[world.b.applicant.pk])
    assert outsider.get(b_page).status_code == 404


def test_a_consultant_cannot_open_a_case_for_an_applicant_outside_their_scope(world: World) -> None:
    outsider = world.staff(world.outsider)
    before = Case.objects.filter(applicant=world.b.applicant).count()

    response = outsider.post(
        reverse("admin:applicants_case_add"),
        {"applicant": world.b.applicant.pk, "pathways": ["sg_tech_pass"], "priority": Case.Priority.NORMAL},
    )

    assert response.status_code == 200  # the form again, with an error on the applicant
    assert Case.objects.filter(applicant=world.b.applicant).count() == before


def test_the_case_service_refuses_an_applicant_outside_the_users_scope(world: World) -> None:
    with pytest.raises(AccessDenied):
        open_case(applicant=world.b.applicant, pathways=["sg_tech_pass"], by=world.outsider)


def test_a_checklist_item_cannot_be_moved_to_another_case_through_the_inline(world: World) -> None:
    outsider = world.staff(world.outsider)
    document = world.a.document
    data = case_form_data(
        world.a.case,
        documents=[{"id": document.pk, "name": document.name, "is_required": "on"}],
    )
    data["documents-0-case"] = world.b.case.pk

    outsider.post(reverse("admin:applicants_case_change", args=[world.a.case.pk]), data)

    document.refresh_from_db()
    assert document.case_id == world.a.case.pk


def test_a_consultant_cannot_bind_an_applicant_to_any_user_account(world: World) -> None:
    outsider = world.staff(world.outsider)
    url = reverse("admin:applicants_applicant_change", args=[world.a.applicant.pk])

    outsider.post(url, _applicant_form_data(world.a.applicant, user=world.manager.pk))

    world.a.applicant.refresh_from_db()
    assert world.a.applicant.user_id == world.a.user.pk


def test_a_consultant_cannot_change_an_applicants_e_mail(world: World) -> None:
    outsider = world.staff(world.outsider)
    url = reverse("admin:applicants_applicant_change", args=[world.a.applicant.pk])

    outsider.post(url, _applicant_form_data(world.a.applicant, email="attacker@evil.example"))

    world.a.applicant.refresh_from_db()
    assert world.a.applicant.email == "alice@mail.example"


def test_a_case_manager_changes_an_e_mail_and_the_portal_login_follows(world: World) -> None:
    manager = world.staff(world.manager)
    url = reverse("admin:applicants_applicant_change", args=[world.a.applicant.pk])

    response = manager.post(url, _applicant_form_data(world.a.applicant, email="Alice.New@mail.example"))

    assert response.status_code == 302, response.content.decode()[:3000]
    world.a.applicant.refresh_from_db()
    world.a.user.refresh_from_db()
    assert world.a.applicant.email == "Alice.New@mail.example"
    assert (world.a.user.username, world.a.user.email) == ("alice.new@mail.example", "Alice.New@mail.example")


def test_the_e_mail_service_refuses_a_consultant(world: World) -> None:
    with pytest.raises(AccessDenied):
        change_applicant_email(applicant=world.a.applicant, email="x@mail.example", by=world.outsider)


# --- Staff and applicant identities never mix --------------------------------------------------------------


def test_a_staff_user_can_never_be_linked_to_an_applicant(world: World) -> None:
    with pytest.raises(ValidationError):
        create_applicant(full_name="Max Muster", email="max@mail.example", user=world.assigned)
    world.b.applicant.user = world.manager
    with pytest.raises(ValidationError):
        world.b.applicant.full_clean()


def test_a_user_in_a_staff_group_counts_as_staff_even_without_the_staff_flag(world: World) -> None:
    world.a.user.groups.add(Group.objects.get(name=CONSULTANT_GROUP))

    assert is_staff_identity(world.a.user)
    assert not is_staff_identity(world.b.user)


def test_a_staff_user_never_receives_a_portal_sign_in_link(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # The state the penetration test reached through the admin: an applicant bound to a staff account.
    Applicant.objects.filter(pk=world.b.applicant.pk).update(user=world.manager)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("applicants:portal-magic-link"), {"email": world.manager.email})

    assert mail.outbox == []
    assert read_magic_token(make_magic_token(world.manager)) is None


def test_the_portal_refuses_a_staff_session(world: World) -> None:
    Applicant.objects.filter(pk=world.b.applicant.pk).update(user=world.assigned)
    assigned = world.staff(world.assigned)

    assert assigned.get(reverse("applicants:portal-home")).status_code == 403
    assert _not_refused(assigned, _portal_urls(world.b)) == []


def test_the_portal_sign_in_form_refuses_staff_credentials(world: World) -> None:
    staff = world.assigned
    staff.username = staff.email  # as the portal's accounts are named
    staff.save(update_fields=["username"])

    response = Client().post(
        reverse("applicants:portal-login"), {"username": staff.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def test_the_checklist_service_refuses_a_case_outside_the_users_scope(world: World) -> None:
    with pytest.raises(AccessDenied):
        add_checklist_item(case=world.b.case, name="Bank statement", by=world.outsider)
