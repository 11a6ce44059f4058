"""Operations on a case: assigning and receiving (the caseload itself is read in caseload.py).

Services take the acting context, change data, write the access log and
flush; the request commits once.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, StaffRole
from portal.history.services import record_event
from portal.modelbase import utcnow
from portal.people.models import StaffUser
from portal.validation import ValidationFailed


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

