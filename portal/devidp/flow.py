"""The login flow between /authorize and the redirect back to the client.

The authorization request is validated by Authlib once, stored, and replayed
through Authlib when the BankID order completes, so every code is issued by
the same validation as a direct request would get.
"""

from __future__ import annotations

import json
import secrets
import time

from authlib.oauth2.rfc6749 import AccessDeniedError, OAuth2Error
from flask import current_app
from sqlalchemy import delete

from .identities import Person
from .models import PendingAuthorization, purge_expired, session_scope
from .server import StoredAuthorizationRequest

PENDING_LIFETIME = 600  # seconds the person has to finish logging in

# The parameters the simulator understands; anything else is dropped.
KEPT_PARAMS = (
    "response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
    "code_challenge", "code_challenge_method", "prompt", "acr_values", "ui_locales",
)


def server():
    return current_app.extensions["devidp"]["server"]


def store_pending(client_id: str, params: dict) -> str:
    """Remember a validated authorization request; returns its random id."""
    request_id = secrets.token_urlsafe(24)
    kept = {k: v for k, v in params.items() if k in KEPT_PARAMS}
    with session_scope() as session:
        purge_expired(session)
        session.add(PendingAuthorization(
            id=request_id, client_id=client_id, params_json=json.dumps(kept),
            expires_at=time.time() + PENDING_LIFETIME,
        ))
    return request_id


def load_pending(request_id: str) -> dict | None:
    """The stored parameters, or None if unknown or too old."""
    with session_scope() as session:
        pending = session.get(PendingAuthorization, request_id)
        if pending is None or pending.expires_at < time.time():
            return None
        return json.loads(pending.params_json)


def forget_pending(request_id: str) -> None:
    with session_scope() as session:
        session.execute(delete(PendingAuthorization).where(PendingAuthorization.id == request_id))


def issue_code(request_id: str, params: dict, person: Person) -> str | None:
    """Run the stored request through Authlib; return where to send the browser.

    Returns the client's redirect URI with `code` and `state` (or with an
    OAuth error), or None if the request is no longer valid for any redirect.
    """
    oauth_request = StoredAuthorizationRequest(params)
    try:
        grant = server().get_authorization_grant(oauth_request)
    except OAuth2Error:
        return None
    response = server().create_authorization_response(
        request=oauth_request, grant_user=person, grant=grant
    )
    forget_pending(request_id)
    return response.headers.get("Location") if response.status_code == 302 else None


def denied_location(request_id: str, params: dict) -> str:
    """The client's redirect URI with error=access_denied and the state."""
    error = AccessDeniedError(redirect_uri=params["redirect_uri"], state=params.get("state"))
    forget_pending(request_id)
    _status, _body, headers = error()
    return dict(headers)["Location"]
