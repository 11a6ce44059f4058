"""Uppdrag: sent by the handläggare from a published beslut, accepted by the utförare,
shown to the person in plain words; the person's sharing choice, their "Så vill jag ha
det" card, and visits that did not happen.

Services take the actor, change data, log and flush; the request commits.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem
from portal.domain import clock
from portal.domain.vocabulary import AccessAction, StaffRole
from portal.history.services import record_event
from portal.messages.notify import notify_citizen
from portal.modelbase import utcnow
from portal.people.models import StaffUser, Unit
from portal.plans.models import Assignment, AssignmentSharedArea, CareCard, VisitDeviation
from portal.plans.sharing import ACTIVE_STATUSES
from portal.validation import Checker, ValidationFailed

# A plan should be shared with the person within this many days of the uppdrag.
PLAN_DUE_DAYS = 14
VISIT_KINDS = ("missed", "changed")
CARD_MAX_CHARS = 2000
PROVIDER_ROLES = (StaffRole.PROVIDER.value, StaffRole.PROVIDER_MANAGER.value)


def provider_units() -> list[Unit]:
    return list(get_session().scalars(select(Unit).where(Unit.kind == "provider").order_by(Unit.name)))


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def granted_items(application: Application) -> list[DecisionItem]:
    """The insatser of the case's published beslut that were (partly) granted."""
    query = (select(DecisionItem).join(Decision, DecisionItem.decision_id == Decision.id)
             .where(Decision.application_id == application.id, Decision.status == "published",
                    DecisionItem.outcome != "refused").order_by(DecisionItem.id))
    return list(get_session().scalars(query))


def create_assignment(actor, application: Application, data: dict) -> Assignment:
    """Uppdrag: ask an utförare unit to carry out one granted insats of a published beslut.

    The insats, livsområden, levels and inriktning are the beslut's; the person shares
    the uppdrag's livsområden with the utförare until they choose otherwise.
    """
    check = Checker(data)
    items = {item.id: item for item in granted_items(application)}
    item = items.get(_as_int(check.data.get("decision_item_id")))
    if item is None:
        check.fail("decision_item_id", "invalid_choice")
    unit_id = _as_int(check.data.get("provider_unit_id"))
    if unit_id not in {unit.id for unit in provider_units()}:
        check.fail("provider_unit_id", "invalid_choice")
    description = check.text("description", max_len=5000)
    goals_text = check.text("goals_text", max_len=5000, required=False)
    starts_on, ends_on = check.date("starts_on"), check.date("ends_on")
    check.done()
    assignment = Assignment(
        decision_item_id=item.id, provider_unit_id=unit_id, citizen_id=application.citizen_id,
        description=description, goals_text=goals_text, status="sent", created_by_id=actor.staff_id,
        starts_on=starts_on or item.valid_from or clock.today(), ends_on=ends_on or item.valid_to,
    )
    assignment.shared_areas = [AssignmentSharedArea(life_area=area.life_area) for area in item.life_areas]
    db = get_session()
    db.add(assignment)
    db.flush()
    log_access(actor, AccessAction.CREATE, "assignment", assignment.id, application.citizen_id)
    record_event(actor, application, "assignment_created", assignment)
    notify_citizen(application.citizen_id, "assignment")
    return assignment


def decision_item(assignment: Assignment) -> DecisionItem:
    return get_session().get(DecisionItem, assignment.decision_item_id)


def application_of(assignment: Assignment) -> Application | None:
    item = decision_item(assignment)
    decision = get_session().get(Decision, item.decision_id) if item else None
    return get_session().get(Application, decision.application_id) if decision and decision.application_id else None


def unit_staff(unit_id: int) -> list[StaffUser]:
    query = (select(StaffUser).where(StaffUser.unit_id == unit_id, StaffUser.active.is_(True),
                                     StaffUser.role.in_(PROVIDER_ROLES)).order_by(StaffUser.given_name))
    return list(get_session().scalars(query))


