"""God man and förvaltare: registered by staff from the court's decision.

The guardian gets a ProxyAuthority like an ombud with a fullmakt, so the
same gate rules apply: they act only within its scopes and dates. The
guardian is a Citizen row (found by personnummer, or made now) so they can
log in with their own e-legitimation.

Two officers are needed: one registers, another confirms; only then is it in
force, and the person is told (content-free). Staff of the person's unit can
never be registered as their ställföreträdare, and only the unit that
registered it confirms or ends it.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from portal.access.gate import CASE_ROLES
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.vocabulary import AccessAction, ProxyKind, ProxyScope, complete_scopes
from portal.history.services import record_event
from portal.messages.notify import notify_citizen
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.people.services import find_citizen, find_or_create_citizen, find_staff
from portal.proxies.models import ProxyAuthority
from portal.validation import Checker, ValidationFailed

GUARDIAN_KINDS = (ProxyKind.TRUSTEE.value, ProxyKind.ADMINISTRATOR.value)
AWAITING_CONFIRMATION = "awaiting_confirmation"
GUARDIAN_NOTICE = "guardian"  # the notification kind; the text is always the same content-free sentence
SCOPES = tuple(scope.value for scope in ProxyScope)


def guardians_for(application: Application) -> list[tuple[ProxyAuthority, Citizen]]:
    query = (
        select(ProxyAuthority, Citizen)
        .join(Citizen, ProxyAuthority.proxy_id == Citizen.id)
        .where(ProxyAuthority.citizen_id == application.citizen_id, ProxyAuthority.kind.in_(GUARDIAN_KINDS))
        .order_by(ProxyAuthority.valid_from.desc())
    )
    return list(get_session().execute(query))


def register_guardian(actor, application: Application, data: dict) -> ProxyAuthority:
    check = Checker(data)
    kind = check.choice("kind", GUARDIAN_KINDS)
    pnr = _personnummer(check)
    given_name = check.text("given_name", max_len=100)
    family_name = check.text("family_name", max_len=100)
    scopes = data.get("scopes") or []
    if not scopes:
        check.fail("scopes", "required")
    elif not all(isinstance(s, str) and s in SCOPES for s in scopes):
        check.fail("scopes", "invalid_choice")
    valid_from = check.date("valid_from", required=True)
    valid_to = check.date("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        check.fail("valid_to", "date_order")
    court_reference = check.text("court_reference", max_len=100)
    check.done()
    if _is_staff_of(pnr, application.unit_id):
        # A handläggare appointing themselves (or a colleague) would act for the person
        # on the citizen side with no one looking: never from the portal.
        log_access(actor, AccessAction.DENIED, "proxy_authority", None, application.citizen_id, outcome="denied")
        raise ValidationFailed({"personnummer": "staff_guardian"})
    guardian = find_citizen(pnr) or find_or_create_citizen(pnr, given_name, family_name)
    if guardian.id == application.citizen_id:
        raise ValidationFailed({"personnummer": "invalid"})
    authority = ProxyAuthority(
        citizen_id=application.citizen_id,
        proxy_id=guardian.id,
        kind=kind,
        scopes=complete_scopes(scopes),
        status=AWAITING_CONFIRMATION,
        valid_from=valid_from,
        valid_to=valid_to,
        registered_by_id=actor.staff_id,
        court_reference=court_reference,
    )
    db = get_session()
    db.add(authority)
    db.flush()
    log_access(actor, AccessAction.CREATE, "proxy_authority", authority.id, application.citizen_id)
    record_event(actor, application, "guardian_registered", authority)
    return authority


def _is_staff_of(pnr, unit_id: int | None) -> bool:
    staff = find_staff(pnr)
    return staff is not None and staff.unit_id == unit_id


def may_confirm(actor, authority: ProxyAuthority) -> bool:
    """A second case officer of the registering unit; never the one who registered it."""
    return (authority.status == AWAITING_CONFIRMATION and actor.role in CASE_ROLES
            and actor.staff_id != authority.registered_by_id and guardian_unit_id(authority) == actor.unit_id)


def guardian_unit_id(authority: ProxyAuthority) -> int | None:
    """The unit that registered it (the person's unit for this guardianship), else the person's home unit."""
    if authority.registered_by is not None:
        return authority.registered_by.unit_id
    return authority.citizen.home_unit_id


def _load_guardianship(actor, application: Application, authority_id: int) -> ProxyAuthority:
    """The registration if it is this person's and was made in the actor's unit; else 404 (logged)."""
    authority = get_session().get(ProxyAuthority, authority_id)
    if (authority is None or authority.citizen_id != application.citizen_id
            or authority.kind not in GUARDIAN_KINDS or guardian_unit_id(authority) != actor.unit_id):
        log_access(actor, AccessAction.DENIED, "proxy_authority", authority_id, outcome="denied")
        abort(404)
    return authority


def confirm_guardian(actor, application: Application, authority_id: int) -> None:
    """A second handläggare confirms the registration; it is in force from now, and the person is told."""
    authority = _load_guardianship(actor, application, authority_id)
    if not may_confirm(actor, authority):
        log_access(actor, AccessAction.DENIED, "proxy_authority", authority.id, application.citizen_id,
                   outcome="denied")
        raise ValidationFailed({"authority": "second_officer"})
    authority.status, authority.confirmed_by_id = "active", actor.staff_id
    get_session().flush()
    log_access(actor, AccessAction.UPDATE, "proxy_authority", authority.id, application.citizen_id)
    record_event(actor, application, "guardian_confirmed", authority)
    notify_citizen(application.citizen_id, GUARDIAN_NOTICE)


def _personnummer(check: Checker):
    text = check.text("personnummer", max_len=20)
    if not text:
        return None
    try:
        return parse_personnummer(text)
    except InvalidPersonnummer:
        check.fail("personnummer", "invalid")
        return None


def end_guardian(actor, application: Application, authority_id: int) -> None:
    """End a registration (the court ended it, or it was wrong); it stops working at once.

    Only staff of the unit that registered it may (404 for anyone else, logged).
    """
    authority = _load_guardianship(actor, application, authority_id)
    if authority.revoked_at is None:
        authority.revoked_at, authority.ended_by = utcnow(), "staff"
        log_access(actor, AccessAction.UPDATE, "proxy_authority", authority.id, application.citizen_id)
        record_event(actor, application, "guardian_ended", authority)
        get_session().flush()
