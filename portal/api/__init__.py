"""JSON API for case-management systems (OAuth 2 client credentials)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the integration API (no CSRF: bearer tokens, no cookies) and its CLI."""
    from portal.api import models  # noqa: F401 - tables on the metadata
    from portal.api.cli import api_clients_cli
    from portal.api.routes import bp

    # Each process step adds its endpoints to the one API blueprint.
    from portal.decisions import api as decision_api  # noqa: F401
    from portal.extensions import csrf
    from portal.followups import api as follow_up_api  # noqa: F401
    from portal.plans import api as plan_api  # noqa: F401

    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.cli.add_command(api_clients_cli)
