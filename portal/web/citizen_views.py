"""Small helpers every citizen-side view shares, whatever process step it belongs to."""

from __future__ import annotations

import secrets

from flask import abort, request
from werkzeug.datastructures import MultiDict

from portal.access import current_actor
from portal.access.gate import PROXY_SCOPE_FOR, Permission
from portal.auth import take_pending_form


def may(actor, permission: Permission) -> bool:
    """Whether the citizen-side actor has this kind of right at all (an ombud needs the scope)."""
    if actor.kind == "citizen":
        return True
    return actor.kind == "proxy" and PROXY_SCOPE_FOR.get(permission) in actor.scopes


def require(permission) -> None:
    """404 for an ombud whose fullmakt does not cover this kind of page."""
    if not may(current_actor(), permission):
        abort(404)


def form_values() -> MultiDict:
    """What the person sent, or what they sent before their session ended (once)."""
    if request.method == "POST":
        return request.form
    return take_pending_form(request.path) or MultiDict()


def new_token() -> str:
    """A one-time token for a form that must count once however often it is sent."""
    return secrets.token_hex(16)


def too_long_message(max_chars: int, text: str) -> str:
    from flask_babel import gettext as _

    return _("Texten är för lång. Skriv högst %(max)s tecken. Nu är det %(count)s.",
             max=max_chars, count=len(text.strip()))


def acted_by_text(proxy_authority_id: int | None, done: str, actor=None) -> str:
    """Who did `done` ("skickade överklagandet"), as the reader of the page sees it.

    The person reading their own page: "Du skickade …", or "David Andersson
    (ombud) skickade … för dig". An ombud reading it: "Du skickade … för Anna
    Andersson", or "Anna Andersson skickade …". `done` is a lower-case verb
    phrase in the page's language.
    """
    from flask_babel import gettext as _

    from portal.db import get_session
    from portal.people.models import Citizen
    from portal.proxies.models import ProxyAuthority

    actor = actor or current_actor()
    db = get_session()
    authority = db.get(ProxyAuthority, proxy_authority_id) if proxy_authority_id else None
    reader_did_it = (authority is None and actor.kind == "citizen") or (
        authority is not None and authority.proxy_id == actor.citizen_id
    )
    if authority is None:
        if reader_did_it:
            return _("Du %(done)s.", done=done)
        return _("%(name)s %(done)s.", name=db.get(Citizen, actor.subject_citizen_id).name, done=done)
    if reader_did_it:
        return _("Du %(done)s för %(name)s.", done=done, name=db.get(Citizen, authority.citizen_id).name)
    proxy = db.get(Citizen, authority.proxy_id)
    if actor.kind == "citizen":
        return _("%(proxy)s (ombud) %(done)s för dig.", proxy=proxy.name, done=done)
    return _("%(proxy)s (ombud) %(done)s.", proxy=proxy.name, done=done)
