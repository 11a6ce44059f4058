"""What a person posted while logged out, kept for after their next login.

The decorators stash the form when a POST arrives without a valid login;
the page calls `take_pending_form(request.path)` when it renders again and
fills its fields from it. It is given back only to the same person whose
session expired (checked at login), and only once.
"""

from __future__ import annotations

from flask import request, session
from werkzeug.datastructures import MultiDict

from portal.auth.sessions import PREVIOUS_OWNER, owner_of

PENDING_FORM = "pending_form"
MAX_FIELDS = 200
MAX_CHARS = 100_000  # a session row is no place for more than a few pages of text


def stash_form() -> None:
    data: dict[str, list[str]] = {}
    total = 0
    for name in list(request.form.keys())[:MAX_FIELDS]:
        if name == "csrf_token":
            continue
        values = request.form.getlist(name)
        total += sum(len(v) for v in values)
        if total > MAX_CHARS:
            break
        data[name] = values
    session[PENDING_FORM] = {
        "path": request.path,
        "data": data,
        "owner": session.get(PREVIOUS_OWNER),
    }


def take_pending_form(path: str, bound_to: dict[str, str] | None = None) -> MultiDict | None:
    """The fields stashed for `path`, once; None if there are none.

    With `bound_to`, a form whose stashed fields hold other values there (one made for another
    person than the one acted for now) is not given back but stays for later.
    """
    pending = session.get(PENDING_FORM)
    if not pending or pending.get("path") != path:
        return None
    if bound_to and any(pending["data"].get(name, [value]) != [value] for name, value in bound_to.items()):
        return None
    session.pop(PENDING_FORM)
    if pending.get("owner") is None or pending.get("owner") != owner_of(session):
        return None
    return MultiDict([(name, v) for name, values in pending["data"].items() for v in values])
