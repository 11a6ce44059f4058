"""Uppföljning, for every role: the handläggare schedules it and reads the answers
(staff_routes), the person answers goals, quality and quality of life one topic per page
(citizen_routes, answers) and sees change over time (progress). Between follow-ups the
person can say "Mitt behov har ändrats" (need_change_routes, need_changes)."""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("followups", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.followups import citizen_routes, need_change_routes, progress, staff_routes  # noqa: F401

    app.register_blueprint(bp)
