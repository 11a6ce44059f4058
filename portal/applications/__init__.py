"""The citizen's ansökan: needs per livsområde, self-assessment, goals.

URLs (Swedish, no personal data): /mitt-stod, /ansokan/ny, and under
/ansokan/<id>/: omraden, hjalp-att-valja, omrade/<code>, omrade/<code>/skattning,
mal, kontakt, kontrollera, skicka, kvitto, kvitto.pdf, ansokan.pdf.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the application flow's blueprint and `flask applications …`."""
    from portal.applications import cli, goal_routes, step_routes, submit_routes  # noqa: F401
    from portal.applications.routes import bp

    app.register_blueprint(bp)
    app.cli.add_command(cli.applications_cli)

    @app.template_filter("date_long")
    def date_long(value):
        """A date as people say it: "23 december 2026"."""
        from flask_babel import format_date

        return format_date(value, "d MMMM y") if value else ""

    @app.template_filter("time_short")
    def time_short(value):
        """A UTC time as a Swedish clock time: "14.32"."""
        from flask_babel import format_time

        return format_time(value, "HH.mm") if value else ""
