"""Recording and publishing beslut (staff pages and the integration API).

A beslut is a draft until published. Publishing makes it visible to the
person, sets the application to "decided", sets the appeal deadline and adds
a content-free notification. The person counts as informed on the day the
beslut is published in the portal, so the three weeks start then.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.domain import clock
from portal.domain.life_areas import LIFE_AREA_CODES
from portal.domain.services import SERVICE_TYPES, get_service_type
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, DecisionOutcome, SupportKind
from portal.history.services import record_event
from portal.messages.models import Notification
from portal.modelbase import utcnow
from portal.validation import Checker, ValidationFailed

APPEAL_WEEKS = 3
SERVICE_CODES = frozenset(service.code for service in SERVICE_TYPES)
OUTCOMES = frozenset(outcome.value for outcome in DecisionOutcome)
SUPPORT_KINDS = frozenset(kind.value for kind in SupportKind)


def decision_from_form(application: Application, check: Checker, *, required: bool) -> Decision | None:
    """The beslut chosen in a form field `decision_id`, if it belongs to this application.

    Records a field error on `check` when it is missing (and required) or foreign.
    """
    raw = check.data.get("decision_id")
    if raw in (None, ""):
        if required:
            check.fail("decision_id", "required")
        return None
    try:
        decision = get_session().get(Decision, int(raw))
    except (TypeError, ValueError):
        decision = None
    if decision is None or decision.application_id != application.id:
        check.fail("decision_id", "unknown_decision")
        return None
    return decision

def appeal_deadline(informed_on: date) -> date:
    """Three weeks from the day the person was informed.

    A deadline on a Saturday or Sunday moves to the Monday (lagen om
    beräkning av lagstadgad tid); public holidays are not handled here.
    """
    deadline = informed_on + timedelta(weeks=APPEAL_WEEKS)
    while deadline.weekday() >= 5:
        deadline += timedelta(days=1)
    return deadline


def decisions_for(application: Application) -> list[Decision]:
    query = select(Decision).where(Decision.application_id == application.id).order_by(Decision.id)
    return list(get_session().scalars(query))


def open_draft(actor, application: Application) -> Decision:
    """The case's draft beslut if there is one, so "Skriv nytt beslut" twice gives one draft."""
    query = (select(Decision).where(Decision.application_id == application.id, Decision.status == "draft")
             .order_by(Decision.id))
    return get_session().scalars(query).first() or start_decision(actor, application)


def start_decision(actor, application: Application) -> Decision:
    decision = Decision(
        application_id=application.id,
        citizen_id=application.citizen_id,
        officer_id=_officer_id(actor, application),
        unit_id=application.unit_id,
    )
    db = get_session()
    db.add(decision)
    db.flush()
    log_access(actor, AccessAction.CREATE, "decision", decision.id, application.citizen_id)
    record_event(actor, application, "decision_created", decision)
    return decision


def _officer_id(actor, application: Application) -> int:
    """Who signs: the acting officer, or for an API call the case's officer."""
    officer_id = actor.staff_id or application.assigned_officer_id
    if officer_id is None:
        raise ValidationFailed({"officer": "required"})
    return officer_id


def _editable(decision: Decision) -> None:
    if decision.status != "draft":
        raise ValidationFailed({"decision": "not_editable"})


def update_summary(actor, decision: Decision, data: dict) -> None:
    _editable(decision)
    check = Checker(data)
    summary = check.text("plain_summary", required=False)
    decided_on = check.date("decided_on")
    check.done()
    decision.plain_summary, decision.decided_on = summary, decided_on
    log_access(actor, AccessAction.UPDATE, "decision", decision.id, decision.citizen_id)
    get_session().flush()


def parse_item(data: dict, prefix: str, goal_ids: set[int]) -> tuple[DecisionItem | None, Checker]:
    """One insats from a dict; returns the unsaved item and the checker with any errors."""
    check = Checker(data, prefix)
    service = check.choice("service", SERVICE_CODES)
    outcome = check.choice("outcome", OUTCOMES)
    motivation = check.text("motivation")
    plain_reason = check.text("plain_reason", required=False)
    legal_basis = check.text("legal_basis", required=False, max_len=100)
    support_kind = check.choice("support_kind", SUPPORT_KINDS, required=False)
    valid_from, valid_to = check.date("valid_from"), check.date("valid_to")
    extent = check.text("extent", required=False, max_len=200)
    if valid_from and valid_to and valid_to < valid_from:
        check.fail("valid_to", "date_order")
    areas = _parse_areas(data.get("life_areas"), check, goal_ids)
    if check.errors:
        return None, check
    item = DecisionItem(
        service=service,
        outcome=outcome,
        motivation=motivation,
        plain_reason=plain_reason,
        legal_basis=legal_basis or get_service_type(service).default_legal_basis,
        support_kind=support_kind,
        valid_from=valid_from,
        valid_to=valid_to,
        extent=extent,
    )
    item.life_areas = areas
    return item, check