def accept_assignment(actor, assignment: Assignment, data: dict) -> None:
    """The utförare takes the uppdrag and names the person's kontaktperson (any staff of the unit)."""
    check = Checker(data)
    contact_id = _as_int(check.data.get("contact_staff_id"))
    if contact_id not in {staff.id for staff in unit_staff(assignment.provider_unit_id)}:
        check.fail("contact_staff_id", "invalid_choice")
    if assignment.status not in ACTIVE_STATUSES:
        check.fail("assignment", "not_active")
    check.done()
    if assignment.status == "sent":
        assignment.status, assignment.accepted_at = "accepted", utcnow()
    assignment.contact_staff_id = contact_id
    log_access(actor, AccessAction.UPDATE, "assignment", assignment.id, assignment.citizen_id)
    application = application_of(assignment)
    if application is not None:
        record_event(actor, application, "assignment_accepted", assignment)
    get_session().flush()


def plan_due_on(assignment: Assignment) -> date:
    return assignment.created_at.date() + timedelta(days=PLAN_DUE_DAYS)


def set_shared_areas(actor, assignment: Assignment, areas: set[str], allowed: set[str]) -> None:
    """The person's choice of livsområden the utförare may read (logged, on the case history)."""
    if not areas <= allowed:
        raise ValidationFailed({"areas": "invalid_choice"})
    assignment.shared_areas = [AssignmentSharedArea(life_area=code) for code in sorted(areas)]
    log_access(actor, AccessAction.UPDATE, "assignment", assignment.id, assignment.citizen_id)
    application = application_of(assignment)
    if application is not None:
        record_event(actor, application, "sharing_changed", assignment)
    get_session().flush()


def care_card_of(citizen_id: int) -> CareCard | None:
    return get_session().scalars(select(CareCard).where(CareCard.citizen_id == citizen_id)).first()


def save_care_card(actor, citizen_id: int, data: dict) -> CareCard:
    check = Checker(data)
    text = check.text("text", max_len=CARD_MAX_CHARS, required=False)
    check.done()
    card = care_card_of(citizen_id)
    if card is None:
        card = CareCard(citizen_id=citizen_id)
        get_session().add(card)
    card.text, card.updated_at = text, utcnow()
    get_session().flush()
    log_access(actor, AccessAction.UPDATE, "care_card", card.id, citizen_id)
    return card


def record_visit(actor, assignment: Assignment, data: dict, reported_by: str) -> VisitDeviation:
    """A visit that did not happen (or was changed), with a plain reason.

    The utförare records one; the person reports one that was missed.
    """
    check = Checker(data)
    visit_on = check.date("visit_on", required=True)
    kind = check.choice("kind", VISIT_KINDS) if reported_by == "provider" else "missed"
    reason = check.text("reason", max_len=1000)
    if visit_on is not None and visit_on > clock.today():
        check.fail("visit_on", "in_future")
    check.done()
    visit = VisitDeviation(assignment_id=assignment.id, citizen_id=assignment.citizen_id, visit_on=visit_on,
                           kind=kind, reason=reason, reported_by=reported_by, staff_id=actor.staff_id)
    db = get_session()
    db.add(visit)
    db.flush()
    log_access(actor, AccessAction.CREATE, "visit_deviation", visit.id, assignment.citizen_id)
    application = application_of(assignment)
    if application is not None:
        record_event(actor, application, "visit_recorded" if reported_by == "provider" else "visit_reported", visit)
    if reported_by == "provider":
        notify_citizen(assignment.citizen_id, "visit")
    return visit


def visits_of(assignment: Assignment) -> list[VisitDeviation]:
    query = (select(VisitDeviation).where(VisitDeviation.assignment_id == assignment.id)
             .order_by(VisitDeviation.visit_on.desc(), VisitDeviation.id.desc()))
    return list(get_session().scalars(query))


def assignments_of_case(application: Application) -> list[Assignment]:
    query = (select(Assignment).join(DecisionItem, Assignment.decision_item_id == DecisionItem.id)
             .join(Decision, DecisionItem.decision_id == Decision.id)
             .where(Decision.application_id == application.id).order_by(Assignment.id))
    return list(get_session().scalars(query))
