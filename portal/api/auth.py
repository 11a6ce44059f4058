"""OAuth 2 client credentials for the integration API.

Why opaque tokens stored hashed, not signed JWTs: the portal is the only
resource server, so nobody else needs to verify a token offline, and a
database lookup lets `flask api-clients revoke` stop a client at once
(a JWT would stay valid until it expires). Secrets and tokens are 256-bit
random values, so a plain SHA-256 is enough to store them (no slow hash is
needed against guessing); neither is ever logged or kept in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import wraps
from urllib.parse import unquote_plus

from flask import current_app, g, jsonify, request
from sqlalchemy import delete, select

from portal.access.actor import Actor
from portal.api.models import ApiClient, ApiToken
from portal.db import get_session
from portal.modelbase import utcnow

SCOPES = ("applications:read", "decisions:write", "plans:write", "followups:read", "followups:write",
          "assignments:read", "plans:read")
TOKEN_LIFETIME = timedelta(minutes=10)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_client(name: str, unit_id: int, scopes: list[str]) -> tuple[ApiClient, str]:
    """A client and its secret; the secret is returned once and only its hash is kept."""
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise ValueError(f"unknown or missing scopes: {sorted(unknown)}")
    secret = secrets.token_urlsafe(32)
    client = ApiClient(
        client_id=f"msc_{secrets.token_hex(8)}",
        secret_hash=digest(secret),
        name=name,
        unit_id=unit_id,
        scopes=list(dict.fromkeys(scopes)),
    )
    get_session().add(client)
    get_session().flush()
    return client, secret


def revoke_client(client: ApiClient) -> None:
    client.revoked_at = utcnow()
    get_session().execute(delete(ApiToken).where(ApiToken.client_pk == client.id))


def authenticate_client() -> ApiClient | None:
    """client_secret_basic: the id and secret in HTTP Basic (form-encoded, RFC 6749 2.3.1)."""
    auth = request.authorization
    if auth is None or auth.type != "basic" or not auth.username or not auth.password:
        return None
    client_id, secret = unquote_plus(auth.username), unquote_plus(auth.password)
    client = get_session().scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    if client is None or client.revoked_at is not None:
        digest(secret)  # same work either way, so timing tells nothing
        return None
    return client if hmac.compare_digest(client.secret_hash, digest(secret)) else None


def issue_token(client: ApiClient, scopes: list[str]) -> str:
    token = secrets.token_urlsafe(32)
    db = get_session()
    # Expired tokens of this client are no use to anyone: clear them as we go.
    db.execute(delete(ApiToken).where(ApiToken.client_pk == client.id, ApiToken.expires_at < utcnow()))
    db.add(ApiToken(token_hash=digest(token), client_pk=client.id, scopes=scopes, expires_at=utcnow() + TOKEN_LIFETIME))
    db.flush()
    _revoke_beyond_cap(client)
    return token


def _revoke_beyond_cap(client: ApiClient) -> None:
    """A client holds at most API_MAX_LIVE_TOKENS live tokens: the oldest go first."""
    keep = current_app.config["API_MAX_LIVE_TOKENS"]
    newest = (
        select(ApiToken.id)
        .where(ApiToken.client_pk == client.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        .limit(keep)
    )
    kept = list(get_session().scalars(newest))
    get_session().execute(
        delete(ApiToken).where(ApiToken.client_pk == client.id, ApiToken.id.not_in(kept))
    )


def _bearer_actor() -> Actor | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    db = get_session()
    row = db.execute(
        select(ApiToken, ApiClient)
        .join(ApiClient, ApiToken.client_pk == ApiClient.id)
        .where(ApiToken.token_hash == digest(token.strip()))
    ).first()
    if row is None:
        return None
    api_token, client = row
    if api_token.expires_at <= utcnow() or client.revoked_at is not None:
        return None
    return Actor(kind="api", client_id=client.client_id, unit_id=client.unit_id, scopes=frozenset(api_token.scopes))


def _challenge(status: int, error: str, description: str, scope: str | None = None):
    params = f'error="{error}", error_description="{description}"'
    if scope:
        params += f', scope="{scope}"'
    response = jsonify(error=error, error_description=description)
    response.status_code = status
    response.headers["WWW-Authenticate"] = f'Bearer realm="mitt-stod-api", {params}'
    return response


def require_scope(scope: str):
    """A valid bearer token holding `scope`; the API actor becomes the request's actor."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            actor = _bearer_actor()
            if actor is None:
                return _challenge(401, "invalid_token", "Missing, unknown or expired access token.")
            # Views pass this actor to the gate and services explicitly (the
            # session-based current_actor() knows nothing of bearer tokens).
            g.api_actor = actor
            if scope not in actor.scopes:
                return _challenge(403, "insufficient_scope", "The token lacks a needed scope.", scope)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def api_actor() -> Actor:
    """The API client of this request (set by require_scope)."""
    return g.api_actor
