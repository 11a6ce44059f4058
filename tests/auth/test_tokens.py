"""validate_id_token on its own: the algorithms and keys the portal accepts."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from portal.auth.tokens import Expected, LoginRefused, validate_id_token

EXPECTED = Expected(issuer="https://idp.example", client_id="portal", nonce="n-1",
                    accepted_acr=("http://id.elegnamnden.se/loa/1.0/loa3",))


def claims() -> dict:
    now = int(time.time())
    return {"iss": EXPECTED.issuer, "aud": "portal", "sub": "s", "iat": now, "exp": now + 300,
            "nonce": "n-1", "acr": EXPECTED.accepted_acr[0]}


def lookup(*keys):
    return lambda _kid, _refresh: [RSAKey.import_key(k.as_dict(private=False)) if k.key_type ==
                                   "RSA" else ECKey.import_key(k.as_dict(private=False))
                                   for k in keys]


@pytest.fixture(scope="module")
def rsa_key():
    return RSAKey.generate_key(2048, private=True, auto_kid=True)


@pytest.mark.parametrize("algorithm", ["RS256", "PS256"])
def test_rsa_algorithms_on_the_allow_list_are_accepted(rsa_key, algorithm):
    token = jwt.encode({"alg": algorithm, "kid": rsa_key.kid}, claims(), rsa_key,
                       algorithms=[algorithm])

    assert validate_id_token(token, EXPECTED, lookup(rsa_key))["sub"] == "s"


def test_es256_is_accepted():
    key = ECKey.generate_key("P-256", private=True, auto_kid=True)
    token = jwt.encode({"alg": "ES256", "kid": key.kid}, claims(), key)

    assert validate_id_token(token, EXPECTED, lookup(key))["sub"] == "s"


def test_rs512_is_not_on_the_allow_list(rsa_key):
    token = jwt.encode({"alg": "RS512", "kid": rsa_key.kid}, claims(), rsa_key,
                       algorithms=["RS512"])

    with pytest.raises(LoginRefused) as refusal:
        validate_id_token(token, EXPECTED, lookup(rsa_key))
    assert refusal.value.reason == "bad_algorithm"


def test_key_published_for_rs256_is_not_used_for_ps256():
    key = RSAKey.generate_key(2048, private=True, auto_kid=True)
    token = jwt.encode({"alg": "PS256", "kid": key.kid}, claims(), key, algorithms=["PS256"])
    published = RSAKey.import_key(key.as_dict(private=False) | {"alg": "RS256"})

    with pytest.raises(LoginRefused) as refusal:
        validate_id_token(token, EXPECTED, lambda _kid, _refresh: [published])
    assert refusal.value.reason == "unknown_key"


def test_token_without_kid_needs_exactly_one_published_key(rsa_key):
    token = jwt.encode({"alg": "RS256"}, claims(), rsa_key)
    other = RSAKey.generate_key(2048, private=True, auto_kid=True)

    assert validate_id_token(token, EXPECTED, lookup(rsa_key))["sub"] == "s"
    with pytest.raises(LoginRefused) as refusal:
        validate_id_token(token, EXPECTED, lookup(rsa_key, other))
    assert refusal.value.reason == "unknown_key"


@pytest.mark.parametrize("garbage", ["", "a.b", "not-base64!.x.y", "e30.e30"])
def test_garbage_is_a_malformed_token(garbage):
    with pytest.raises(LoginRefused) as refusal:
        validate_id_token(garbage, EXPECTED, lookup())
    assert refusal.value.reason in {"malformed_token", "bad_algorithm"}
