"""The case history: what happened, when, and who did it for whom, for every role.

The handläggare reads it in the case page's "Historik" (`services.timeline`); the person
reads their own at /vad-har-hant (citizen_routes).
"""

from flask import Blueprint, Flask

from portal.web.plain_labels import template_context

bp = Blueprint("history", __name__)
bp.context_processor(template_context)


def init_app(app: Flask) -> None:
    from portal.history import citizen_routes  # noqa: F401

    app.register_blueprint(bp)
