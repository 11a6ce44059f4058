"""The person's data rights: "Vem har läst mina uppgifter" and the registerutdrag."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_datetime, get_locale


def init_app(app: Flask) -> None:
    from portal.dataright import routes, words

    app.register_blueprint(routes.bp)
    app.jinja_env.filters["extract_time"] = extract_time
    app.jinja_env.filters["proxy_scope"] = _scope
    app.jinja_env.globals.update(area_name=area_name, service_name=service_name)
    app.jinja_env.globals.update(words.template_helpers())
    app.jinja_env.filters["extract_day"] = extract_day


def extract_time(value: str | None) -> str:
    """An ISO time from the extract, as people read it (Europe/Stockholm)."""
    if not value:
        return "–"
    return format_datetime(datetime.fromisoformat(value), "short")


def extract_day(value: str | None) -> str:
    """An ISO day from the extract as people say it ("23 december 2026")."""
    from portal.web.plain_labels import date_text

    return date_text(date.fromisoformat(value[:10])) if value else "–"


def _scope(value: str) -> str:
    from portal.proxies.labels import scope_label

    return scope_label(value)


def _swedish() -> bool:
    return str(get_locale() or "sv").startswith("sv")


def area_name(code: str) -> str:
    from portal.domain.life_areas import get_life_area

    try:
        area = get_life_area(code)
    except KeyError:
        return code
    return area.easy_name_sv if _swedish() else area.easy_name_en


def service_name(code: str) -> str:
    from portal.domain.services import get_service_type

    try:
        service = get_service_type(code)
    except KeyError:
        return code
    return service.name_sv if _swedish() else service.name_en
