"""Beslut, for every role: the handläggare writes and publishes it (staff_routes), the person
reads it in plain words and may appeal (citizen_routes, appeals), and the case-management system
records one through the API (api)."""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("decisions", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.decisions import citizen_routes, staff_routes  # noqa: F401

    app.register_blueprint(bp)
