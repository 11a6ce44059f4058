"""A fullmakt given or asked for waits, as an invitation, until the other person logs in.

Why: looking the number up when the form is sent told anyone logged in
whether that person is in the portal, and their real name (even with
skyddad identitet, even for staff), and made a person row per guessed
number. Now the form's answer is the same whatever the number: nothing is
looked up, nobody is created, and the sender sees only the name they typed.
When the other person logs in, `link_invitations` makes the link.
"""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access.actor import Actor
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction, ProxyKind
from portal.modelbase import utcnow
from portal.people.identity import encrypt_pnr, pnr_lookup_hash
from portal.people.models import Citizen
from portal.people.services import find_citizen
from portal.proxies.models import ProxyAuthority, ProxyInvitation

RECORD_TYPE = "proxy_invitation"
WAITING = "waiting"


def create_invitation(actor: Actor, sender: Citizen, direction: str, request) -> ProxyInvitation:
    """Store what the sender filled in; the other person is only a protected number and a typed name."""
    invitation = ProxyInvitation(
        sender_id=sender.id, direction=direction, invitee_pnr_hash=pnr_lookup_hash(request.other_pnr.canonical),
        invitee_pnr_encrypted=encrypt_pnr(request.other_pnr.canonical), typed_given_name=request.given_name,
        typed_family_name=request.family_name, scopes=list(request.scopes), valid_from=request.valid_from,
        valid_to=request.valid_to, status=WAITING)
    db = get_session()
    db.add(invitation)
    db.flush()
    log_access(actor, AccessAction.CREATE, RECORD_TYPE, invitation.id, sender.id)
    return invitation


def is_to_self(sender: Citizen, request) -> bool:
    return sender.pnr_hash == pnr_lookup_hash(request.other_pnr.canonical)


def already_waiting(sender: Citizen, direction: str, request) -> bool:
    query = select(ProxyInvitation.id).where(
        ProxyInvitation.sender_id == sender.id, ProxyInvitation.direction == direction,
        ProxyInvitation.status == WAITING,
        ProxyInvitation.invitee_pnr_hash == pnr_lookup_hash(request.other_pnr.canonical))
    return get_session().scalar(query) is not None


def known_other(request) -> Citizen | None:
    """Only for the duplicate check: the answer differs only when the sender already has a
    fullmakt with this person, which their own list shows them anyway."""
    return find_citizen(request.other_pnr)


def waiting_sent(citizen_id: int) -> list[ProxyInvitation]:
    query = (select(ProxyInvitation)
             .where(ProxyInvitation.sender_id == citizen_id, ProxyInvitation.status == WAITING)
             .order_by(ProxyInvitation.created_at.desc(), ProxyInvitation.id.desc()))
    return list(get_session().scalars(query))


def load_own_invitation(actor: Actor, invitation_id: int) -> ProxyInvitation:
    """The invitation if the logged-in person sent it; else 404 (logged)."""
    invitation = get_session().get(ProxyInvitation, invitation_id)
    if invitation is None or actor.kind != "citizen" or invitation.sender_id != actor.citizen_id:
        log_access(actor, AccessAction.DENIED, RECORD_TYPE, invitation_id, outcome="denied")
        abort(404)
    log_access(actor, AccessAction.READ, RECORD_TYPE, invitation.id, invitation.sender_id)
    return invitation


def withdraw(actor: Actor, invitation: ProxyInvitation) -> bool:
    if invitation.status != WAITING:
        return False
    invitation.status, invitation.ended_at = "withdrawn", utcnow()
    get_session().flush()
    log_access(actor, AccessAction.UPDATE, RECORD_TYPE, invitation.id, invitation.sender_id)
    return True


def link_invitations(citizen: Citizen) -> list[ProxyAuthority]:
    """The person is logged in: what was given to them or asked of them becomes theirs to see.

    A fullmakt given to them is in force (as when it was given); a request waits
    for their yes or no. The sender keeps seeing the name they typed until then.
    """
    from portal.proxies.services import current_fullmakt  # services uses this module

    db = get_session()
    query = select(ProxyInvitation).where(ProxyInvitation.invitee_pnr_hash == citizen.pnr_hash,
                                          ProxyInvitation.status == WAITING).order_by(ProxyInvitation.id)
    linked = []
    for invitation in db.scalars(query):
        giving = invitation.direction == "give"
        represented_id, proxy_id = (invitation.sender_id, citizen.id) if giving else (citizen.id, invitation.sender_id)
        authority = current_fullmakt(represented_id, proxy_id)
        if authority is None and represented_id != proxy_id:
            authority = ProxyAuthority(
                citizen_id=represented_id, proxy_id=proxy_id, kind=ProxyKind.POWER_OF_ATTORNEY.value,
                scopes=list(invitation.scopes), status="active" if giving else "requested",
                valid_from=invitation.valid_from, valid_to=invitation.valid_to,
                named_as=invitation.typed_name, named_by_id=invitation.sender_id)
            db.add(authority)
            db.flush()
            log_access(Actor(kind="citizen", citizen_id=citizen.id, subject_citizen_id=citizen.id),
                       AccessAction.CREATE, "proxy_authority", authority.id, represented_id)
            linked.append(authority)
        invitation.status, invitation.ended_at = "linked", utcnow()
        invitation.authority_id = authority.id if authority is not None else None
    db.flush()
    return linked


def shown_name(authority: ProxyAuthority, viewer_id: int | None) -> str:
    """The other person's name as the viewer may see it.

    The person who started it sees the name they typed, marked as theirs,
    until the other person has said yes; never the name stored for that number.
    """
    if authority.named_as is not None and viewer_id == authority.named_by_id:
        return _("%(name)s (namnet du skrev)", name=authority.named_as)
    if viewer_id == authority.proxy_id and authority.status in ("requested", "declined"):
        return _("Personen du frågade")  # a request from before typed names were kept: never the stored one
    other = authority.proxy if viewer_id == authority.citizen_id else authority.citizen
    return other.name
