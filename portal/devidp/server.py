"""The OpenID Connect provider, assembled from Authlib's server classes."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2.rfc6749 import (
    InvalidClientError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Request,
    grants,
)
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9207 import IssuerParameter
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app
from flask import request as flask_request
from joserfc.jwk import KeySet
from sqlalchemy import delete, select, update

from . import keys
from .claims import (
    ACCESS_TOKEN_LIFETIME,
    ACR_LOA3,
    CODE_LIFETIME,
    ID_TOKEN_LIFETIME,
    identity_claims,
    issuer,
)
from .clients import query_client
from .identities import Person
from .models import AccessToken, AuthorizationCode, UsedClientAssertion, digest, session_scope
from .tokens import AccessTokenValidator, SimulatorEndSession, SimulatorUserInfo, save_token


@dataclass(frozen=True)
class CodeRecord:
    """What Authlib needs to know about a claimed authorization code."""

    row: AuthorizationCode

    def get_redirect_uri(self):
        return self.row.redirect_uri

    def get_scope(self):
        return self.row.scope

    def get_nonce(self):
        return self.row.nonce

    def get_auth_time(self):
        return self.row.auth_time

    def get_acr(self):
        return ACR_LOA3

    def get_amr(self):
        return None

    @property
    def code_challenge(self):
        return self.row.code_challenge

    @property
    def code_challenge_method(self):
        return self.row.code_challenge_method


def _https_form(url: str) -> str:
    # Authlib refuses plain http on anything but loopback, which is right for
    # a real provider. The simulator may run over http on a LAN address in
    # development, so Authlib's transport check sees an https form of the URL.
    return urlunsplit(urlsplit(url)._replace(scheme="https"))


class SimulatorRequest(FlaskOAuth2Request):
    """Authlib's Flask request, with the transport check of `_https_form`."""

    def __init__(self, current):
        OAuth2Request.__init__(self, current.method, _https_form(current.url),
                               headers=current.headers)
        self._request = current
        self.payload = FlaskOAuth2Payload(current)


class StoredAuthorizationRequest(OAuth2Request):
    """A validated authorization request replayed from storage after login."""

    def __init__(self, params: dict):
        super().__init__("GET", _https_form(flask_request.url), headers=flask_request.headers)
        self.payload = BasicOAuth2Payload(params)

    @property
    def args(self):
        return self.payload.data

    @property
    def form(self):
        return {}


class SimulatorServer(AuthorizationServer):
    def load_config(self, config):
        # Independent of the portal's OAUTH2_* settings: fixed short lifetimes,
        # no refresh tokens; unknown scopes are dropped by the client model.
        generator = BearerTokenGenerator(_random_token, None, ACCESS_TOKEN_LIFETIME)
        self.register_token_generator("default", generator)
        self.scopes_supported = None
        self._error_uris = None

    def create_oauth2_request(self, request):
        return SimulatorRequest(flask_request)


def _random_token(**kwargs) -> str:
    return secrets.token_urlsafe(32)


