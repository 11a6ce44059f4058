"""A provider that lies, one rule at a time: the portal must refuse every lie.

Each refused login shows the calm page, leaves nobody logged in, and puts a
LOGIN_FAILED entry with the reason code in the access log.
"""

from __future__ import annotations

import base64
import time

import pytest
from joserfc import jwt
from sqlalchemy import select

from portal.auth.login import s256
from portal.people.models import Citizen
from tests.conftest import csrf_token

from .conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    GOOD_PNR,
    PNR_CLAIM,
    REMOVE,
    access_log,
    come_back,
    compact,
    hs256,
    new_key,
    session_of,
    start_login,
)

REFUSAL_TEXT = "Inloggningen gick inte. Försök igen."


def _now() -> int:
    return int(time.time())


def assert_refused(app, client, response, reason: str) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert REFUSAL_TEXT in page
    assert 'href="/logga-in"' in page  # the "Försök igen" button
    assert "citizen_id" not in session_of(client)
    entries = access_log(app, "login_failed")
    assert [e.reason_code for e in entries] == [reason]
    assert access_log(app, "login") == []
    assert GOOD_PNR not in page


def _other_key_same_kid(provider):
    impostor = new_key(kid=provider.key.kid)
    provider.token_maker = lambda header, claims: jwt.encode(header, claims, impostor)


def _alg_none(provider):
    provider.token_maker = lambda header, claims: compact(header | {"alg": "none"}, claims)


def _hs256_with_client_secret(provider):
    provider.token_maker = lambda header, claims: hs256(header | {"alg": "HS256"}, claims,
                                                        CLIENT_SECRET)


def _unknown_kid(provider):
    stranger = new_key(kid="not-published")
    provider.token_maker = lambda header, claims: jwt.encode(
        header | {"kid": "not-published"}, claims, stranger)


def _patch(**claims):
    # A callable value is computed when the test runs, not when the module loads,
    # so times stay right however long the run has taken before this test.
    def apply(provider):
        provider.claims_patch = {k: v() if callable(v) else v for k, v in claims.items()}

    return apply


def _userinfo_for_someone_else(provider):
    provider.claims_patch = {PNR_CLAIM: REMOVE}
    provider.userinfo = {"sub": "somebody-else", PNR_CLAIM: GOOD_PNR,
                         "given_name": "Anna", "family_name": "Andersson"}


BROKEN_TOKENS = {
    "bad_signature": (_other_key_same_kid, "bad_signature"),
    "alg_none": (_alg_none, "bad_algorithm"),
    "hs256_with_client_secret": (_hs256_with_client_secret, "bad_algorithm"),
    "unknown_kid": (_unknown_kid, "unknown_key"),
    "wrong_issuer": (_patch(iss="https://evil.example"), "wrong_issuer"),
    "wrong_audience": (_patch(aud="someone-else"), "wrong_audience"),
    "extra_audience_without_azp": (_patch(aud=[CLIENT_ID, "other-client"]), "missing_azp"),
    "azp_of_another_client": (
        _patch(aud=[CLIENT_ID, "other-client"], azp="other-client"), "wrong_azp"),
    "expired": (_patch(exp=lambda: _now() - 120, iat=lambda: _now() - 420), "expired"),
    "issued_in_the_future": (_patch(iat=lambda: _now() + 600, exp=lambda: _now() + 900), "issued_in_future"),
    "issued_too_long_ago": (_patch(iat=lambda: _now() - 3600, exp=lambda: _now() + 300), "too_old"),
    "missing_nonce": (_patch(nonce=REMOVE), "wrong_nonce"),
    "wrong_nonce": (_patch(nonce="a-nonce-from-another-login"), "wrong_nonce"),
    "non_ascii_nonce": (_patch(nonce="nonce-med-å"), "wrong_nonce"),
    "wrong_acr": (_patch(acr="http://id.elegnamnden.se/loa/1.0/loa2"), "wrong_acr"),
    "missing_acr": (_patch(acr=REMOVE), "wrong_acr"),
    "invalid_personnummer": (_patch(**{PNR_CLAIM: GOOD_PNR[:-1] + str((int(GOOD_PNR[-1]) + 1) % 10)}),
                             "invalid_personnummer"),
    "userinfo_sub_mismatch": (_userinfo_for_someone_else, "userinfo_sub_mismatch"),
}


@pytest.mark.parametrize("case", BROKEN_TOKENS, ids=list(BROKEN_TOKENS))
def test_broken_id_token_is_refused(app, client, provider, case):
    breaks, reason = BROKEN_TOKENS[case]
    params = start_login(client)
    breaks(provider)

    response = come_back(client, provider, params)

    assert_refused(app, client, response, reason)


def test_discovery_document_for_another_issuer_is_refused_before_redirecting(
    app, client, provider
):
    provider.issuer_in_discovery = "https://evil.example"

    response = client.get("/logga-in")

    assert "Location" not in response.headers
    assert_refused(app, client, response, "discovery_issuer_mismatch")


def test_state_that_is_not_ours_is_refused(app, client, provider):
    params = start_login(client)

    response = come_back(client, provider, params | {"state": "forged-state"})

    assert_refused(app, client, response, "state_mismatch")
    assert provider.token_requests == []  # the code was never even used


def test_state_from_another_browser_is_refused(app, provider):
    victim, attacker = app.test_client(), app.test_client()
    params = start_login(attacker)

    response = come_back(victim, provider, params)

    assert_refused(app, victim, response, "state_mismatch")


