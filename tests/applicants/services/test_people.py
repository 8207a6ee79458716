"""The people services: one applicant per e-mail in any capitals, only a passport number's last four,
and an e-mail address changed only by a case manager."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from applicants.errors import AccessDenied
from applicants.models import Applicant
from applicants.services.people import change_applicant_email, create_applicant, update_applicant
from tests.applicants.factories import case_manager, consultant, make_applicant

pytestmark = pytest.mark.django_db


def _correct(applicant: Applicant, **changes: Any) -> Applicant:
    fields: dict[str, Any] = {
        "full_name": applicant.full_name,
        "nationality": applicant.nationality,
        "date_of_birth": applicant.date_of_birth,
        "preferred_language": applicant.preferred_language,
        "phone": applicant.phone,
    }
    fields.update(changes)
    return update_applicant(applicant=applicant, **fields)


def test_correcting_an_applicant_normalises_like_creating_one():
    applicant = create_applicant(full_name="Lena Fischer", email="lena@mail.example")

    _correct(applicant, nationality="de", passport_number="c01x-00t68")
    corrected = change_applicant_email(
        applicant=applicant, email=" Lena.Fischer@MAIL.Example ", by=case_manager()
    )

    corrected.refresh_from_db()
    assert (corrected.email, corrected.nationality, corrected.passport_last4) == (
        "Lena.Fischer@mail.example",
        "DE",
        "0T68",
    )


def test_correcting_an_e_mail_to_another_applicants_in_other_capitals_is_refused():
    make_applicant(email="li.ming@mail.example")
    applicant = make_applicant(email="wang.fang@mail.example")

    with pytest.raises(ValidationError, match="Another applicant already uses"):
        change_applicant_email(applicant=applicant, email="LI.MING@mail.example", by=case_manager())


def test_correcting_an_applicant_may_keep_their_own_e_mail_in_other_capitals():
    applicant = make_applicant(email="wang.fang@mail.example")

    changed = change_applicant_email(applicant=applicant, email="Wang.Fang@mail.example", by=case_manager())

    assert changed.email == "Wang.Fang@mail.example"


def test_a_consultant_cannot_change_an_applicants_e_mail_and_nothing_changes():
    applicant = make_applicant(email="wang.fang@mail.example")

    with pytest.raises(AccessDenied):
        change_applicant_email(applicant=applicant, email="someone.else@mail.example", by=consultant())

    applicant.refresh_from_db()
    assert applicant.email == "wang.fang@mail.example"


def test_correcting_an_applicant_leaves_their_e_mail_as_it_was():
    applicant = make_applicant(email="wang.fang@mail.example")

    assert _correct(applicant, full_name="Fang Wang").email == "wang.fang@mail.example"


def test_a_passport_number_that_cannot_be_one_is_refused_and_nothing_changes():
    applicant = make_applicant(full_name="Wang Fang")

    with pytest.raises(ValidationError, match="5 to 20 letters and digits"):
        _correct(applicant, full_name="Fang Wang", passport_number="12")

    applicant.refresh_from_db()
    assert applicant.full_name == "Wang Fang"
