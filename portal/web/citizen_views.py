"""Small helpers every citizen-side view shares, whatever process step it belongs to."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import abort, current_app, request, session
from markupsafe import Markup
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
    return pending_form(request.path) or MultiDict()


# -- whom a form is for ---------------------------------------------------------------
# "Acting for" lives in the session, so two tabs share it: an ombud who switches person in
# one tab must not send the other tab's form into the new person's case. Every citizen-side
# form therefore carries whom it was made for, as an opaque reference (a keyed hash of who is
# logged in and whom they act for: no personnummer, useless to anyone else, and the same after
# a new login, so a form kept over a login stays bound to its person).

SUBJECT_FIELD = "for_person"


def subject_ref(actor, subject_citizen_id: int | None = None) -> str:
    """The opaque reference of whom `actor` acts for (or of `subject_citizen_id`)."""
    subject = subject_citizen_id if subject_citizen_id is not None else actor.subject_citizen_id
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"form-subject:{actor.citizen_id}:{subject}".encode(), hashlib.sha256).hexdigest()[:32]


def form_fields() -> Markup:
    """The hidden fields every form needs: the CSRF token and, on the citizen side, whom it is for."""
    from flask_wtf.csrf import generate_csrf

    fields = Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())
    actor = current_actor()
    if actor.is_citizen_side:
        fields += Markup('<input type="hidden" name="{}" value="{}">').format(SUBJECT_FIELD, subject_ref(actor))
    return fields


def pending_form(path: str) -> MultiDict | None:
    """What was typed on `path` before a login, once, and only for the person it was typed for
    (until the ombud acts for that person again, it waits)."""
    return take_pending_form(path, bound_to={SUBJECT_FIELD: subject_ref(current_actor())})


def refuse_other_subject():
    """Before every POST: a citizen-side form made for another person than the one the session
    acts for now is refused with a page that says what happened; nothing is saved.

    A POST without the field is not a form of ours (the language switch, "Fortsätt", logout).
    A fullmakt that ended mid-session is left to the proxies' notice, which sends the ombud to
    the chooser; so this must not load the actor (which forgets the ended authority) before it.
    """
    sent = request.form.get(SUBJECT_FIELD) if request.method == "POST" else None
    if sent is None or _authority_ended():
        return None
    actor = current_actor()
    if not actor.is_citizen_side or hmac.compare_digest(sent, subject_ref(actor)):
        return None
    from portal.audit.services import log_access
    from portal.domain.vocabulary import AccessAction
    from portal.proxies.services import ACTING_RECORD_TYPE
    from portal.web.rendering import render

    log_access(actor, AccessAction.DENIED, ACTING_RECORD_TYPE, outcome="denied")
    return render("errors/other_person.html", meant=_subject_named_by(actor, sent)), 409


def _authority_ended() -> bool:
    from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN, active_authority
    from portal.db import get_session

    authority_id = session.get(SESSION_ACTING_FOR)
    if authority_id is None:
        return False
    return active_authority(get_session(), authority_id, session.get(SESSION_CITIZEN)) is None


def _subject_named_by(actor, ref: str):
    """(name, chooser value) of the person a form was made for, if the actor may still act for them."""
    from portal.db import get_session
    from portal.people.models import Citizen
    from portal.proxies.services import active_authorities_held

    if hmac.compare_digest(ref, subject_ref(actor, actor.citizen_id)):
        return get_session().get(Citizen, actor.citizen_id).name, "self"
    for authority in active_authorities_held(actor.citizen_id):
        if hmac.compare_digest(ref, subject_ref(actor, authority.citizen_id)):
            return authority.citizen.name, str(authority.id)
    return None


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
