from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, session
from flask_babel import get_locale
from sqlalchemy import text

from portal.access import current_actor
from portal.access.actor import known_actor
from portal.db import get_session
from portal.easyread import load_easyread
from portal.i18n import LOCALE_SESSION_KEY
from portal.web.citizen_views import acted_by_text
from portal.web.errors import without_database
from portal.web.rendering import render, safe_next

bp = Blueprint("main", __name__)


def init_context(app) -> None:
    @app.context_processor
    def _inject():
        # A server error page is drawn without the database: the actor only if
        # already known, and no names (the header shows less, but it shows).
        degraded = without_database()
        actor = known_actor() if degraded else current_actor()
        return {
            "actor": actor,
            "current_user_name": None if degraded else _user_name(actor),
            "acting_for_name": None if degraded else _acting_for_name(actor),
            "municipality_name": app.config["MUNICIPALITY_NAME"],
            "current_locale": str(get_locale()),
            "easyread": lambda name: load_easyread(name, str(get_locale())),
            "acted_by_text": acted_by_text,
        }


def _user_name(actor) -> str | None:
    from portal.people.models import Citizen, StaffUser

    if actor.is_staff:
        return get_session().get(StaffUser, actor.staff_id).name
    if actor.citizen_id is not None:
        return get_session().get(Citizen, actor.citizen_id).name
    return None


def _acting_for_name(actor) -> str | None:
    from portal.people.models import Citizen

    if actor.kind != "proxy":
        return None
    return get_session().get(Citizen, actor.subject_citizen_id).name


@bp.get("/")
def start():
    actor = current_actor()
    if actor.is_staff:
        return redirect("/handlaggare/", code=303)
    if actor.is_citizen_side:
        return redirect("/mitt-stod", code=303)
    return render("main/start.html")


@bp.get("/tillganglighet")
def accessibility():
    return render("main/text_page.html", text_name="accessibility", title_key="accessibility")


@bp.get("/personuppgifter")
def data_notice():
    return render("main/text_page.html", text_name="data_notice", title_key="data_notice")


@bp.post("/sprak")
def switch_language():
    locale = request.form.get("locale")
    if locale in current_app.config["LANGUAGES"]:
        session[LOCALE_SESSION_KEY] = locale
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    try:
        get_session().execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        current_app.logger.warning("readiness check: database did not answer")
        return jsonify(status="unavailable", database="down"), 503
    return jsonify(status="ok", database="up")
