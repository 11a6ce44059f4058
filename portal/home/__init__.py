"""The citizen's start page (/mitt-stod): a shell that composes what each process step offers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.home.routes import bp

    app.register_blueprint(bp)
