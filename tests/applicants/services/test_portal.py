"""The applicant's own writes that enqueue work: they go through the outbox, after the commit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from applicants.models import DataRequest
from applicants.services.people import create_applicant
from applicants.services.portal import request_data, send_sign_in_link
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_sign_in_link_is_queued_through_the_outbox_for_an_applicants_account():
    user = User.objects.create_user(username="lena@mail.example", email="lena@mail.example")
    create_applicant(full_name="Lena Fischer", email="lena@mail.example", user=user)

    send_sign_in_link(email=" LENA@mail.example ")

    message = OutboxMessage.objects.get()
    assert (message.task_name, message.args) == ("applicants.send_magic_link", [user.pk])


@pytest.mark.parametrize("email", ["nobody@mail.example", "staff@consultancy.example"])
def test_no_sign_in_link_is_queued_for_an_address_without_an_applicant_account(email):
    User.objects.create_user(username="staff", email="staff@consultancy.example", is_staff=True)

    send_sign_in_link(email=email)

    assert not OutboxMessage.objects.exists()


def test_asking_for_my_data_twice_keeps_one_request_and_tells_staff_once():
    applicant = create_applicant(full_name="Lena Fischer", email="lena@mail.example")

    first = request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT)
    second = request_data(applicant=applicant, kind=DataRequest.Kind.EXPORT)

    assert first.pk == second.pk
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("applicants.notify_data_request", [first.pk])
    ]
