"""Fixtures for the simulated BankID provider: an app, a relying party, helpers."""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask import Flask
from joserfc.jwk import RSAKey

from portal import create_app
from tests.conftest import _empty_tables

REDIRECT_URI = "http://localhost/auth/callback"
CLIENT_ID = "mitt-stod"
CLIENT_SECRET = "test-client-secret"
JWT_CLIENT_ID = "mitt-stod-jwt"
PNR_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber"


@pytest.fixture(scope="session")
def jwt_client_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"alg": "RS256"}, private=True, auto_kid=True)


@pytest.fixture
def make_app(tmp_path, jwt_client_key, database_url):
    """Build an app; several built in one test share the instance folder.

    Each test keeps its keys and provider database in its own folder; the
    portal's own tables (sessions) are the migrated test database.
    """
    built = []

    def make(**overrides) -> Flask:
        config = {**_config(jwt_client_key), "DATABASE_URL": database_url, **overrides}
        app = create_app(config, instance_path=str(tmp_path))
        built.append(app)
        return app

    yield make
    for app in built:
        _empty_tables(app)
        app.extensions["db_engine"].dispose()


@pytest.fixture
def app(make_app) -> Flask:
    return make_app()


def _config(jwt_client_key: RSAKey) -> dict:
    return {
        "PORTAL_ENV": "test",
        "TESTING": True,
        "DEV_FEATURES": True,
        "SECRET_KEY": "x" * 32,
        "DEVIDP_INSTANT": True,
        "DEVIDP_DATABASE_URL": "sqlite://",
        "DEVIDP_CLIENTS": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_paths": ["/auth/callback"],
                "post_logout_redirect_paths": ["/"],
                "token_endpoint_auth_method": "client_secret_basic",
                "jwks": None,
            },
            {
                "client_id": JWT_CLIENT_ID,
                "client_secret": None,
                "redirect_paths": ["/auth/callback"],
                "post_logout_redirect_paths": ["/"],
                "token_endpoint_auth_method": "private_key_jwt",
                "jwks": {"keys": [jwt_client_key.as_dict(private=False)]},
            },
        ],
    }


@pytest.fixture
def client(app):
    return app.test_client()


@dataclass
class LoginAttempt:
    verifier: str
    state: str
    nonce: str
    client_id: str = CLIENT_ID


def authorize_params(attempt: LoginAttempt, **overrides) -> dict:
    params = {
        "response_type": "code",
        "client_id": attempt.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile " + PNR_SCOPE,
        "state": attempt.state,
        "nonce": attempt.nonce,
        "code_challenge": create_s256_code_challenge(attempt.verifier),
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def new_attempt(client_id: str = CLIENT_ID) -> LoginAttempt:
    return LoginAttempt(
        verifier=secrets.token_urlsafe(48),
        state=secrets.token_urlsafe(12),
        nonce=secrets.token_urlsafe(12),
        client_id=client_id,
    )


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def open_start_page(client):
    """GET /authorize and follow to the start screen; returns (url, html)."""

    def open_(attempt: LoginAttempt, **overrides):
        response = client.get("/dev-idp/authorize?" + urlencode(authorize_params(attempt,
                                                                                 **overrides)))
        assert response.status_code == 303, response.get_data(as_text=True)
        url = response.headers["Location"]
        page = client.get(url)
        assert page.status_code == 200
        return url, page.get_data(as_text=True)

    return open_


@pytest.fixture
def submit_start(client):
    """POST the start screen with the page's CSRF token."""

    def submit(url: str, html: str, **fields):
        data = {"csrf_token": csrf_token(html), "device": "same", "simulate": "complete"}
        data.update(fields)
        return client.post(url, data=data)

    return submit


@pytest.fixture
def log_in(open_start_page, submit_start):
    """Run the browser part of the flow; returns the callback's query parameters."""

    def log_in_(attempt: LoginAttempt | None = None, identity: str = "anna", **fields):
        attempt = attempt or new_attempt()
        url, html = open_start_page(attempt)
        response = submit_start(url, html, identity=identity, **fields)
        assert response.status_code == 303
        location = response.headers["Location"]
        assert location.startswith(REDIRECT_URI + "?")
        return attempt, query_of(location)

    return log_in_


def basic_auth(client_id: str = CLIENT_ID, secret: str = CLIENT_SECRET) -> dict:
    value = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {value}"}


@pytest.fixture
def exchange(client):
    """POST the code to the token endpoint with client_secret_basic."""

    def exchange_(code: str, verifier: str, headers: dict | None = None, **extra):
        data = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": REDIRECT_URI, "code_verifier": verifier}
        data.update(extra)
        return client.post("/dev-idp/token", data=data,
                           headers=basic_auth() if headers is None else headers)

    return exchange_