def test_state_works_only_once(app, client, provider):
    params = start_login(client)
    assert come_back(client, provider, params).status_code == 303
    log_out(client)
    provider.token_requests.clear()

    replay = come_back(client, provider, params)

    assert replay.status_code == 400
    assert "citizen_id" not in session_of(client)
    assert [e.reason_code for e in access_log(app, "login_failed")] == ["state_mismatch"]
    assert provider.token_requests == []


def log_out(client):
    return client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})


def test_callback_without_code_is_refused(app, client, provider):
    params = start_login(client)

    response = client.get(f"/auth/callback?state={params['state']}")

    assert_refused(app, client, response, "missing_code")


def test_token_endpoint_error_is_refused(app, client, provider):
    params = start_login(client)
    provider.token_status = 400

    assert_refused(app, client, come_back(client, provider, params), "token_error")


def test_pkce_verifier_is_sent_and_matches_the_challenge(app, client, provider):
    params = start_login(client)

    come_back(client, provider, params)

    assert params["code_challenge_method"] == "S256"
    request = provider.token_requests[0]
    verifier = request["form"]["code_verifier"]
    assert len(verifier) >= 43
    assert s256(verifier) == params["code_challenge"]
    assert request["form"]["redirect_uri"] == "http://localhost/auth/callback"
    user, _, secret = base64.b64decode(request["authorization"].split()[1]).decode().partition(":")
    assert (user, secret) == (CLIENT_ID, CLIENT_SECRET)


def test_state_and_nonce_are_long_random_values(client, provider):
    first, second = start_login(client), start_login(client)

    for params in (first, second):
        for name in ("state", "nonce"):
            raw = base64.urlsafe_b64decode(params[name] + "=" * (-len(params[name]) % 4))
            assert len(raw) * 8 >= 128
    assert first["state"] != second["state"] and first["nonce"] != second["nonce"]


def test_cancel_at_the_provider_shows_a_calm_page(app, client, provider):
    params = start_login(client)

    response = client.get(f"/auth/callback?error=access_denied&state={params['state']}")

    assert response.status_code == 200
    assert "Du avbröt inloggningen." in response.get_data(as_text=True)
    assert 'href="/logga-in"' in response.get_data(as_text=True)
    assert [e.reason_code for e in access_log(app, "login_failed")] == ["cancelled"]
    # The cancelled login's state cannot be used afterwards.
    assert come_back(client, provider, params).status_code == 400


def test_good_token_logs_the_citizen_in_and_creates_the_person(app, client, provider, db):
    params = start_login(client)

    response = come_back(client, provider, params)

    assert response.status_code == 303
    assert response.headers["Location"] == "/mitt-stod"
    citizen_id = session_of(client)["citizen_id"]
    citizen = db.get(Citizen, citizen_id)
    assert (citizen.given_name, citizen.family_name) == ("Anna", "Andersson")
    assert citizen.last_login_at is not None
    assert len(access_log(app, "login")) == 1
    assert access_log(app, "login")[0].actor_citizen_id == citizen_id


def test_second_login_finds_the_same_person(app, client, provider, db):
    for _ in range(2):
        come_back(client, provider, start_login(client))
        log_out(client)

    assert len(db.scalars(select(Citizen)).all()) == 1


def test_identity_from_userinfo_when_the_id_token_has_none(app, client, provider):
    provider.claims_patch = {PNR_CLAIM: REMOVE}
    provider.userinfo = {"sub": "subject-1", PNR_CLAIM: GOOD_PNR,
                         "given_name": "Anna", "family_name": "Andersson"}

    response = come_back(client, provider, start_login(client))

    assert response.status_code == 303
    assert "citizen_id" in session_of(client)


def test_key_rotation_at_the_provider_needs_no_restart(app, client, provider):
    assert come_back(client, provider, start_login(client)).status_code == 303
    log_out(client)
    provider.rotate_key()

    response = come_back(client, provider, start_login(client))

    assert response.status_code == 303
    assert "citizen_id" in session_of(client)
    assert provider.jwks_requests == 2  # cached once, fetched again for the new kid


def test_staff_member_logs_in_to_the_staff_start_page(app, client, provider, make_staff):
    eva = make_staff()
    provider.client_id = "portal-staff-test"
    provider.claims_patch = {PNR_CLAIM: eva.personnummer, "given_name": "Eva",
                             "family_name": "Ek"}
    params = start_login(client, "/handlaggare/logga-in")

    response = come_back(client, provider, params, "/handlaggare/auth/callback")

    assert response.headers["Location"] == "/handlaggare/"
    page = client.get("/handlaggare/").get_data(as_text=True)
    assert "Eva Ek" in page and "Handläggare" in page and "Enhet norr" in page
    assert "Till ärendena" in page


def test_person_who_is_not_staff_is_refused_at_the_staff_login(app, client, provider):
    provider.client_id = "portal-staff-test"
    params = start_login(client, "/handlaggare/logga-in")

    response = come_back(client, provider, params, "/handlaggare/auth/callback")

    assert response.status_code == 403
    assert "Du har inget konto som personal. Kontakta din chef." in response.get_data(as_text=True)
    assert "staff_id" not in session_of(client)
    assert [e.reason_code for e in access_log(app, "login_failed")] == ["not_staff"]


def test_citizen_state_cannot_finish_a_staff_login(app, client, provider):
    params = start_login(client)

    response = come_back(client, provider, params, "/handlaggare/auth/callback")

    assert response.status_code == 400
    assert [e.reason_code for e in access_log(app, "login_failed")] == ["state_mismatch"]
