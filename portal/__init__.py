"""Mitt stöd: the app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from portal.config import check_production, load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app. Tests pass their own `config`, which wins over the environment,
    and may pass their own instance folder (keys and the dev secret live there)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=instance_path,
        instance_relative_config=True,
    )
    app.config.update(load_config(Path(app.instance_path), (config or {}).get("PORTAL_ENV")))
    if config:
        app.config.update(config)
    check_production(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from portal import db, i18n, ratelimit, sanitize, security, web
    from portal.extensions import csrf, htmx

    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    sanitize.init_app(app)
    security.init_app(app)
    web.init_app(app)
    _register_capabilities(app)
    ratelimit.init_app(app)
    _register_cli(app)
    return app


def _register_capabilities(app: Flask) -> None:
    """Each capability is a package with an `init_app`; add new ones here."""
    from portal import (
        api,
        applications,
        auth,
        casework,
        dataright,
        decisions,
        followups,
        history,
        home,
        investigation,
        messages,
        plans,
        proxies,
    )
    from portal.web import plain_labels

    plain_labels.init_app(app)
    auth.init_app(app)
    proxies.init_app(app)
    home.init_app(app)
    # The process steps, in the order a case goes through them; each serves every role.
    applications.init_app(app)
    investigation.init_app(app)
    decisions.init_app(app)
    plans.init_app(app)
    followups.init_app(app)
    messages.init_app(app)
    history.init_app(app)
    # The shells that compose the steps for one audience.
    casework.init_app(app)
    dataright.init_app(app)
    api.init_app(app)
    if app.config["DEV_FEATURES"]:
        from portal import devidp

        devidp.init_app(app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)
