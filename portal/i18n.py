"""Languages: Swedish first, English through Flask-Babel catalogs."""

from __future__ import annotations

from flask import Flask, current_app, session

from portal.extensions import babel

LOCALE_SESSION_KEY = "locale"


def select_locale() -> str:
    # Swedish unless the person chose another language with the switch.
    chosen = session.get(LOCALE_SESSION_KEY)
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/../translations"),
    )
