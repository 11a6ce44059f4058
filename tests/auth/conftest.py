"""A provider the tests control, and helpers to log in through the real flow.

`provider` is a tiny OpenID Connect provider served over HTTP on 127.0.0.1
(werkzeug in a thread). It hands out a correct ID token unless a test breaks
one thing about it. The portal under test talks to it exactly as it would
to a real one: discovery, JWKS, token endpoint, userinfo.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.auth import oidc
from portal.domain.personnummer import make_test_personnummer
from tests.conftest import make_config

CLIENT_ID = "portal-test"
CLIENT_SECRET = "test-client-secret"
STAFF_CLIENT_ID = "portal-staff-test"
STAFF_CLIENT_SECRET = "staff-client-secret"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
GOOD_PNR = make_test_personnummer(date(1950, 3, 14), "981")
REMOVE = "<remove this claim>"  # a claims_patch value that removes the claim


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def compact(header: dict, claims: dict, signature: bytes = b"") -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}.{b64(signature)}"


def hs256(header: dict, claims: dict, secret: str) -> str:
    """HS256 written out by hand, so no library has a say in it."""
    signing_input = compact(header, claims).rsplit(".", 1)[0]
    digest = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(digest)}"


def new_key(kid: str | None = None) -> RSAKey:
    key = RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"}, private=True,
                              auto_kid=kid is None)
    if kid:
        key = RSAKey.import_key(key.as_dict(private=True) | {"kid": kid})
    return key


class HostileProvider:
    """Serves a good ID token unless the test says what to break."""

    def __init__(self):
        self.key = new_key()
        self.published = [self.key]
        self._server = make_server("127.0.0.1", 0, self.wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self.issuer_in_discovery = self.url
        self.client_id = CLIENT_ID
        self.nonce: str | None = None
        self.claims_patch: dict = {}
        self.token_maker = None  # (header, claims) -> token, to break the signature
        self.userinfo: dict | None = None
        self.token_status = 200
        self.token_requests: list[dict] = []
        self.jwks_requests = 0
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)

    # -- what the provider says ------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer_in_discovery,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def good_claims(self) -> dict:
        now = int(time.time())
        return {
            "iss": self.url, "aud": self.client_id, "sub": "subject-1", "iat": now,
            "exp": now + 300, "auth_time": now, "nonce": self.nonce, "acr": LOA3,
            PNR_CLAIM: GOOD_PNR, "given_name": "Anna", "family_name": "Andersson",
        }

    def claims(self) -> dict:
        claims = self.good_claims()
        for name, value in self.claims_patch.items():
            if value is REMOVE:
                claims.pop(name, None)
            else:
                claims[name] = value
        return claims

    def id_token(self) -> str:
        header = {"alg": "RS256", "kid": self.key.kid, "typ": "JWT"}
        if self.token_maker:
            return self.token_maker(header, self.claims())
        return jwt.encode(header, self.claims(), self.key)

    def rotate_key(self) -> None:
        """A new signing key; the old one is no longer published."""
        self.key = new_key()
        self.published = [self.key]

    # -- HTTP ------------------------------------------------------------

    def wsgi(self, environ, start_response):
        request = Request(environ)
        path = request.path
        if path == "/.well-known/openid-configuration":
            response = self._json(self.discovery())
        elif path == "/jwks":
            self.jwks_requests += 1
            response = self._json({"keys": [k.as_dict(private=False) for k in self.published]})
        elif path == "/token" and request.method == "POST":
            self.token_requests.append({"form": request.form.to_dict(),
                                        "authorization": request.headers.get("Authorization")})
            body = {"access_token": "access-1", "token_type": "Bearer", "expires_in": 300,
                    "id_token": self.id_token()}
            response = self._json(body if self.token_status == 200 else {"error": "invalid_grant"},
                                  self.token_status)
        elif path == "/userinfo":
            response = self._json(self.userinfo or {}, 200 if self.userinfo else 401)
        else:
            response = Response("not found", 404)
        return response(environ, start_response)

    @staticmethod
    def _json(body: dict, status: int = 200) -> Response:
        return Response(json.dumps(body), status, mimetype="application/json")


@pytest.fixture
def provider():
    oidc.clear_caches()
    server = HostileProvider()
    yield server
    server.stop()
    oidc.clear_caches()


@pytest.fixture
def app_config(database_url, instance_dir, provider):
    return make_config(
        database_url, instance_dir,
        PORTAL_OIDC_ISSUER=provider.url,
        PORTAL_OIDC_CLIENT_ID=CLIENT_ID,
        PORTAL_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        PORTAL_STAFF_OIDC_ISSUER=provider.url,
        PORTAL_STAFF_OIDC_CLIENT_ID=STAFF_CLIENT_ID,
        PORTAL_STAFF_OIDC_CLIENT_SECRET=STAFF_CLIENT_SECRET,
    )


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def start_login(client, path: str = "/logga-in") -> dict:
    """Start a login; returns the parameters the portal sent to the provider."""
    response = client.get(path)
    assert response.status_code == 303, response.get_data(as_text=True)
    return query_of(response.headers["Location"])


def come_back(client, provider, params: dict, path: str = "/auth/callback", **extra):
    """The browser returning from the provider with a code for this login."""
    provider.nonce = params["nonce"]
    query = {"code": "code-1", "state": params["state"], **extra}
    return client.get(f"{path}?{urlencode(query)}")


@pytest.fixture
def log_in(client, provider):
    """The whole round trip; returns the callback's response."""

    def log_in_(path="/logga-in", callback="/auth/callback"):
        return come_back(client, provider, start_login(client, path), callback)

    return log_in_


def access_log(app, action: str) -> list:
    """Access-log entries of one action, read past the request's own session."""
    from portal.audit.models import AccessLogEntry

    with app.extensions["db_engine"].connect() as connection:
        rows = connection.execute(
            select(AccessLogEntry).where(AccessLogEntry.action == action)
            .order_by(AccessLogEntry.id)
        ).all()
    return rows


def session_of(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


def leaving_form(response) -> tuple[str, str, dict[str, str]]:
    """The form on the page that takes the browser to the provider: method, action, fields."""
    html = response.get_data(as_text=True)
    form = re.search(r'<form method="(\w+)" action="([^"]+)" data-auto-submit>(.*?)</form>',
                     html, re.S)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(3)))
    return form.group(1), unescape(form.group(2)), {k: unescape(v) for k, v in fields.items()}
