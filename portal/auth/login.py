"""The login flow: start at the provider, come back, check everything, sign in.

`begin` remembers state, nonce and PKCE verifier in the session; `complete`
takes them back exactly once and runs every check; `sign_in_*` link the
person and start a fresh session. Refusals raise tokens.LoginRefused.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, session

from portal.access.actor import ANONYMOUS, SESSION_CITIZEN, SESSION_STAFF, Actor
from portal.audit.services import log_access
from portal.auth import oidc
from portal.auth.sessions import owner_of
from portal.auth.tokens import PNR_CLAIM, Expected, LoginRefused, check_userinfo_subject
from portal.auth.tokens import validate_id_token as _validate
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.vocabulary import AccessAction
from portal.modelbase import utcnow
from portal.people.services import find_or_create_citizen, find_staff
from portal.proxies.invitations import link_invitations

PENDING_KEY = "oidc_pending"  # state -> what the callback needs to check
PENDING_LIFETIME = 600  # seconds a started login may take
MAX_PENDING = 3  # logins started in other tabs that may still come back
ID_TOKEN_KEY = "id_token_sealed"  # noqa: S105 - a session key name; for id_token_hint at logout
LOGIN_KIND_KEY = "login_kind"


@dataclass(frozen=True)
class VerifiedIdentity:
    personnummer: object  # PersonalIdentityNumber; its repr never shows the number
    given_name: str
    family_name: str
    id_token: str


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def begin(kind: str) -> str:
    """Remember a new state, nonce and verifier; return the provider's login URL."""
    provider = oidc.provider_for(kind)
    document = oidc.metadata(provider)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)  # 256 bits each
    verifier = secrets.token_urlsafe(64)
    now = time.time()
    pending = {
        key: value
        for key, value in (session.get(PENDING_KEY) or {}).items()
        if now - value.get("at", 0) < PENDING_LIFETIME
    }
    pending = dict(sorted(pending.items(), key=lambda item: item[1]["at"])[-(MAX_PENDING - 1):])
    pending[state] = {"kind": kind, "nonce": nonce, "verifier": verifier, "at": now}
    session[PENDING_KEY] = pending
    return oidc.authorization_url(
        provider, document, state=state, nonce=nonce, challenge=s256(verifier)
    )


def take_pending(kind: str, state: str | None) -> dict:
    """The login this state belongs to, removed so the state works only once."""
    pending = dict(session.get(PENDING_KEY) or {})
    entry = pending.pop(state, None) if isinstance(state, str) else None
    if entry is not None:
        session[PENDING_KEY] = pending
    if entry is None or entry["kind"] != kind or time.time() - entry["at"] > PENDING_LIFETIME:
        raise LoginRefused("state_mismatch")
    return entry


def complete(kind: str, args) -> VerifiedIdentity:
    """Check the callback and the tokens; the verified person or LoginRefused."""
    entry = take_pending(kind, args.get("state"))
    code = args.get("code")
    if not code:
        raise LoginRefused("missing_code")
    provider = oidc.provider_for(kind)
    document = oidc.metadata(provider)
    oidc.check_response_issuer(provider, document, args.get("iss"))
    tokens = oidc.exchange_code(provider, document, code, entry["verifier"])
    expected = Expected(
        issuer=provider.issuer,
        client_id=provider.client_id,
        nonce=entry["nonce"],
        accepted_acr=tuple(current_app.config["PORTAL_OIDC_ACCEPTED_ACR"]),
    )
    claims = _validate(tokens["id_token"], expected, oidc.key_lookup(document))
    if not claims.get(PNR_CLAIM) or not claims.get("given_name") or not claims.get("family_name"):
        # Some brokers give the identity only from userinfo; it must be the same person.
        userinfo = oidc.fetch_userinfo(document, tokens.get("access_token"))
        check_userinfo_subject(userinfo, claims)
        claims = {**userinfo, **claims}
    return VerifiedIdentity(
        personnummer=_personnummer(claims.get(PNR_CLAIM)),
        given_name=_name(claims.get("given_name")),
        family_name=_name(claims.get("family_name")),
        id_token=tokens["id_token"],
    )


def _personnummer(value):
    if not isinstance(value, str) or not value:
        raise LoginRefused("missing_personnummer")
    try:
        return parse_personnummer(value)
    except InvalidPersonnummer:
        raise LoginRefused("invalid_personnummer") from None


def _name(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LoginRefused("missing_name")
    return value.strip()[:100]


def discard_pending(state: str | None) -> None:
    """Forget a started login (the provider said it ended without a person)."""
    pending = dict(session.get(PENDING_KEY) or {})
    if isinstance(state, str) and pending.pop(state, None) is not None:
        session[PENDING_KEY] = pending


# -- signing in -----------------------------------------------------------------


def sign_in_citizen(identity: VerifiedIdentity):
    citizen = find_or_create_citizen(
        identity.personnummer, identity.given_name, identity.family_name
    )
    citizen.last_login_at = utcnow()
    link_invitations(citizen)  # a fullmakt given to them, or asked of them, while they were away
    _start_session(SESSION_CITIZEN, citizen.id, oidc.CITIZEN, identity.id_token)
    actor = Actor(kind="citizen", citizen_id=citizen.id, subject_citizen_id=citizen.id)
    log_access(actor, AccessAction.LOGIN, "session", subject_citizen_id=citizen.id)
    return citizen


def sign_in_staff(identity: VerifiedIdentity):
    staff = find_staff(identity.personnummer)
    if staff is None or not staff.active:
        raise LoginRefused("not_staff")
    staff.last_login_at = utcnow()
    _start_session(SESSION_STAFF, staff.id, oidc.STAFF, identity.id_token)
    actor = Actor(kind="staff", staff_id=staff.id, unit_id=staff.unit_id, role=staff.role)
    log_access(actor, AccessAction.LOGIN, "session")
    return staff


def _start_session(key: str, person_id: int, kind: str, id_token: str) -> None:
    """A new session id (against session fixation) carrying over only the safe keys."""
    session.regenerate()
    session[key] = person_id
    pending_form = session.get("pending_form")
    if pending_form and pending_form.get("owner") != owner_of(session):
        # Typed by someone else on this browser before the session expired.
        session.pop("pending_form")
    session[LOGIN_KIND_KEY] = kind
    session[ID_TOKEN_KEY] = seal(id_token)


def log_refusal(reason: str) -> None:
    log_access(ANONYMOUS, AccessAction.LOGIN_FAILED, "session", reason_code=reason[:40],
               outcome="denied")


# -- the ID token kept for logout, sealed: it carries the personnummer ---------


def _sealing_key() -> bytes:
    secret = current_app.config.get("PORTAL_DATA_KEY") or current_app.config["SECRET_KEY"]
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"mitt-stod",
                info=b"session-id-token").derive(secret.encode())


def seal(text: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_sealing_key()).encrypt(nonce, text.encode(), b"id_token")
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal(value: str | None) -> str | None:
    if not value:
        return None
    try:
        blob = base64.urlsafe_b64decode(value)
        return AESGCM(_sealing_key()).decrypt(blob[:12], blob[12:], b"id_token").decode()
    except Exception:  # noqa: BLE001 - a key change makes old values unreadable; that is fine
        return None
