"""Login through OpenID Connect, and server-side sessions (see README.md here)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

import click
from flask import Flask, current_app, session
from flask.cli import AppGroup
from joserfc.jwk import RSAKey, import_key

from portal.auth.decorators import citizen_required, staff_required
from portal.auth.pending import take_pending_form

__all__ = ["citizen_required", "init_app", "staff_required", "take_pending_form"]

STAFF_DEV_KEY_FILE = "portal-staff-client-key.json"


def init_app(app: Flask) -> None:
    from portal.auth import routes
    from portal.auth.sessions import DatabaseSessionInterface

    if app.config.get("DEV_FEATURES"):
        _development_defaults(app)
    app.session_interface = DatabaseSessionInterface()
    app.register_blueprint(routes.bp)
    app.before_request(_log_expiry)
    app.cli.add_command(sessions_cli)


def _log_expiry() -> None:
    """A session found expired at this request: the access log gets a logout."""
    from portal.access.actor import Actor
    from portal.audit.services import log_access
    from portal.domain.vocabulary import AccessAction

    owner = getattr(session, "expired_owner", None)
    if not owner:
        return
    session.expired_owner = None
    kind, _, raw_id = owner.partition(":")
    person_id = int(raw_id)
    if kind == "staff":
        actor = Actor(kind="staff", staff_id=person_id)
    else:
        actor = Actor(kind="citizen", citizen_id=person_id, subject_citizen_id=person_id)
    log_access(actor, AccessAction.LOGOUT, "session", subject_citizen_id=actor.citizen_id,
               reason_code="timeout")


# -- development: the portal as two clients of the simulated provider ----------


def _development_defaults(app: Flask) -> None:
    """Make the portal and the simulator know each other, unless configured.

    Citizens use client_secret_basic with a secret derived from SECRET_KEY;
    staff use private_key_jwt with a key kept in the instance folder, so both
    client authentication methods are exercised every day.
    """
    config = app.config
    if not config.get("PORTAL_OIDC_ISSUER"):
        if not (config.get("PORTAL_OIDC_CLIENT_SECRET") or config.get("PORTAL_OIDC_PRIVATE_KEY")):
            config["PORTAL_OIDC_CLIENT_SECRET"] = _derived_secret(config["SECRET_KEY"])
    staff_configured = config.get("PORTAL_STAFF_OIDC_CLIENT_SECRET") or config.get(
        "PORTAL_STAFF_OIDC_PRIVATE_KEY"
    )
    if not config.get("PORTAL_STAFF_OIDC_ISSUER") and not staff_configured:
        config["PORTAL_STAFF_OIDC_PRIVATE_KEY"] = str(_staff_dev_key(Path(app.instance_path)))
    config.setdefault("DEVIDP_CLIENTS", [
        _simulator_client(
            config["PORTAL_OIDC_CLIENT_ID"], config.get("PORTAL_OIDC_CLIENT_SECRET"),
            config.get("PORTAL_OIDC_PRIVATE_KEY"), "/auth/callback",
        ),
        _simulator_client(
            config["PORTAL_STAFF_OIDC_CLIENT_ID"], config.get("PORTAL_STAFF_OIDC_CLIENT_SECRET"),
            config.get("PORTAL_STAFF_OIDC_PRIVATE_KEY"), "/handlaggare/auth/callback",
        ),
    ])


def _derived_secret(secret_key: str) -> str:
    return hmac.new(secret_key.encode(), b"devidp-client-secret", hashlib.sha256).hexdigest()


def _simulator_client(client_id, secret, key_path, callback_path) -> dict:
    jwks = None
    if key_path:
        jwks = {"keys": [_public_jwk(key_path)]}
    return {
        "client_id": client_id,
        "client_secret": None if key_path else secret,
        "token_endpoint_auth_method": "private_key_jwt" if key_path else "client_secret_basic",
        "redirect_paths": [callback_path],
        "post_logout_redirect_paths": ["/utloggad"],
        "jwks": jwks,
    }


def _public_jwk(key_path: str) -> dict:
    from portal.auth.oidc import _private_key

    return _private_key(key_path).as_dict(private=False)


def _staff_dev_key(instance: Path) -> Path:
    """The staff client's private key (JWK), created once with mode 0600."""
    path = instance / STAFF_DEV_KEY_FILE
    if path.exists():
        return path
    instance.mkdir(parents=True, exist_ok=True)
    key = RSAKey.generate_key(2048, parameters={"alg": "RS256", "use": "sig"}, private=True,
                              auto_kid=True)
    tmp = instance / f".{STAFF_DEV_KEY_FILE}.{secrets.token_hex(6)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(key.as_dict(private=True), handle)
    try:
        os.link(tmp, path)  # fails if another process won the race; theirs is kept
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    import_key(json.loads(path.read_text()))  # refuse to start with a broken file
    return path


# -- CLI ------------------------------------------------------------------------

sessions_cli = AppGroup("sessions", help="Browser sessions.")


@sessions_cli.command("purge")
def purge_command() -> None:
    """Delete sessions past their lifetime (run it from cron, e.g. hourly)."""
    from portal.auth.sessions import purge_expired

    removed = purge_expired(current_app.extensions["db_engine"], current_app.config)
    click.echo(f"Removed {removed} expired sessions.")
