"""Pages that belong to no capability: start, help texts, errors, health."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.web import citizen_views, errors, routes

    app.register_blueprint(routes.bp)
    app.before_request(citizen_views.refuse_other_subject)
    app.jinja_env.globals["form_fields"] = citizen_views.form_fields
    errors.init_app(app)
    routes.init_context(app)
