"""Operations on a case: inbox, assigning, receiving, assessing, notes.

Services take the acting context, change data, write the access log and
flush; the request commits once.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.access.gate import unit_records
from portal.applications.models import (
    Application,
    NeedDescription,
)
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, StaffRole
from portal.history.services import record_event
from portal.modelbase import utcnow
from portal.people.identity import pnr_lookup_hash
from portal.people.models import Citizen, StaffUser
from portal.validation import ValidationFailed

INBOX_VIEWS = ("new", "mine", "open")
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED.value,
    ApplicationStatus.RECEIVED.value,
    ApplicationStatus.INVESTIGATING.value,
)
SORTS = {
    "newest": (Application.submitted_at.desc(),),
    "oldest": (Application.submitted_at.asc(),),
    "name": (Citizen.family_name.asc(), Citizen.given_name.asc()),
}


def inbox(
    actor, view: str = "new", sort: str = "newest", life_area: str | None = None, search: str = ""
) -> list[Application]:
    """The unit's submitted cases for one inbox view; drafts never appear."""
    query = unit_records(Application, actor).join(Citizen, Application.citizen_id == Citizen.id)
    if view == "new":
        query = query.where(Application.status == ApplicationStatus.SUBMITTED.value)
    else:
        query = query.where(Application.status.in_(OPEN_STATUSES))
    if view == "mine":
        query = query.where(Application.assigned_officer_id == actor.staff_id)
    if life_area:
        query = query.where(Application.needs.any(NeedDescription.life_area == life_area))
    query = _search(query, search.strip())
    query = query.order_by(*SORTS.get(sort, SORTS["newest"]), Application.id)
    query = query.options(selectinload(Application.needs))  # the list shows each case's areas
    return list(get_session().scalars(query).unique())


def _search(query, text: str):
    """Search by personnummer (exact, through the keyed hash) or by name."""
    if not text:
        return query
    try:
        pnr = parse_personnummer(text)
    except InvalidPersonnummer:
        pattern = f"%{text.lower()}%"
        full_name = Citizen.given_name + " " + Citizen.family_name
        return query.where(or_(*(c.ilike(pattern) for c in (Citizen.given_name, Citizen.family_name, full_name))))
    return query.where(Citizen.pnr_hash == pnr_lookup_hash(pnr.canonical))


def colleagues(actor) -> list[StaffUser]:
    """Case officers of the actor's unit, who can be given a case."""
    query = (
        select(StaffUser)
        .where(
            StaffUser.unit_id == actor.unit_id,
            StaffUser.active.is_(True),
            StaffUser.role.in_((StaffRole.CASE_OFFICER.value, StaffRole.ADMIN.value)),
        )
        .order_by(StaffUser.family_name, StaffUser.given_name)
    )
    return list(get_session().scalars(query))


def assign(actor, application: Application, officer_id) -> None:
    """Give the case to a case officer of the same unit."""
    officer_ids = {officer.id for officer in colleagues(actor)}
    try:
        officer_id = int(officer_id)
    except (TypeError, ValueError):
        raise ValidationFailed({"officer": "required"}) from None
    if officer_id not in officer_ids:
        raise ValidationFailed({"officer": "invalid_choice"})
    application.assigned_officer_id = officer_id
    log_access(actor, AccessAction.UPDATE, "application", application.id, application.citizen_id)
    record_event(actor, application, "assigned")
    get_session().flush()


def mark_received(actor, application: Application) -> None:
    """Aktualisera: the citizen sees the status change to "received"."""
    current = ApplicationStatus(application.status)
    if current != ApplicationStatus.SUBMITTED:
        return
    application.status = transition(current, ApplicationStatus.RECEIVED).value
    application.received_at = utcnow()
    log_access(actor, AccessAction.UPDATE, "application", application.id, application.citizen_id)
    record_event(actor, application, "received")
    get_session().flush()

