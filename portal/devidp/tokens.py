"""Access tokens, the userinfo endpoint and RP-initiated logout."""

from __future__ import annotations

import time
from dataclasses import dataclass

from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oidc.core import UserInfoEndpoint
from authlib.oidc.rpinitiated import EndSessionEndpoint
from flask import current_app
from sqlalchemy import delete

from . import keys
from .claims import ACCESS_TOKEN_LIFETIME, identity_claims, issuer
from .clients import query_client
from .identities import Person
from .models import AccessToken, digest, session_scope


def save_token(token, oauth_request):
    person: Person = oauth_request.user
    code_digest = oauth_request.authorization_code.row.code_digest
    with session_scope() as session:
        session.add(AccessToken(
            token_digest=digest(token["access_token"]),
            client_id=oauth_request.client.get_client_id(),
            scope=token.get("scope", ""),
            subject=keys.subject_for(current_app, person.personnummer),
            code_digest=code_digest,
            personnummer=person.personnummer,
            given_name=person.given_name,
            family_name=person.family_name,
            issued_at=time.time(),
            expires_at=time.time() + ACCESS_TOKEN_LIFETIME,
        ))


@dataclass(frozen=True)
class StoredAccessToken:
    row: AccessToken

    @property
    def scope(self):
        return self.row.scope

    def check_client(self, client):
        return client.get_client_id() == self.row.client_id

    def get_scope(self):
        return self.row.scope

    def get_expires_in(self):
        return int(self.row.expires_at - self.row.issued_at)

    def is_expired(self):
        return self.row.expires_at < time.time()

    def is_revoked(self):
        return False

    def get_user(self):
        return Person(self.row.personnummer, self.row.given_name, self.row.family_name)

    def get_client(self):
        return query_client(self.row.client_id)


class AccessTokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        with session_scope() as session:
            row = session.get(AccessToken, digest(token_string))
        return StoredAccessToken(row) if row else None


class SimulatorUserInfo(UserInfoEndpoint):
    def generate_user_info(self, user, scope):
        return identity_claims(user, scope)

    def get_issuer(self):
        return issuer()

    def resolve_private_key(self):
        return keys.signing_key(current_app)


class SimulatorEndSession(EndSessionEndpoint):
    def get_server_jwks(self):
        return keys.public_jwks(current_app)

    def get_algorithms(self):
        return ["RS256"]

    def is_post_logout_redirect_uri_legitimate(self, request, post_logout_redirect_uri,
                                               client, logout_hint):
        """The portal sends `client_id` and no ID token (it must not be in a URL); the
        URI was already checked against the client's registered ones, as real
        providers (oidc-provider, Keycloak) do."""
        return client is not None

    def end_session(self, end_session_request):
        """The simulator keeps no login session; it revokes the person's tokens."""
        claims = end_session_request.id_token_claims
        client = end_session_request.client
        if not claims or client is None:
            return
        with session_scope() as session:
            session.execute(delete(AccessToken).where(
                AccessToken.subject == claims.get("sub"),
                AccessToken.client_id == client.get_client_id(),
            ))
