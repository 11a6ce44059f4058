"""Relying parties of the simulator, read from `DEVIDP_CLIENTS` in the app config."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin, scope_to_list
from flask import current_app, request

from .claims import PNR_SCOPE

SUPPORTED_SCOPES = ("openid", "profile", PNR_SCOPE)
AUTH_METHODS = ("client_secret_basic", "private_key_jwt")


@dataclass(frozen=True)
class SimulatedClient(ClientMixin):
    client_id: str
    client_secret: str | None
    token_endpoint_auth_method: str
    redirect_paths: tuple[str, ...]
    post_logout_redirect_paths: tuple[str, ...] = ()
    jwks: dict | None = None

    @property
    def client_metadata(self) -> dict:
        """Registered URIs on the current request's origin, as Authlib reads them."""
        origin = request.host_url.rstrip("/")
        return {"post_logout_redirect_uris": [origin + p for p in self.post_logout_redirect_paths]}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        # Clients must always say where to go back to.
        return None

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in scope_to_list(scope) or [] if s in SUPPORTED_SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return _same_origin_path(redirect_uri, self.redirect_paths)

    def check_client_secret(self, client_secret: str) -> bool:
        if not self.client_secret:
            return False
        return hmac.compare_digest(self.client_secret.encode(), client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method == self.token_endpoint_auth_method

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


def _same_origin_path(uri: str, allowed_paths: tuple[str, ...]) -> bool:
    """True if `uri` is on this request's origin and its path is allowed exactly.

    The portal and the simulator share one origin in development, on
    varying ports, so only the path is configured.
    """
    try:
        parts = urlsplit(uri)
        own = urlsplit(request.host_url)
        same_origin = (parts.scheme, parts.netloc) == (own.scheme, own.netloc)
    except ValueError:
        return False
    return (
        same_origin
        and parts.path in allowed_paths
        and not parts.query
        and not parts.fragment
        and "?" not in uri
        and "#" not in uri
        and not parts.username
    )


def query_client(client_id: str) -> SimulatedClient | None:
    for config in current_app.config.get("DEVIDP_CLIENTS") or ():
        if config.get("client_id") == client_id:
            return _client_from_config(config)
    return None


def _client_from_config(config: dict) -> SimulatedClient:
    method = config.get("token_endpoint_auth_method", "client_secret_basic")
    if method not in AUTH_METHODS:
        raise ValueError(f"Unsupported token_endpoint_auth_method: {method}")
    return SimulatedClient(
        client_id=config["client_id"],
        client_secret=config.get("client_secret"),
        token_endpoint_auth_method=method,
        redirect_paths=tuple(config.get("redirect_paths") or ()),
        post_logout_redirect_paths=tuple(config.get("post_logout_redirect_paths") or ()),
        jwks=config.get("jwks"),
    )
