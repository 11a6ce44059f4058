"""The token endpoint is throttled and a client's live tokens are capped (issue 11, finding 10)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.api.models import ApiToken
from tests.conftest import make_config

from .conftest import basic

TOKEN = "/api/v1/token"
GRANT = {"grant_type": "client_credentials"}


@pytest.fixture
def app_config(database_url, instance_dir):
    return make_config(database_url, instance_dir, RATELIMIT_API_TOKEN_FAILURES="5 per minute",
                       RATELIMIT_API_TOKEN="8 per minute", API_MAX_LIVE_TOKENS=3)


def test_wrong_secrets_are_refused_with_429_after_a_few(client, make_api_client):
    client_id, _secret = make_api_client()

    statuses = [client.post(TOKEN, data=GRANT, headers=basic(client_id, f"guess-{n}")).status_code
                for n in range(30)]
    refused = client.post(TOKEN, data=GRANT, headers=basic(client_id, "one-more"))

    assert statuses == [401] * 5 + [429] * 25
    assert refused.get_json()["error"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0


def test_every_token_request_counts_per_address(client, make_api_client):
    client_id, secret = make_api_client()

    statuses = [client.post(TOKEN, data=GRANT, headers=basic(client_id, secret)).status_code
                for _ in range(10)]

    assert statuses == [200] * 8 + [429] * 2


def test_a_client_holds_only_a_few_live_tokens(app, client, make_api_client):
    client_id, secret = make_api_client()
    tokens = [client.post(TOKEN, data=GRANT, headers=basic(client_id, secret)).get_json()["access_token"]
              for _ in range(6)]

    def works(token):
        return client.get("/api/v1/applications", headers={"Authorization": f"Bearer {token}"}).status_code

    assert [works(token) for token in tokens] == [401] * 3 + [200] * 3
    with app.extensions["db_engine"].connect() as connection:
        assert connection.execute(select(func.count()).select_from(ApiToken)).scalar_one() == 3
