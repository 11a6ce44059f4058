"""Per-provider settings: the Swedish profile's scopes and the token-endpoint method."""

from __future__ import annotations

import pytest

from portal.config import ConfigError, load_config
from tests.conftest import csrf_token

from .conftest import CLIENT_ID, CLIENT_SECRET, come_back, leaving_form, session_of, start_login

PNR_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber"


def test_the_swedish_profile_scopes_are_asked_for_by_default(client):
    assert start_login(client)["scope"] == f"openid profile {PNR_SCOPE}"


def test_staff_scopes_are_set_apart_from_the_citizens(app, client):
    app.config["PORTAL_STAFF_OIDC_SCOPES"] = ("openid", "profile", "urn:kommun:staff")

    assert start_login(client, "/handlaggare/logga-in")["scope"] == "openid profile urn:kommun:staff"
    assert start_login(client)["scope"] == f"openid profile {PNR_SCOPE}"


def test_scopes_from_the_environment_always_include_openid(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_STAFF_OIDC_SCOPES", "profile urn:kommun:staff")

    config = load_config(tmp_path)

    assert config["PORTAL_STAFF_OIDC_SCOPES"] == ("openid", "profile", "urn:kommun:staff")
    assert config["PORTAL_OIDC_SCOPES"] == ("openid", "profile", PNR_SCOPE)


@pytest.mark.parametrize("name", ["PORTAL_OIDC_TOKEN_AUTH_METHOD", "PORTAL_OIDC_LOGOUT_METHOD"])
def test_an_unknown_method_stops_the_start(monkeypatch, tmp_path, name):
    monkeypatch.setenv(name, "client_secret_jwt")

    with pytest.raises(ConfigError, match=name):
        load_config(tmp_path)


def test_client_secret_post_sends_the_secret_in_the_body(app, client, provider):
    app.config["PORTAL_OIDC_TOKEN_AUTH_METHOD"] = "client_secret_post"

    come_back(client, provider, start_login(client))

    request = provider.token_requests[0]
    assert request["authorization"] is None
    assert request["form"]["client_id"] == CLIENT_ID
    assert request["form"]["client_secret"] == CLIENT_SECRET
    assert "citizen_id" in session_of(client)


def test_logout_keeps_the_end_session_endpoints_own_query(client, provider, monkeypatch):
    """A GET form drops its action's query, so the endpoint's own goes in as fields."""
    document = provider.discovery()
    monkeypatch.setattr(provider, "discovery", lambda: {
        **document, "end_session_endpoint": provider.url + "/logout?p=b2c_1_signin"})
    come_back(client, provider, start_login(client))

    response = client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})

    method, action, fields = leaving_form(response)
    assert (method, action) == ("get", provider.url + "/logout")
    assert fields["p"] == "b2c_1_signin" and fields["client_id"] == CLIENT_ID
