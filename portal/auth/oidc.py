"""The OpenID Connect relying party: provider settings, discovery, keys, token calls.

Everything is read from the app config at request time, so one process can
follow a changed issuer (tests move the simulated provider to a new port).
Discovery documents and key sets are cached per process; they are public
metadata, not session state, so several processes may each hold a copy.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import requests
from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey, import_key

from portal.auth.tokens import LoginRefused
from portal.config import DEFAULT_OIDC_SCOPES
from portal.web.urls import public_base

HTTP_TIMEOUT = 10  # seconds for every call to the provider
DISCOVERY_TTL = 3600  # seconds a discovery document is reused
JWKS_TTL = 3600
MAX_RESPONSE_BYTES = 512 * 1024
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
CITIZEN, STAFF = "citizen", "staff"

_cache: dict[str, tuple[float, object]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Provider:
    """One relying-party registration: who we are at which provider."""

    kind: str  # CITIZEN or STAFF
    issuer: str
    client_id: str
    client_secret: str | None
    private_key_path: str | None
    callback_path: str
    scopes: tuple[str, ...]
    auth_method: str  # client_secret_basic, client_secret_post or private_key_jwt
    logout_method: str  # "get" (no ID token sent) or "post" (id_token_hint in the body)

    @property
    def redirect_uri(self) -> str:
        return public_url() + self.callback_path.lstrip("/")


def public_url() -> str:
    """The portal's own address with a trailing slash: configured, never the Host header."""
    return public_base() + "/"


def _dev_issuer() -> str | None:
    return public_base() + "/dev-idp" if current_app.config.get("DEV_FEATURES") else None


def provider_for(kind: str) -> Provider:
    config = current_app.config
    citizen_issuer = config.get("PORTAL_OIDC_ISSUER") or _dev_issuer()
    if kind == STAFF:
        prefix, callback_path = "PORTAL_STAFF_OIDC", "/handlaggare/auth/callback"
        issuer = config.get("PORTAL_STAFF_OIDC_ISSUER") or citizen_issuer
    else:
        prefix, callback_path, issuer = "PORTAL_OIDC", "/auth/callback", citizen_issuer
    private_key_path = config.get(f"{prefix}_PRIVATE_KEY")
    return Provider(
        kind=STAFF if kind == STAFF else CITIZEN,
        issuer=(issuer or "").rstrip("/"),
        client_id=config[f"{prefix}_CLIENT_ID"],
        client_secret=config.get(f"{prefix}_CLIENT_SECRET"),
        private_key_path=private_key_path,
        callback_path=callback_path,
        scopes=tuple(config.get(f"{prefix}_SCOPES") or DEFAULT_OIDC_SCOPES),
        auth_method=config.get(f"{prefix}_TOKEN_AUTH_METHOD")
        or ("private_key_jwt" if private_key_path else "client_secret_basic"),
        logout_method=config.get(f"{prefix}_LOGOUT_METHOD") or "get",
    )


def clear_caches() -> None:
    with _lock:
        _cache.clear()


# -- HTTP -------------------------------------------------------------------


def check_transport(url: str) -> None:
    """Only https, except loopback and development (the simulator runs over http)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and (
        parts.hostname in LOOPBACK_HOSTS or current_app.config.get("DEV_FEATURES")
    ):
        return
    raise LoginRefused("insecure_provider")


def _json(response: requests.Response, reason: str) -> dict:
    if len(response.content) > MAX_RESPONSE_BYTES:
        raise LoginRefused(reason)
    try:
        body = response.json()
    except ValueError:
        raise LoginRefused(reason) from None
    if not isinstance(body, dict):
        raise LoginRefused(reason)
    return body


def _get(url: str, reason: str, **kwargs) -> dict:
    check_transport(url)
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT, allow_redirects=False, **kwargs)
    except requests.RequestException:
        raise LoginRefused("provider_unreachable") from None
    if response.status_code != 200:
        raise LoginRefused(reason)
    return _json(response, reason)


def _cached(key: str, ttl: float, load, refresh: bool = False):
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit and not refresh and now - hit[0] < ttl:
        return hit[1]
    value = load()
    with _lock:
        _cache[key] = (now, value)
    return value


# -- discovery and keys -------------------------------------------------------


def metadata(provider: Provider) -> dict:
    """The provider's discovery document; its issuer must be exactly ours."""
    if not provider.issuer:
        raise LoginRefused("no_provider")

    def load() -> dict:
        url = provider.issuer + "/.well-known/openid-configuration"
        document = _get(url, "bad_discovery")
        if document.get("issuer") != provider.issuer:
            raise LoginRefused("discovery_issuer_mismatch")
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(document.get(name), str):
                raise LoginRefused("bad_discovery")
        return document

    return _cached("discovery:" + provider.issuer, DISCOVERY_TTL, load)