class S256CodeChallenge(CodeChallenge):
    """PKCE with S256 only, required from every client, public or not."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256")
        super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "private_key_jwt"]

    def validate_authorization_request(self):
        redirect_uri = super().validate_authorization_request()
        if "openid" not in (self.request.scope or "").split():
            raise InvalidScopeError("The scope must include 'openid'.",
                                    redirect_uri=redirect_uri)
        return redirect_uri

    def save_authorization_code(self, code, request):
        person: Person = request.user
        data = request.payload.data
        with session_scope() as session:
            session.add(AuthorizationCode(
                code_digest=digest(code),
                client_id=request.client.get_client_id(),
                redirect_uri=data.get("redirect_uri"),
                scope=request.scope,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
                personnummer=person.personnummer,
                given_name=person.given_name,
                family_name=person.family_name,
                auth_time=int(time.time()),
                expires_at=time.time() + CODE_LIFETIME,
                used=False,
            ))

    def query_authorization_code(self, code, client):
        """Claim the code: the first request wins, every later one gets nothing.

        Claiming in one UPDATE keeps codes single-use across processes. If a
        used code comes back, the tokens issued for it are revoked (RFC 6749
        section 4.1.2), since someone may have stolen it.
        """
        code_digest = digest(code)
        with session_scope() as session:
            claimed = session.execute(
                update(AuthorizationCode)
                .where(AuthorizationCode.code_digest == code_digest,
                       AuthorizationCode.client_id == client.get_client_id(),
                       AuthorizationCode.used.is_(False),
                       AuthorizationCode.expires_at >= time.time())
                .values(used=True)
            ).rowcount == 1
            if not claimed:
                session.execute(delete(AccessToken).where(AccessToken.code_digest == code_digest))
                return None
            return CodeRecord(session.get(AuthorizationCode, code_digest))

    def delete_authorization_code(self, authorization_code):
        # Already marked used when claimed; the row stays until it expires so
        # that a second use can be recognised.
        pass

    def authenticate_user(self, authorization_code):
        row = authorization_code.row
        return Person(row.personnummer, row.given_name, row.family_name)


class SimulatorOpenIDCode(OpenIDCode):
    DEFAULT_EXPIRES_IN = ID_TOKEN_LIFETIME

    def exists_nonce(self, nonce, request):
        with session_scope() as session:
            found = session.scalar(select(AuthorizationCode.code_digest).where(
                AuthorizationCode.client_id == request.payload.client_id,
                AuthorizationCode.nonce == nonce,
            ).limit(1))
        return found is not None

    def resolve_client_private_key(self, client):
        return keys.signing_key(current_app)

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": keys.signing_key(current_app).kid}

    def get_client_claims(self, client):
        now = int(time.time())
        return {"iss": issuer(), "aud": client.get_client_id(), "iat": now,
                "exp": now + ID_TOKEN_LIFETIME}

    def generate_user_info(self, user, scope):
        return identity_claims(user, scope)


class PrivateKeyJWT(JWTBearerClientAssertion):
    CLIENT_AUTH_METHOD = "private_key_jwt"

    def get_audiences(self):
        return [issuer(), issuer() + "/token"]

    def resolve_client_public_key(self, client):
        # Refuse before looking for keys: a secret-based client has none.
        usable = client.check_endpoint_auth_method(self.CLIENT_AUTH_METHOD, "token")
        if not usable or not (client.jwks or {}).get("keys"):
            raise InvalidClientError(description="The client cannot use private_key_jwt.")
        return KeySet.import_key_set(client.jwks)

    def validate_jti(self, claims, jti):
        exp = float(claims.get("exp") or time.time() + 600)
        jti_digest = digest(f"{claims['sub']}:{jti}")
        with session_scope() as session:
            if session.get(UsedClientAssertion, jti_digest):
                return False
            session.add(UsedClientAssertion(jti_digest=jti_digest, expires_at=exp + self.leeway))
        return True


class SimulatorIssuerParameter(IssuerParameter):
    """RFC 9207: `iss` in the authorization response, as current providers send it."""

    def get_issuer(self):
        return issuer()


def create_server(app: Flask) -> SimulatorServer:
    server = SimulatorServer()
    server.init_app(app, query_client=query_client, save_token=save_token)
    server.register_client_auth_method(PrivateKeyJWT.CLIENT_AUTH_METHOD, PrivateKeyJWT())
    server.register_extension(SimulatorIssuerParameter())
    server.register_grant(CodeGrant, [S256CodeChallenge(required=True), SimulatorOpenIDCode()])
    protector = ResourceProtector()
    protector.register_token_validator(AccessTokenValidator())
    server.register_endpoint(SimulatorUserInfo(resource_protector=protector))
    server.register_endpoint(SimulatorEndSession)
    return server
