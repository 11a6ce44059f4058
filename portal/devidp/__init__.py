"""Simulated BankID OpenID Connect provider, for development and tests only.

`init_app` is called by the app factory only when DEV_FEATURES is on. It
serves a complete OpenID Connect provider under /dev-idp with screens that
look and behave like BankID, but anyone can log in as anyone.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .keys import ensure_keys, rotate_signing_key
from .models import EXTENSION_KEY, init_storage

__all__ = ["init_app", "rotate_signing_key"]


def init_app(app: Flask) -> None:
    from portal.extensions import csrf

    from . import routes
    from .server import create_server

    ensure_keys(app)
    init_storage(app)
    app.extensions.setdefault(EXTENSION_KEY, {})["server"] = create_server(app)
    # Clients call these directly, without the browser's CSRF token.
    for view in (routes.token, routes.userinfo, routes.jwks, routes.logout):
        csrf.exempt(view)
    app.register_blueprint(routes.bp)
    app.cli.add_command(devidp_cli)


devidp_cli = AppGroup("devidp", help="The simulated BankID provider (development only).")


@devidp_cli.command("rotate-key")
def rotate_key_command() -> None:
    """Add a new signing key; tokens signed with older keys still verify."""
    kid = rotate_signing_key(current_app)
    click.echo(f"New signing key: {kid}")