def key_lookup(document: dict):
    """A KeyLookup for tokens.validate_id_token over this provider's JWKS."""

    def lookup(_kid, refresh: bool):
        def load():
            body = _get(document["jwks_uri"], "bad_jwks")
            try:
                return KeySet.import_key_set(body).keys
            except (JoseError, ValueError, TypeError, KeyError):
                raise LoginRefused("bad_jwks") from None

        return _cached("jwks:" + document["jwks_uri"], JWKS_TTL, load, refresh=refresh)

    return lookup


# -- the authorization request and the token call ------------------------------


def authorization_url(provider: Provider, document: dict, *, state, nonce, challenge) -> str:
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": provider.redirect_uri,
        "scope": " ".join(provider.scopes),
        "state": state,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "acr_values": " ".join(current_app.config["PORTAL_OIDC_ACCEPTED_ACR"]),
        "ui_locales": "sv",
    }
    endpoint = document["authorization_endpoint"]
    check_transport(endpoint)
    separator = "&" if urlsplit(endpoint).query else "?"
    return endpoint + separator + urlencode(params)


def _private_key(path: str) -> RSAKey | ECKey:
    """A PEM file or a JWK (JSON) file holding the client's private key."""
    text = Path(path).read_text()
    if text.lstrip().startswith("{"):
        return import_key(json.loads(text))
    key_type = "EC" if "EC PRIVATE KEY" in text else "RSA"
    try:
        return import_key(text, key_type)
    except (JoseError, ValueError):
        return import_key(text, "EC" if key_type == "RSA" else "RSA")


def client_assertion(provider: Provider, token_endpoint: str) -> str:
    """A private_key_jwt assertion (RFC 7523): short-lived, single-use jti."""
    key = _private_key(provider.private_key_path)
    algorithm = "ES256" if key.key_type == "EC" else "RS256"
    now = int(time.time())
    claims = {
        "iss": provider.client_id,
        "sub": provider.client_id,
        "aud": token_endpoint,
        "jti": secrets.token_urlsafe(24),
        "iat": now,
        "exp": now + 60,
    }
    header = {"alg": algorithm, "typ": "JWT"}
    if key.kid:
        header["kid"] = key.kid
    return jwt.encode(header, claims, key, algorithms=[algorithm])


def _client_auth(provider: Provider, token_endpoint: str) -> tuple[dict, tuple | None]:
    """Form fields and Basic credentials for the configured token-endpoint method."""
    if provider.auth_method == "private_key_jwt":
        if not provider.private_key_path:
            raise LoginRefused("no_client_credentials")
        return {
            "client_id": provider.client_id,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": client_assertion(provider, token_endpoint),
        }, None
    if not provider.client_secret:
        raise LoginRefused("no_client_credentials")
    if provider.auth_method == "client_secret_post":
        return {"client_id": provider.client_id, "client_secret": provider.client_secret}, None
    # RFC 6749 2.3.1: form-encode id and secret before they go into Basic.
    return {}, (quote(provider.client_id, safe=""), quote(provider.client_secret, safe=""))


def check_response_issuer(provider: Provider, document: dict, issuer: str | None) -> None:
    """RFC 9207: the `iss` of the authorization response names our provider (mix-up)."""
    if issuer is None:
        if document.get("authorization_response_iss_parameter_supported") is True:
            raise LoginRefused("missing_response_iss")
        return
    if issuer != provider.issuer:
        raise LoginRefused("wrong_response_iss")


def exchange_code(provider: Provider, document: dict, code: str, verifier: str) -> dict:
    """Trade the code for tokens at the token endpoint."""
    endpoint = document["token_endpoint"]
    check_transport(endpoint)
    extra, basic = _client_auth(provider, endpoint)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": provider.redirect_uri,
        "code_verifier": verifier,
        **extra,
    }
    try:
        response = requests.post(endpoint, data=data, auth=basic, timeout=HTTP_TIMEOUT,
                                 allow_redirects=False, headers={"Accept": "application/json"})
    except requests.RequestException:
        raise LoginRefused("provider_unreachable") from None
    if response.status_code != 200:
        raise LoginRefused("token_error")
    tokens = _json(response, "token_error")
    if not isinstance(tokens.get("id_token"), str):
        raise LoginRefused("no_id_token")
    return tokens


def fetch_userinfo(document: dict, access_token: str | None) -> dict:
    endpoint = document.get("userinfo_endpoint")
    if not endpoint or not access_token:
        raise LoginRefused("missing_personnummer")
    return _get(endpoint, "userinfo_error", headers={"Authorization": f"Bearer {access_token}",
                                                     "Accept": "application/json"})
