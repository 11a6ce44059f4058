"""The handläggare's shell: the caseload (every case of the unit, where it is in the process,
what needs action) and the case page, which composes what each process step offers."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the staff shell's blueprint."""
    from portal.casework import routes  # noqa: F401
    from portal.casework.helpers import bp

    app.register_blueprint(bp)
