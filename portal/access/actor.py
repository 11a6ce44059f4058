"""Who is acting, and for whom, in this request.

The login code puts ids in the session; `current_actor()` turns them into an
Actor once per request, re-checking a proxy's authority against the
database every time so a revoked or expired fullmakt stops working at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import has_request_context, request, session

from portal.domain import clock
from portal.domain.vocabulary import ProxyScope

# Session keys written by the login code and read here.
SESSION_CITIZEN = "citizen_id"
SESSION_STAFF = "staff_id"
SESSION_ACTING_FOR = "proxy_authority_id"


@dataclass(frozen=True)
class Actor:
    kind: str  # anonymous, citizen, proxy, staff, api, system
    citizen_id: int | None = None  # the logged-in person (a proxy's own id)
    subject_citizen_id: int | None = None  # whose data: self, or the person represented
    proxy_authority_id: int | None = None
    scopes: frozenset[ProxyScope] = field(default_factory=frozenset)
    staff_id: int | None = None
    unit_id: int | None = None
    role: str | None = None
    client_id: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    @property
    def is_citizen_side(self) -> bool:
        return self.kind in {"citizen", "proxy"}

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"


ANONYMOUS = Actor(kind="anonymous")


def active_authority(session_db, authority_id: int, proxy_id: int, today: date | None = None):
    """The ProxyAuthority if it is active today for this proxy, else None."""
    from portal.proxies.models import ProxyAuthority
    from portal.proxies.services import authority_is_active  # local: avoids import cycle

    authority = session_db.get(ProxyAuthority, authority_id)
    if authority is None or authority.proxy_id != proxy_id:
        return None
    return authority if authority_is_active(authority, today) else None


def _load_actor() -> Actor:
    from portal.db import get_session
    from portal.people.models import Citizen, StaffUser

    db = get_session()
    staff_id = session.get(SESSION_STAFF)
    if staff_id is not None:
        staff = db.get(StaffUser, staff_id)
        if staff is None or not staff.active:
            return ANONYMOUS
        return Actor(kind="staff", staff_id=staff.id, unit_id=staff.unit_id, role=staff.role)
    citizen_id = session.get(SESSION_CITIZEN)
    if citizen_id is None or db.get(Citizen, citizen_id) is None:
        return ANONYMOUS
    authority_id = session.get(SESSION_ACTING_FOR)
    if authority_id is None:
        return Actor(kind="citizen", citizen_id=citizen_id, subject_citizen_id=citizen_id)
    # Valid "today" is the Swedish date, not the server's (UTC) one.
    authority = active_authority(db, authority_id, citizen_id, clock.today())
    if authority is None:
        # The authority ended while the proxy was logged in: back to self.
        session.pop(SESSION_ACTING_FOR, None)
        request.authority_ended = True
        return Actor(kind="citizen", citizen_id=citizen_id, subject_citizen_id=citizen_id)
    return Actor(
        kind="proxy",
        citizen_id=citizen_id,
        subject_citizen_id=authority.citizen_id,
        proxy_authority_id=authority.id,
        scopes=frozenset(ProxyScope(s) for s in authority.scopes),
    )


def current_actor() -> Actor:
    """The actor of this request (loaded once per request; anonymous outside one)."""
    if not has_request_context():
        return ANONYMOUS
    if "_portal_actor" not in request.__dict__:
        request.__dict__["_portal_actor"] = _load_actor()
    return request.__dict__["_portal_actor"]


def known_actor() -> Actor:
    """The actor if this request has already loaded it, else anonymous; never asks the database."""
    return request.__dict__.get("_portal_actor", ANONYMOUS) if has_request_context() else ANONYMOUS


def set_actor(actor: Actor) -> None:
    """For code that authenticates by other means (the API's bearer tokens)."""
    request.__dict__["_portal_actor"] = actor
