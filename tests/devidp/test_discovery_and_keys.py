"""Discovery, the published keys, and key rotation."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from joserfc import jwt
from joserfc.jwk import KeySet

from portal.devidp import rotate_signing_key

PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}


def test_discovery_reports_the_issuer_and_absolute_endpoints(client):
    metadata = client.get("/dev-idp/.well-known/openid-configuration").get_json()

    assert metadata["issuer"] == "http://localhost/dev-idp"
    assert metadata["authorization_endpoint"] == "http://localhost/dev-idp/authorize"
    assert metadata["token_endpoint"] == "http://localhost/dev-idp/token"
    assert metadata["userinfo_endpoint"] == "http://localhost/dev-idp/userinfo"
    assert metadata["jwks_uri"] == "http://localhost/dev-idp/jwks"
    assert metadata["end_session_endpoint"] == "http://localhost/dev-idp/logout"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["response_types_supported"] == ["code"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic", "private_key_jwt"}


def test_discovery_follows_the_port_the_request_came_on(client):
    metadata = client.get("/dev-idp/.well-known/openid-configuration",
                          base_url="http://127.0.0.1:5123").get_json()

    assert metadata["issuer"] == "http://127.0.0.1:5123/dev-idp"
    assert metadata["token_endpoint"] == "http://127.0.0.1:5123/dev-idp/token"


def test_configured_issuer_wins_without_trailing_slash(app, client):
    app.config["DEVIDP_ISSUER"] = "https://idp.example.test/dev-idp"

    metadata = client.get("/dev-idp/.well-known/openid-configuration").get_json()

    assert metadata["issuer"] == "https://idp.example.test/dev-idp"
    assert metadata["jwks_uri"] == "https://idp.example.test/dev-idp/jwks"


def test_jwks_publishes_only_public_rsa_members(client):
    jwks = client.get("/dev-idp/jwks").get_json()

    assert len(jwks["keys"]) == 1
    key = jwks["keys"][0]
    assert key["kty"] == "RSA"
    assert key["kid"]
    assert {"n", "e"} <= set(key)
    assert not PRIVATE_MEMBERS & set(key)


def test_key_file_is_private_to_the_owner(app):
    path = Path(app.instance_path) / "devidp-jwks.json"

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_token_signed_before_rotation_still_verifies_and_new_ones_use_new_kid(
    app, client, log_in, exchange
):
    attempt, query = log_in()
    old_token = exchange(query["code"], attempt.verifier).get_json()["id_token"]
    old_kid = client.get("/dev-idp/jwks").get_json()["keys"][0]["kid"]

    new_kid = rotate_signing_key(app)

    jwks = client.get("/dev-idp/jwks").get_json()
    assert {k["kid"] for k in jwks["keys"]} == {old_kid, new_kid}
    key_set = KeySet.import_key_set(jwks)
    assert jwt.decode(old_token, key_set, algorithms=["RS256"]).header["kid"] == old_kid
    attempt, query = log_in()
    new_token = exchange(query["code"], attempt.verifier).get_json()["id_token"]
    assert jwt.decode(new_token, key_set, algorithms=["RS256"]).header["kid"] == new_kid


def test_cli_rotates_the_key(app):
    before = {k["kid"] for k in app.test_client().get("/dev-idp/jwks").get_json()["keys"]}

    result = app.test_cli_runner().invoke(args=["devidp", "rotate-key"])

    assert result.exit_code == 0, result.output
    after = {k["kid"] for k in app.test_client().get("/dev-idp/jwks").get_json()["keys"]}
    assert before < after
    assert len(after - before) == 1
    assert (after - before).pop() in result.output