def _parse_areas(raw, check: Checker, goal_ids: set[int]) -> list[DecisionItemLifeArea]:
    if not isinstance(raw, list) or not raw:
        check.fail("life_areas", "required" if not raw else "invalid")
        return []
    areas, seen = [], set()
    for index, entry in enumerate(raw):
        row = Checker(entry, f"{check.prefix}life_areas[{index}].")
        code = row.choice("life_area", LIFE_AREA_CODES)
        assessed, intended = row.level("assessed_level"), row.level("intended_level")
        goal_id = row.data.get("goal_id")
        if goal_id not in (None, "") and _as_int(goal_id) not in goal_ids:
            row.fail("goal_id", "unknown_goal")
        check.merge(row)
        if code and code not in seen:
            seen.add(code)
            areas.append(
                DecisionItemLifeArea(
                    life_area=code,
                    assessed_level=assessed,
                    intended_level=intended,
                    goal_id=_as_int(goal_id) if goal_id not in (None, "") else None,
                )
            )
    return areas


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _goal_ids(application: Application) -> set[int]:
    return {goal.id for goal in application.goals}


def add_item(actor, decision: Decision, application: Application, data: dict) -> DecisionItem:
    _editable(decision)
    item, check = parse_item(data, "", _goal_ids(application))
    check.done()
    decision.items.append(item)
    get_session().flush()
    log_access(actor, AccessAction.UPDATE, "decision", decision.id, decision.citizen_id)
    return item


def remove_item(actor, decision: Decision, item_id: int) -> None:
    _editable(decision)
    decision.items = [item for item in decision.items if item.id != item_id]
    log_access(actor, AccessAction.UPDATE, "decision", decision.id, decision.citizen_id)
    get_session().flush()


def publish_problems(decision: Decision) -> dict[str, str]:
    """What must be added before the person can be shown the beslut (empty when it is ready)."""
    errors = {}
    if not decision.items:
        errors["items"] = "empty"
    if not decision.plain_summary.strip():
        errors["plain_summary"] = "required"
    return errors


def publish_decision(actor, decision: Decision, application: Application, today: date | None = None) -> None:
    """Make the beslut visible to the person, and tell them it is there."""
    _editable(decision)
    errors = publish_problems(decision)
    if errors:
        raise ValidationFailed(errors)
    today = today or clock.today()
    _advance_to_decided(actor, application)
    decision.status, decision.published_at = "published", utcnow()
    decision.decided_on = decision.decided_on or today
    decision.appeal_deadline = appeal_deadline(today)
    db = get_session()
    db.add(Notification(citizen_id=decision.citizen_id, kind="decision"))
    log_access(actor, AccessAction.UPDATE, "decision", decision.id, decision.citizen_id)
    record_event(actor, application, "decision_published", decision)
    db.flush()


def _advance_to_decided(actor, application: Application) -> None:
    status = ApplicationStatus(application.status)
    if status == ApplicationStatus.DECIDED:
        return  # a second beslut on the same case
    if status == ApplicationStatus.SUBMITTED:
        # Deciding on a case nobody marked as received: receive it first, in the history too.
        status = transition(status, ApplicationStatus.RECEIVED)
        application.received_at = utcnow()
        record_event(actor, application, "received")
    application.status = transition(status, ApplicationStatus.DECIDED).value
    application.decided_at = utcnow()


def record_decision(actor, application: Application, data: dict) -> Decision:
    """A whole beslut at once (integration API); published if data["publish"] is true."""
    check = Checker(data)
    summary = check.text("plain_summary", required=check.data.get("publish") is True)
    decided_on = check.date("decided_on")
    raw_items = check.data.get("items")
    items = []
    if not isinstance(raw_items, list) or not raw_items:
        check.fail("items", "empty" if raw_items in (None, []) else "invalid")
    else:
        for index, raw in enumerate(raw_items):
            item, item_check = parse_item(
                raw if isinstance(raw, dict) else {}, f"items[{index}].", _goal_ids(application)
            )
            check.merge(item_check)
            items.append(item)
    publish = check.data.get("publish", False)
    if not isinstance(publish, bool):
        check.fail("publish", "invalid")
    check.done()
    decision = start_decision(actor, application)
    decision.plain_summary, decision.decided_on, decision.items = summary, decided_on, items
    get_session().flush()
    if publish:
        publish_decision(actor, decision, application)
    return decision
