"""Beslut, for every role: before it, the kommunicering (communication; staff_communication_routes
and citizen_communication_routes); the handläggare writes and publishes it (staff_routes), the person
reads it in plain words and may appeal (citizen_routes, appeals), the handläggare handles the appeal
(staff_appeal_routes, appeal_handling), and the case-management system records one through the API (api)."""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("decisions", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.decisions import (  # noqa: F401
        citizen_communication_routes,
        citizen_routes,
        staff_appeal_routes,
        staff_communication_routes,
        staff_routes,
    )

    app.register_blueprint(bp)
