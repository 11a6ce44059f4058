"""Uppdrag and genomförandeplan, for every role: the handläggare (or utförare) writes the plan
(staff_routes), the person reads it and agrees or asks for a change (citizen_routes, responses),
and the case-management system records one through the API."""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("plans", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.plans import (  # noqa: F401
        citizen_assignment_routes,
        citizen_routes,
        provider_routes,
        staff_review_routes,
        staff_routes,
    )

    app.register_blueprint(bp)
