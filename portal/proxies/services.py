"""Fullmakt and ombud: the rules for when an authority is in force, and the
operations that give, ask for, accept, decline, revoke and end one.

Services flush and log; the request commits. Every operation takes the
acting context (an Actor acting as self) and checks that the authority
belongs to that person, so a view cannot forget it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import select

from portal.access.actor import Actor
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain import clock
from portal.domain.personnummer import PersonalIdentityNumber
from portal.domain.vocabulary import AccessAction, ProxyKind
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.proxies import invitations
from portal.proxies.models import ProxyAuthority, ProxyInvitation

RECORD_TYPE = "proxy_authority"
ACTING_RECORD_TYPE = "acting_session"  # an ombud starts or stops acting for someone
CURRENT_STATES = frozenset({"requested", "awaiting_confirmation", "upcoming", "active"})


class ProxyRefused(Exception):
    """A fullmakt operation the rules do not allow; `reason` is a code for the page."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class GrantRequest:
    """What a person filled in to give (or ask for) a fullmakt."""

    other_pnr: PersonalIdentityNumber  # the ombud's number, or the represented person's
    given_name: str
    family_name: str
    scopes: tuple[str, ...]
    valid_from: date
    valid_to: date


def authority_is_active(authority: ProxyAuthority, today: date | None = None) -> bool:
    """In force today: active, not ended, within its dates, and usable in the portal.

    A person with skyddad identitet cannot be represented through the
    portal at all (an ombud's screens would show their data to another
    person), so any authority for them is out of force.
    """
    if state_of(authority, today) != "active":
        return False
    return not authority.citizen.protected_identity or _court_appointed_and_confirmed(authority)


def _court_appointed_and_confirmed(authority: ProxyAuthority) -> bool:
    """The proper route for skyddad identitet: a god man or förvaltare from the court,
    registered by one handläggare and confirmed by another. Their screens show the
    person's data to the one person the court chose, so that is allowed."""
    return authority.kind != ProxyKind.POWER_OF_ATTORNEY.value and authority.confirmed_by_id is not None


def state_of(authority: ProxyAuthority, today: date | None = None) -> str:
    """requested, awaiting_confirmation, upcoming, active, declined, revoked, ended_by_proxy,
    ended_by_staff or expired."""
    today = today or clock.today()
    if authority.revoked_at is not None:
        return {"proxy": "ended_by_proxy", "staff": "ended_by_staff"}.get(authority.ended_by, "revoked")
    if authority.status in ("requested", "declined", "awaiting_confirmation"):
        return authority.status
    if authority.status != "active":
        return "expired"
    if authority.valid_to is not None and today > authority.valid_to:
        return "expired"
    return "upcoming" if authority.valid_from > today else "active"


# -- lists ---------------------------------------------------------------------


def authorities_given(citizen_id: int) -> list[ProxyAuthority]:
    """Every authority for this person (fullmakter, requests, god man), newest first."""
    query = (select(ProxyAuthority).where(ProxyAuthority.citizen_id == citizen_id)
             .order_by(ProxyAuthority.created_at.desc(), ProxyAuthority.id.desc()))
    return list(get_session().scalars(query))


def authorities_received(proxy_id: int) -> list[ProxyAuthority]:
    """Every authority this person holds or asked for, newest first."""
    query = (select(ProxyAuthority).where(ProxyAuthority.proxy_id == proxy_id)
             .order_by(ProxyAuthority.created_at.desc(), ProxyAuthority.id.desc()))
    return list(get_session().scalars(query))


def active_authorities_held(proxy_id: int, today: date | None = None) -> list[ProxyAuthority]:
    """The authorities this person can act under right now (for the chooser)."""
    held = authorities_received(proxy_id)
    return sorted((a for a in held if authority_is_active(a, today)), key=lambda a: a.citizen.name)


def is_proxy_for_anyone(proxy_id: int) -> bool:
    return bool(active_authorities_held(proxy_id))


def landing_after_login(citizen_id: int, default: str = "/mitt-stod") -> str:
    """Where a citizen goes after login: the chooser if they can act for anyone."""
    return "/vem-agerar-jag-for" if is_proxy_for_anyone(citizen_id) else default


def split_by_state(authorities: list[ProxyAuthority], today: date | None = None) -> dict[str, list]:
    """{"current": [...], "ended": [...]}: what still matters, and the history."""
    groups: dict[str, list] = {"current": [], "ended": []}
    for authority in authorities:
        groups["current" if state_of(authority, today) in CURRENT_STATES else "ended"].append(authority)
    return groups


# -- loading one, for a person acting as self ----------------------------------------


def load_own_authority(actor: Actor, authority_id: int) -> ProxyAuthority:
    """The authority if the logged-in person gave it or holds it (acting as self); else 404."""
    authority = get_session().get(ProxyAuthority, authority_id)
    mine = authority is not None and actor.kind == "citizen" and actor.citizen_id in (
        authority.citizen_id, authority.proxy_id)
    if not mine:
        log_access(actor, AccessAction.DENIED, RECORD_TYPE, authority_id, outcome="denied")
        abort(404)
    log_access(actor, AccessAction.READ, RECORD_TYPE, authority.id, authority.citizen_id)
    return authority


