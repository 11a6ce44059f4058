"""State lives in the simulator's database and instance files, not in a process."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import update

from portal.devidp.models import AuthorizationCode

from .conftest import authorize_params, basic_auth, new_attempt, query_of

REDIRECT_URI = "http://localhost/auth/callback"


def _browser_login(client, attempt) -> str:
    """Log in as Anna through `client`; returns the code."""
    import re

    start = client.get("/dev-idp/authorize?" + urlencode(authorize_params(attempt)))
    page = client.get(start.headers["Location"]).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    done = client.post(start.headers["Location"], data={
        "csrf_token": token, "identity": "anna", "device": "same", "simulate": "complete"})
    return query_of(done.headers["Location"])["code"]


def _token(client, code, verifier):
    return client.post("/dev-idp/token", headers=basic_auth(), data={
        "grant_type": "authorization_code", "code": code,
        "redirect_uri": REDIRECT_URI, "code_verifier": verifier})


def test_two_processes_share_logins_codes_and_keys(make_app):
    # Two apps on one instance folder stand in for two worker processes.
    first, second = make_app(DEVIDP_DATABASE_URL=None), make_app(DEVIDP_DATABASE_URL=None)
    attempt = new_attempt()
    code = _browser_login(first.test_client(), attempt)

    issued = _token(second.test_client(), code, attempt.verifier)
    replayed = _token(first.test_client(), code, attempt.verifier)

    assert issued.status_code == 200
    assert replayed.get_json()["error"] == "invalid_grant"
    assert first.test_client().get("/dev-idp/jwks").get_json() == \
        second.test_client().get("/dev-idp/jwks").get_json()
    second.test_cli_runner().invoke(args=["devidp", "rotate-key"])
    assert len(first.test_client().get("/dev-idp/jwks").get_json()["keys"]) == 2


def test_code_expires_after_sixty_seconds(app, client):
    attempt = new_attempt()
    code = _browser_login(client, attempt)
    factory = app.extensions["devidp"]["sessionmaker"]
    with factory() as session, session.begin():
        row = session.query(AuthorizationCode).one()
        assert 55 <= row.expires_at - time.time() <= 60
        session.execute(update(AuthorizationCode).values(expires_at=time.time() - 1))

    response = _token(client, code, attempt.verifier)

    assert response.get_json()["error"] == "invalid_grant"


def test_access_token_lives_five_minutes(client):
    attempt = new_attempt()

    token = _token(client, _browser_login(client, attempt), attempt.verifier).get_json()

    assert token["expires_in"] == 300


def test_nonce_cannot_be_used_again(client):
    attempt = new_attempt()
    _browser_login(client, attempt)

    again = client.get("/dev-idp/authorize?" + urlencode(authorize_params(attempt)))

    assert query_of(again.headers["Location"])["error"] == "invalid_request"


def test_secret_files_are_private_and_codes_are_stored_hashed(make_app, tmp_path):
    app = make_app(DEVIDP_DATABASE_URL=None)
    client = app.test_client()
    attempt = new_attempt()
    code = _browser_login(client, attempt)
    access_token = _token(client, code, attempt.verifier).get_json()["access_token"]

    for name in ("devidp-jwks.json", "devidp-pseudonym.key"):
        assert stat.S_IMODE(os.stat(Path(app.instance_path) / name).st_mode) == 0o600
    database = (tmp_path / "devidp.sqlite").read_bytes()
    assert code.encode() not in database
    assert access_token.encode() not in database
