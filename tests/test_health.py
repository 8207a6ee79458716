from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_ok(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_healthz_is_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("consultancy.health.connection.cursor", side_effect=OSError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_is_503_when_the_broker_is_unreachable(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consultancy.celery import app

    saved = app.conf.broker_url, app.conf.broker_transport_options
    # A real connection attempt to a closed port, not a mock. Celery reads CELERY_BROKER_URL from the
    # environment before its own configuration, so both change.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    app.conf.update(broker_url="redis://127.0.0.1:1/0", broker_transport_options={})
    try:
        response = client.get("/healthz")
    finally:
        app.conf.update(broker_url=saved[0], broker_transport_options=saved[1])

    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


def test_healthz_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
