"""OAuth 2 client credentials: tokens, scopes, revocation, and what is stored."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

from portal.api.cli import api_clients_cli
from portal.api.models import ApiClient, ApiToken
from tests.api.conftest import basic


def test_token_for_valid_client(client, make_api_client, db):
    client_id, secret = make_api_client(["applications:read"])
    response = client.post("/api/v1/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret))
    assert response.status_code == 200
    body = response.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == 600
    assert body["scope"] == "applications:read"
    assert response.headers["Cache-Control"] == "no-store"
    # Neither the secret nor the token is stored in clear.
    stored = db.scalars(select(ApiToken)).one()
    assert body["access_token"] not in stored.token_hash
    assert secret not in db.scalars(select(ApiClient)).one().secret_hash


def test_wrong_secret_unknown_client_and_bad_grant(client, make_api_client):
    client_id, secret = make_api_client()
    for headers in (basic(client_id, "wrong"), basic("msc_nobody", secret), {}):
        response = client.post("/api/v1/token", data={"grant_type": "client_credentials"}, headers=headers)
        assert response.status_code == 401 and response.json["error"] == "invalid_client"
    response = client.post("/api/v1/token", data={"grant_type": "password"}, headers=basic(client_id, secret))
    assert response.status_code == 400 and response.json["error"] == "unsupported_grant_type"


def test_scope_may_be_narrowed_not_widened(client, make_api_client):
    client_id, secret = make_api_client(["applications:read"])
    wider = client.post(
        "/api/v1/token",
        headers=basic(client_id, secret),
        data={"grant_type": "client_credentials", "scope": "applications:read decisions:write"},
    )
    assert wider.status_code == 400 and wider.json["error"] == "invalid_scope"


def test_bearer_required_expired_and_revoked(client, bearer, db):
    assert client.get("/api/v1/applications").status_code == 401
    bad = client.get("/api/v1/applications", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401 and "invalid_token" in bad.headers["WWW-Authenticate"]
    headers = bearer()
    assert client.get("/api/v1/applications", headers=headers).status_code == 200
    token = db.scalars(select(ApiToken)).one()
    token.expires_at -= timedelta(minutes=11)
    db.commit()
    assert client.get("/api/v1/applications", headers=headers).status_code == 401


def test_missing_scope_is_403(client, bearer, make_case):
    case = make_case()
    headers = bearer(["followups:read"])
    response = client.get(f"/api/v1/applications/{case.id}", headers=headers)
    assert response.status_code == 403 and 'scope="applications:read"' in response.headers["WWW-Authenticate"]


def test_cli_add_list_revoke(app, officer, db):
    runner = CliRunner()
    with app.app_context():
        result = runner.invoke(
            api_clients_cli,
            ["add", "--name", "Lifecare", "--unit-code", "norr", "--scope", "applications:read"],
            obj=app.cli,
        )
    assert result.exit_code == 0, result.output
    client_id = result.output.split("client_id:")[1].split()[0]
    secret = result.output.split("client_secret:")[1].split()[0]
    test_client = app.test_client()
    ok = test_client.post("/api/v1/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret))
    assert ok.status_code == 200
    token = ok.json["access_token"]
    with app.app_context():
        listed = runner.invoke(api_clients_cli, ["list"])
        assert client_id in listed.output and "active" in listed.output and secret not in listed.output
        assert runner.invoke(api_clients_cli, ["revoke", client_id]).exit_code == 0
    assert test_client.get("/api/v1/applications", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert (
        test_client.post(
            "/api/v1/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret)
        ).status_code
        == 401
    )
