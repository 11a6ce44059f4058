"""Views that need a logged-in person: `citizen_required` and `staff_required`.

Someone who is not logged in (or whose session just expired) is sent to log
in. A GET remembers where they were going; a POST also keeps what they sent,
so the page can put it back after the new login (see pending.py).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import redirect, request, session

from portal.access.actor import current_actor
from portal.auth.pending import stash_form

CITIZEN_LOGIN = "/logga-in"
STAFF_LOGIN = "/handlaggare/logga-in"


def _return_path() -> str:
    """Where to come back to: the page itself, also for htmx calls from it."""
    current = request.headers.get("HX-Current-URL")
    if request.headers.get("HX-Request") == "true" and current:
        parts = urlsplit(current)
        if parts.netloc == request.host:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    if request.method == "GET":
        return request.full_path.rstrip("?")
    return request.path


def _to_login(login_path: str):
    session["next"] = _return_path()
    if request.method == "POST":
        stash_form()
    if request.headers.get("HX-Request") == "true":
        # A redirect would be followed inside the XHR; make the whole page go.
        return "", 200, {"HX-Redirect": login_path}
    return redirect(login_path, code=303)


def citizen_required(view):
    """A brukare or a närstående (acting as self or for someone)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_actor().is_citizen_side:
            return _to_login(CITIZEN_LOGIN)
        return view(*args, **kwargs)

    return wrapped


def staff_required(view):
    """Any active staff user; what they may open is the access gate's business."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_actor().is_staff:
            return _to_login(STAFF_LOGIN)
        return view(*args, **kwargs)

    return wrapped
