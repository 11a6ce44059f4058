"""Login, logout and session views (blueprint `auth`)."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, current_app, jsonify, redirect, request, session

from portal.access.actor import ANONYMOUS, SESSION_CITIZEN, current_actor, set_actor
from portal.audit.services import log_access
from portal.auth import login, oidc
from portal.auth.decorators import CITIZEN_LOGIN, STAFF_LOGIN, staff_required
from portal.auth.sessions import PREVIOUS_OWNER, idle_limit
from portal.auth.tokens import LoginRefused
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.web.rendering import render, safe_next

bp = Blueprint("auth", __name__)

CITIZEN_HOME = "/mitt-stod"
STAFF_HOME = "/handlaggare/"
# Where staff may be sent back to after login: the handläggare's pages and the utförare's.
STAFF_AREAS = (STAFF_HOME, "/utforare/")
PROVIDER_HOME = "/utforare/"


def _login_path(kind: str) -> str:
    return STAFF_LOGIN if kind == oidc.STAFF else CITIZEN_LOGIN


def _landing(kind: str) -> str:
    target = session.pop("next", None)
    if kind == oidc.STAFF:
        target = safe_next(target, STAFF_HOME)
        return target if target.startswith(STAFF_AREAS) else STAFF_HOME
    if target is None and session.get(SESSION_CITIZEN) is not None:
        # An ombud first chooses whom to act for.
        from portal.proxies.services import landing_after_login

        return landing_after_login(session[SESSION_CITIZEN], default=CITIZEN_HOME)
    return safe_next(target, CITIZEN_HOME)


def _refused(kind: str, reason: str):
    login.log_refusal(reason)
    if reason == "not_staff":
        return render("auth/not_staff.html"), 403
    return render("auth/refused.html", retry_url=_login_path(kind)), 400


def _begin(kind: str):
    actor = current_actor()
    if (kind == oidc.STAFF and actor.is_staff) or (kind == oidc.CITIZEN and actor.is_citizen_side):
        return redirect(_landing(kind), 303)
    try:
        return redirect(login.begin(kind), 303)
    except LoginRefused as refusal:
        return _refused(kind, refusal.reason)


def _callback(kind: str):
    error = request.args.get("error")
    if error:
        login.discard_pending(request.args.get("state"))
        if error == "access_denied":
            login.log_refusal("cancelled")
            return render("auth/cancelled.html", retry_url=_login_path(kind))
        return _refused(kind, "provider_error")
    try:
        identity = login.complete(kind, request.args)
        if kind == oidc.STAFF:
            login.sign_in_staff(identity)
        else:
            login.sign_in_citizen(identity)
    except LoginRefused as refusal:
        return _refused(kind, refusal.reason)
    return redirect(_landing(kind), 303)


@bp.get("/logga-in")
def citizen_login():
    return _begin(oidc.CITIZEN)


@bp.get("/auth/callback")
def citizen_callback():
    return _callback(oidc.CITIZEN)


@bp.get("/handlaggare/logga-in")
def staff_login():
    return _begin(oidc.STAFF)


@bp.get("/handlaggare/auth/callback")
def staff_callback():
    return _callback(oidc.STAFF)


@bp.post("/logga-ut")
def logout():
    actor = current_actor()
    kind = session.get(login.LOGIN_KIND_KEY)
    id_token = login.unseal(session.get(login.ID_TOKEN_KEY))
    if actor.is_authenticated:
        log_access(actor, AccessAction.LOGOUT, "session", subject_citizen_id=actor.citizen_id)
    session.end()
    return redirect(_end_session_url(kind, id_token) or "/utloggad", 303)


def _end_session_url(kind: str | None, id_token: str | None) -> str | None:
    """The provider's end-session endpoint (RP-initiated logout), if it has one."""
    if kind not in (oidc.CITIZEN, oidc.STAFF):
        return None
    provider = oidc.provider_for(kind)
    try:
        endpoint = oidc.metadata(provider).get("end_session_endpoint")
    except LoginRefused:
        return None
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("https", "http"):
        return None
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": oidc.public_url() + "utloggad",
        "state": secrets.token_urlsafe(16),
    }
    if id_token:
        params["id_token_hint"] = id_token
    separator = "&" if urlsplit(endpoint).query else "?"
    return endpoint + separator + urlencode(params)


@bp.post("/session/fortsatt")
def keep_alive():
    """The timeout dialog's "Fortsätt": counts as activity (fetch or plain form)."""
    wants_json = request.accept_mimetypes.best == "application/json"
    if not current_actor().is_authenticated:
        if wants_json:
            return jsonify(active=False), 401
        return redirect("/session-slut", 303)
    session.touch = True
    if wants_json:
        return jsonify(active=True, idle_seconds=idle_limit(current_app.config).total_seconds())
    return redirect(safe_next(request.form.get("next")), 303)


@bp.get("/utloggad")
def logged_out():
    return render("auth/logged_out.html")


@bp.get("/session-slut")
def session_ended():
    """Where the browser goes when the idle time ran out; ends the session for sure."""
    actor = current_actor()
    if actor.is_authenticated:
        log_access(actor, AccessAction.LOGOUT, "session", subject_citizen_id=actor.citizen_id,
                   reason_code="timeout")
        session.expire()
        set_actor(ANONYMOUS)  # this page already shows the person as logged out
    staff = str(session.get(PREVIOUS_OWNER, "")).startswith("staff:")
    minutes = idle_limit(current_app.config).total_seconds() / 60
    return render("auth/session_ended.html", idle_minutes=f"{minutes:g}",
                  retry_url=_login_path(oidc.STAFF if staff else oidc.CITIZEN))


@bp.get("/handlaggare/")
@staff_required
def staff_home():
    from portal.people.models import StaffUser

    if current_actor().role in ("provider", "provider_manager"):
        return redirect(PROVIDER_HOME, 303)  # the utförare's start page (plans/provider_routes.py)
    staff = get_session().get(StaffUser, current_actor().staff_id)
    return render("staff/home.html", staff=staff)
