"""private_key_jwt: the portal proves who it is with a signed assertion, not a secret."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from tests.conftest import make_config

from .conftest import CLIENT_ID, come_back, session_of, start_login

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _rsa_pem(path) -> RSAKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(private.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return RSAKey.import_key(path.read_text())


def _ec_jwk(path) -> ECKey:
    key = ECKey.generate_key("P-256", private=True, auto_kid=True)
    path.write_text(json.dumps(key.as_dict(private=True)))
    return key


@pytest.fixture(params=["rsa-pem", "ec-jwk"])
def client_key(request, tmp_path):
    path = tmp_path / "client-key"
    key = _rsa_pem(path) if request.param == "rsa-pem" else _ec_jwk(path)
    return path, key


@pytest.fixture
def app_config(database_url, instance_dir, provider, client_key):
    return make_config(
        database_url, instance_dir,
        PORTAL_OIDC_ISSUER=provider.url,
        PORTAL_OIDC_CLIENT_ID=CLIENT_ID,
        PORTAL_OIDC_CLIENT_SECRET=None,
        PORTAL_OIDC_PRIVATE_KEY=str(client_key[0]),
    )


def test_token_request_is_authenticated_with_a_signed_assertion(app, provider, client_key):
    _path, key = client_key
    clients = [app.test_client(), app.test_client()]
    for client in clients:
        come_back(client, provider, start_login(client))

    first, second = provider.token_requests
    assert first["authorization"] is None  # no secret travels
    assert first["form"]["client_assertion_type"] == ASSERTION_TYPE
    algorithm = "ES256" if key.key_type == "EC" else "RS256"
    claims = jwt.decode(first["form"]["client_assertion"], key, algorithms=[algorithm]).claims
    assert claims["iss"] == claims["sub"] == CLIENT_ID
    assert claims["aud"] == provider.url + "/token"
    assert 0 < claims["exp"] - claims["iat"] <= 60
    second_claims = jwt.decode(second["form"]["client_assertion"], key,
                               algorithms=[algorithm]).claims
    assert second_claims["jti"] != claims["jti"]
    assert all("citizen_id" in session_of(client) for client in clients)
