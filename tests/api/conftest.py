"""API clients, tokens, and the shared case fixtures."""

from __future__ import annotations

import base64

import pytest

from portal.api.auth import SCOPES, new_client
from tests.fixtures.staff_case import (  # noqa: F401 - shared fixtures
    colleague,
    foreign_officer,
    make_case,
    officer,
)


@pytest.fixture
def make_api_client(db, officer):  # noqa: F811 - the shared fixture, used here
    """(client_id, secret) for a client of `unit_id` (default: the officer's unit)."""

    def make(scopes=SCOPES, unit_id=None):
        client, secret = new_client("Testsystemet", unit_id or officer.unit_id, list(scopes))
        db.commit()
        return client.client_id, secret

    return make


def basic(client_id: str, secret: str) -> dict:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


@pytest.fixture
def bearer(client, make_api_client):
    """Headers with a fresh token for a client with `scopes`."""

    def make(scopes=SCOPES, unit_id=None):
        client_id, secret = make_api_client(scopes, unit_id)
        response = client.post(
            "/api/v1/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret)
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return {"Authorization": f"Bearer {response.json['access_token']}"}

    return make
