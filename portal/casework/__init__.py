"""The handläggare's workspace: inbox, case view, beslut, plans, follow-ups."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the staff workspace's blueprint."""
    from portal.casework import decision_routes, other_routes, plan_routes, routes  # noqa: F401
    from portal.casework.helpers import bp

    app.register_blueprint(bp)
