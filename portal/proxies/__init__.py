"""Ombud: fullmakt, god man and förvaltare, and acting for someone.

`init_app` registers the pages, the Jinja global `can(permission_name)` for
menus, and a check that tells an ombud clearly when the authority they were
acting under ended during their session.
"""

from __future__ import annotations

from flask import Flask, flash, redirect, request, session
from flask_babel import gettext as _

CHOOSER = "/vem-agerar-jag-for"
# Requests that go on as asked after the notice: logging in or out, and choosing again.
NO_REDIRECT_BLUEPRINTS = frozenset({"auth", "devidp"})
NO_REDIRECT_ENDPOINTS = frozenset({"proxies.chooser", "proxies.choose"})


def init_app(app: Flask) -> None:
    from portal.proxies import guardian_routes, labels, routes, services  # noqa: F401
    from portal.proxies.permissions import can

    app.register_blueprint(routes.bp)
    app.jinja_env.globals.update(
        can=can,
        holds_authorities=_holds_authorities,
        proxy_state_of=services.state_of,
        proxy_scope_labels=labels.SCOPE_LABELS,
        proxy_scope_hints=labels.SCOPE_HINTS,
        proxy_kind_label=labels.kind_label,
        proxy_scope_label=labels.scope_label,
        proxy_state_labels=labels.STATE_LABELS,
        proxy_shown_name=_shown_name,
    )
    app.before_request(_authority_ended_notice)


def _shown_name(authority) -> str:
    """Jinja global: the other person's name as the logged-in person may see it."""
    from portal.access.actor import current_actor
    from portal.proxies.invitations import shown_name

    return shown_name(authority, current_actor().citizen_id)


def _holds_authorities() -> bool:
    """Jinja global for menus: is the logged-in person ombud for anyone right now?"""
    from portal.access.actor import current_actor
    from portal.proxies.services import is_proxy_for_anyone

    actor = current_actor()
    return actor.kind == "proxy" or (actor.kind == "citizen" and is_proxy_for_anyone(actor.citizen_id))


def _authority_ended_notice():
    """An ombud whose authority was revoked or expired mid-session: say so, and go to the chooser.

    The access gate already treats them as themselves from this request on
    (so the page they asked for would be a 404); this makes the reason clear.
    """
    from portal.access.actor import SESSION_ACTING_FOR, current_actor
    from portal.audit.services import log_access
    from portal.domain.vocabulary import AccessAction

    if request.endpoint == "static" or SESSION_ACTING_FOR not in session:
        return None
    ended_id = session.get(SESSION_ACTING_FOR)
    actor = current_actor()
    if not getattr(request, "authority_ended", False):
        return None
    log_access(actor, AccessAction.DENIED, "proxy_authority", ended_id, outcome="denied")
    flash(_("Du kan inte agera för den personen längre. Fullmakten gäller inte nu."), "warning")
    if request.blueprint in NO_REDIRECT_BLUEPRINTS or request.endpoint in NO_REDIRECT_ENDPOINTS:
        return None
    if request.headers.get("HX-Request") == "true":
        return "", 200, {"HX-Redirect": CHOOSER}
    return redirect(CHOOSER, 303)