# -- operations -------------------------------------------------------------------------


def current_fullmakt(citizen_id: int, proxy_id: int) -> ProxyAuthority | None:
    """A fullmakt between these two that still matters (requested, upcoming or active)."""
    query = select(ProxyAuthority).where(
        ProxyAuthority.citizen_id == citizen_id, ProxyAuthority.proxy_id == proxy_id,
        ProxyAuthority.kind == ProxyKind.POWER_OF_ATTORNEY.value)
    return next((a for a in get_session().scalars(query) if state_of(a) in CURRENT_STATES), None)


def _invite(actor: Actor, sender: Citizen, direction: str, request: GrantRequest) -> ProxyInvitation:
    """The same answer whatever the number: no person is looked up by it, or created.

    The one look-up is for "you already have a fullmakt with this person",
    which the sender's own list shows them anyway.
    """
    if invitations.is_to_self(sender, request):
        raise ProxyRefused("self")
    other = invitations.known_other(request)
    existing = None
    if other is not None:
        pair = (sender.id, other.id) if direction == "give" else (other.id, sender.id)
        existing = current_fullmakt(*pair)
    if existing is not None or invitations.already_waiting(sender, direction, request):
        raise ProxyRefused("duplicate")
    return invitations.create_invitation(actor, sender, direction, request)


def give_power_of_attorney(actor: Actor, request: GrantRequest) -> ProxyInvitation:
    """The logged-in person (acting as self) gives a fullmakt.

    It is in force from valid_from once the ombud has logged in (that is when
    the portal knows who the number belongs to).
    """
    giver = _self(actor)
    if giver.protected_identity:
        raise ProxyRefused("protected")
    return _invite(actor, giver, "give", request)


def ask_for_power_of_attorney(actor: Actor, request: GrantRequest) -> ProxyInvitation:
    """A närstående asks a person for a fullmakt; it waits for that person's login and answer.

    Nothing here tells the asker whether the person is in the portal, their
    name or whether they have skyddad identitet: the request is stored either
    way, and a person with skyddad identitet can only decline it.
    """
    return _invite(actor, _self(actor), "ask", request)


def accept_request(actor: Actor, authority: ProxyAuthority, scopes: tuple[str, ...]) -> None:
    """The represented person says yes, perhaps to fewer things than were asked for."""
    _require_giver(actor, authority, "requested")
    if authority.citizen.protected_identity:
        raise ProxyRefused("protected")
    authority.status = "active"
    authority.named_as = None  # they said yes: the asker may now see their name
    authority.scopes = list(scopes)
    authority.valid_from = max(authority.valid_from, clock.today())
    if authority.valid_to is not None and authority.valid_to < authority.valid_from:
        raise ProxyRefused("expired")
    _changed(actor, authority)


def decline_request(actor: Actor, authority: ProxyAuthority) -> None:
    _require_giver(actor, authority, "requested")
    authority.status = "declined"
    authority.ended_by = "citizen"
    _changed(actor, authority)


def revoke(actor: Actor, authority: ProxyAuthority) -> None:
    """The person takes back a fullmakt they gave. It stops working at once."""
    _require_giver(actor, authority, None)
    if state_of(authority) == "requested":
        raise ProxyRefused("not_current")
    _end(actor, authority, "citizen")


def end_by_proxy(actor: Actor, authority: ProxyAuthority) -> None:
    """The ombud gives up a fullmakt (or withdraws a request). It stops working at once."""
    if actor.kind != "citizen" or authority.proxy_id != actor.citizen_id:
        abort(404)
    _require_fullmakt(authority)
    _end(actor, authority, "proxy")


def _end(actor, authority, ended_by: str) -> None:
    if state_of(authority) not in CURRENT_STATES:
        raise ProxyRefused("not_current")
    authority.revoked_at = utcnow()
    authority.ended_by = ended_by
    _changed(actor, authority)


def _require_giver(actor: Actor, authority: ProxyAuthority, status: str | None) -> None:
    if actor.kind != "citizen" or authority.citizen_id != actor.citizen_id:
        abort(404)
    _require_fullmakt(authority)
    if status is not None and state_of(authority) != status:
        raise ProxyRefused("not_current")


def _require_fullmakt(authority: ProxyAuthority) -> None:
    # God man and förvaltare come from a court: the kommun ends them, not the portal.
    if authority.kind != ProxyKind.POWER_OF_ATTORNEY.value:
        raise ProxyRefused("court_appointed")


def _changed(actor: Actor, authority: ProxyAuthority) -> None:
    get_session().flush()
    log_access(actor, AccessAction.UPDATE, RECORD_TYPE, authority.id, authority.citizen_id)


def _self(actor: Actor) -> Citizen:
    if actor.kind != "citizen":
        abort(404)  # never for an ombud acting for someone (MANAGE_PROXIES)
    return get_session().get(Citizen, actor.citizen_id)
