"""The OpenID Connect code flow as a relying party sees it."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.jwk import KeySet

from portal.devidp.identities import DEMO_IDENTITIES
from portal.domain.personnummer import parse_personnummer

from .conftest import (
    CLIENT_ID,
    JWT_CLIENT_ID,
    REDIRECT_URI,
    authorize_params,
    basic_auth,
    new_attempt,
    query_of,
)

PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


def verify_id_token(client, id_token: str) -> dict:
    key_set = KeySet.import_key_set(client.get("/dev-idp/jwks").get_json())
    return jwt.decode(id_token, key_set, algorithms=["RS256"]).claims


def test_full_code_flow_gives_a_signed_id_token_with_the_swedish_claims(
    client, log_in, exchange
):
    attempt, query = log_in(identity="anna")
    assert query["state"] == attempt.state
    assert query["iss"] == "http://localhost/dev-idp"  # RFC 9207

    response = exchange(query["code"], attempt.verifier)

    assert response.status_code == 200
    token = response.get_json()
    assert token["token_type"].lower() == "bearer"
    assert "refresh_token" not in token
    claims = verify_id_token(client, token["id_token"])
    assert claims["iss"] == "http://localhost/dev-idp"
    assert claims["aud"] == CLIENT_ID
    assert claims["nonce"] == attempt.nonce
    assert claims["acr"] == LOA3
    assert claims[PNR_CLAIM] == "194205179825"
    assert claims["given_name"] == "Anna"
    assert claims["family_name"] == "Andersson"
    assert claims["name"] == "Anna Andersson"
    assert claims["birthdate"] == "1942-05-17"
    assert abs(claims["auth_time"] - time.time()) < 60
    assert 0 < claims["exp"] - claims["iat"] <= 300


def test_personnummer_only_under_the_swedish_profile_scope(
    client, open_start_page, submit_start, exchange
):
    """As a real broker: "openid profile" gives names but never the personnummer."""
    attempt = new_attempt()
    url, html = open_start_page(attempt, scope="openid profile")
    query = query_of(submit_start(url, html, identity="anna").headers["Location"])

    token = exchange(query["code"], attempt.verifier).get_json()

    claims = verify_id_token(client, token["id_token"])
    info = client.get("/dev-idp/userinfo",
                      headers={"Authorization": f"Bearer {token['access_token']}"}).get_json()
    assert claims["given_name"] == info["given_name"] == "Anna"
    assert PNR_CLAIM not in claims and PNR_CLAIM not in info


def test_subject_is_a_stable_pseudonym_not_the_personnummer(client, log_in, exchange):
    subjects = []
    for _ in range(2):
        attempt, query = log_in(identity="bertil")
        claims = verify_id_token(client, exchange(query["code"], attempt.verifier)
                                 .get_json()["id_token"])
        subjects.append(claims["sub"])
    attempt, query = log_in(identity="cecilia")
    other = verify_id_token(client, exchange(query["code"], attempt.verifier)
                            .get_json()["id_token"])["sub"]

    assert subjects[0] == subjects[1]
    assert other != subjects[0]
    assert "195809029811" not in subjects[0]
    assert len(subjects[0]) == 64


def test_userinfo_returns_the_identity_for_a_valid_token(client, log_in, exchange):
    attempt, query = log_in(identity="eva")
    token = exchange(query["code"], attempt.verifier).get_json()

    response = client.get("/dev-idp/userinfo",
                          headers={"Authorization": f"Bearer {token['access_token']}"})

    assert response.status_code == 200
    info = response.get_json()
    assert info[PNR_CLAIM] == "198006309861"
    assert info["name"] == "Eva Ek"
    assert info["sub"] == verify_id_token(client, token["id_token"])["sub"]


def test_userinfo_refuses_a_made_up_token(client):
    response = client.get("/dev-idp/userinfo", headers={"Authorization": "Bearer made-up"})

    assert response.status_code == 401
    assert PNR_CLAIM not in response.get_data(as_text=True)


def test_wrong_code_verifier_is_invalid_grant(log_in, exchange):
    attempt, query = log_in()

    response = exchange(query["code"], new_attempt().verifier)

    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_grant"


def test_code_works_only_once_and_reuse_revokes_its_token(client, log_in, exchange):
    attempt, query = log_in()
    first = exchange(query["code"], attempt.verifier)
    access_token = first.get_json()["access_token"]

    second = exchange(query["code"], attempt.verifier)

    assert first.status_code == 200
    assert second.status_code == 400
    assert second.get_json()["error"] == "invalid_grant"
    userinfo = client.get("/dev-idp/userinfo",
                          headers={"Authorization": f"Bearer {access_token}"})
    assert userinfo.status_code == 401


def test_wrong_client_secret_is_refused(log_in, exchange):
    attempt, query = log_in()

    response = exchange(query["code"], attempt.verifier,
                        headers=basic_auth(secret="not-the-secret"))

    assert response.status_code == 401
    assert response.get_json()["error"] == "invalid_client"


def test_redirect_uri_must_match_the_authorization_request(log_in, exchange):
    attempt, query = log_in()

    response = exchange(query["code"], attempt.verifier,
                        redirect_uri="http://localhost/auth/other")

    assert response.get_json()["error"] == "invalid_grant"


def _authorize(client, **overrides):
    attempt = new_attempt()
    return attempt, client.get("/dev-idp/authorize?"
                               + urlencode(authorize_params(attempt, **overrides)))


def test_unknown_client_gets_an_error_page_and_no_redirect(client):
    _attempt, response = _authorize(client, client_id="someone-else")

    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "Det gick inte att logga in" in response.get_data(as_text=True)


def test_redirect_uri_not_allowed_gets_an_error_page_and_no_redirect(client):
    for uri in ("https://evil.example/auth/callback",
                "http://localhost/auth/callback?next=/evil",
                "http://localhost/auth/callback/extra",
                "http://localhost:8080/auth/callback"):
        _attempt, response = _authorize(client, redirect_uri=uri)

        assert response.status_code == 400, uri
        assert "Location" not in response.headers


def test_redirect_uri_on_another_port_of_the_same_host_works_when_requested_there(client):
    attempt = new_attempt()
    params = authorize_params(attempt, redirect_uri="http://localhost:8080/auth/callback")

    response = client.get("/dev-idp/authorize?" + urlencode(params),
                          base_url="http://localhost:8080")

    assert response.status_code == 303
    assert "/dev-idp/login/" in response.headers["Location"]


def test_missing_pkce_is_refused_back_to_the_client(client):
    attempt, response = _authorize(client, code_challenge=None, code_challenge_method=None)

    assert response.status_code == 302
    query = query_of(response.headers["Location"])
    assert query["error"] == "invalid_request"
    assert query["state"] == attempt.state


def test_plain_pkce_is_refused(client):
    attempt, response = _authorize(client, code_challenge_method="plain",
                                   code_challenge=new_attempt().verifier)

    assert query_of(response.headers["Location"])["error"] == "invalid_request"


def test_scope_without_openid_is_refused(client):
    _attempt, response = _authorize(client, scope="profile")

    assert query_of(response.headers["Location"])["error"] == "invalid_scope"


def test_other_response_types_are_refused(client):
    _attempt, response = _authorize(client, response_type="token")

    assert response.headers["Location"].startswith(REDIRECT_URI)
    assert query_of(response.headers["Location"])["error"] == "unsupported_response_type"


def test_private_key_jwt_client_authenticates_with_a_signed_assertion(
    client, log_in, jwt_client_key
):
    attempt, query = log_in(new_attempt(client_id=JWT_CLIENT_ID))

    response = client.post("/dev-idp/token", data={
        "grant_type": "authorization_code", "code": query["code"],
        "redirect_uri": REDIRECT_URI, "code_verifier": attempt.verifier,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": _assertion(jwt_client_key),
    })

    assert response.status_code == 200, response.get_json()
    assert verify_id_token(client, response.get_json()["id_token"])["aud"] == JWT_CLIENT_ID


def test_private_key_jwt_with_a_foreign_key_or_reused_jti_fails(client, log_in, jwt_client_key):
    from joserfc.jwk import RSAKey

    foreign_key = RSAKey.generate_key(2048, private=True)
    reused = _assertion(jwt_client_key, jti="same-jti")
    for assertion in (_assertion(foreign_key), _assertion(jwt_client_key, aud="https://x.test"),
                      reused, reused):
        attempt, query = log_in(new_attempt(client_id=JWT_CLIENT_ID))
        response = client.post("/dev-idp/token", data={
            "grant_type": "authorization_code", "code": query["code"],
            "redirect_uri": REDIRECT_URI, "code_verifier": attempt.verifier,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion,
        })
        if assertion is reused and response.status_code == 200:
            continue  # the first use of the jti is fine
        assert response.status_code == 400
        assert response.get_json()["error"] == "invalid_client"


def test_secret_client_cannot_authenticate_with_private_key_jwt(client, log_in, jwt_client_key):
    attempt, query = log_in()

    response = client.post("/dev-idp/token", data={
        "grant_type": "authorization_code", "code": query["code"],
        "redirect_uri": REDIRECT_URI, "code_verifier": attempt.verifier,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": _assertion(jwt_client_key, client_id=CLIENT_ID),
    })

    assert response.get_json()["error"] == "invalid_client"


def _assertion(key, client_id=JWT_CLIENT_ID, aud="http://localhost/dev-idp/token", jti=None):
    import secrets

    now = int(time.time())
    claims = {"iss": client_id, "sub": client_id, "aud": aud, "iat": now, "exp": now + 60,
              "jti": jti or secrets.token_urlsafe(12)}
    return jwt.encode({"alg": "RS256"}, claims, key)


def test_every_demo_identity_has_a_valid_test_personnummer():
    keys = [identity.key for identity in DEMO_IDENTITIES]
    assert keys == ["anna", "bertil", "cecilia", "david", "eva", "fredrik", "karin", "lars", "maria"]
    for identity in DEMO_IDENTITIES:
        number = parse_personnummer(identity.personnummer)
        assert number.canonical == identity.personnummer
        assert identity.personnummer[8:10] == "98"
        assert identity.kind in {"citizen", "proxy", "staff"}
