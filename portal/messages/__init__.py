"""Secure messages per person, for both sides, and content-free notifications."""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("messages", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.messages import routes  # noqa: F401

    app.register_blueprint(bp)
