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
