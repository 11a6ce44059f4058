"""Login, logout and session views (blueprint `auth`)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, make_response, redirect, request, session

from portal.access.actor import ANONYMOUS, SESSION_CITIZEN, current_actor, set_actor
from portal.audit.services import log_access
from portal.auth import login, oidc
from portal.auth.decorators import CITIZEN_LOGIN, STAFF_LOGIN, staff_required
from portal.auth.logout import end_session
from portal.auth.sessions import PREVIOUS_OWNER, idle_limit
from portal.auth.tokens import LoginRefused
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.security import content_security_policy
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
    """End the portal's session first, then send the browser on to the provider's."""
    actor = current_actor()
    kind = session.get(login.LOGIN_KIND_KEY)
    id_token = login.unseal(session.get(login.ID_TOKEN_KEY))
    if actor.is_authenticated:
        log_access(actor, AccessAction.LOGOUT, "session", subject_citizen_id=actor.citizen_id)
    session.end()
    set_actor(ANONYMOUS)  # the page shown now already shows the person as logged out
    leaving = end_session(kind, id_token)
    if leaving is None:
        return redirect("/utloggad", 303)
    response = make_response(render("auth/leaving.html", end_session=leaving))
    response.headers["Content-Security-Policy"] = content_security_policy(leaving.origin)
    return response


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


@bp.post("/session-slut")
def end_idle_session():
    """The timeout dialog's script when the idle time ran out: end the session for sure.

    POST with CSRF only, so no other site can end a person's session by a link.
    """
    actor = current_actor()
    if actor.is_authenticated:
        log_access(actor, AccessAction.LOGOUT, "session", subject_citizen_id=actor.citizen_id,
                   reason_code="timeout")
        session.expire()
    return redirect("/session-slut", 303)


@bp.get("/session-slut")
def session_ended():
    """Says the session has ended; someone still logged in goes to their start page."""
    actor = current_actor()
    if actor.is_authenticated:
        return redirect(STAFF_HOME if actor.is_staff else CITIZEN_HOME, 303)
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
