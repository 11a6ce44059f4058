"""Utredning: the handläggare's assessment per livsområde next to the person's own words,
internal notes, and the case exports (JSON for the case-management system, PDF)."""

from flask import Blueprint, Flask

bp = Blueprint("investigation", __name__)


def init_app(app: Flask) -> None:
    from portal.investigation import export_routes, routes  # noqa: F401
    from portal.investigation.person_gave import person_gave

    app.register_blueprint(bp)
    # The case page is composed by casework; its part from this step reads the ansökan directly.
    app.jinja_env.globals["person_gave"] = person_gave
