"""JSON API for case-management systems (OAuth 2 client credentials)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the integration API (no CSRF: bearer tokens, no cookies) and its CLI."""
    from portal.api import models  # noqa: F401 - tables on the metadata
    from portal.api.cli import api_clients_cli
    from portal.api.routes import bp
    from portal.extensions import csrf

    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.cli.add_command(api_clients_cli)
