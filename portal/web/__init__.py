"""Pages that belong to no capability: start, help texts, errors, health."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.web import errors, routes

    app.register_blueprint(routes.bp)
    errors.init_app(app)
    routes.init_context(app)
