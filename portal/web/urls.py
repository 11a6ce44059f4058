"""The portal's own address for links that leave the page: never the Host header.

Production requires PORTAL_PUBLIC_URL (portal/config.py). In development and
tests without it, the request's root is used, and Flask has already refused
any host not in TRUSTED_HOSTS.
"""

from __future__ import annotations

from flask import current_app, request, url_for


def public_base() -> str:
    """The portal's address without a trailing slash."""
    configured = current_app.config.get("PORTAL_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if current_app.config.get("PORTAL_ENV") == "production":
        raise RuntimeError("PORTAL_PUBLIC_URL is required in production.")
    return request.url_root.rstrip("/")


def external_url(endpoint: str, **values) -> str:
    return public_base() + url_for(endpoint, **values)
