"""What the person does with a beslut, a plan and messages.

Each function takes the acting context (the person, or an ombud acting for
them), changes data, writes the access log and flushes; the request commits.
The views have already loaded the record through the access gate.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.citizen_case.notify import notify_citizen
from portal.db import get_session
from portal.decisions.models import Appeal, Decision
from portal.domain.vocabulary import AccessAction
from portal.messages.models import Message
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.plans.models import ImplementationPlan, PlanChangeRequest, PlanResponse

APPEAL_MAX_CHARS = 5000
CHANGE_MAX_CHARS = 2000
MESSAGE_MAX_CHARS = 5000
_TOKEN = re.compile(r"[0-9a-f]{32}")


class InvalidInput(ValueError):
    """The person's input cannot be saved; `errors` maps field names to error codes."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def _checked_text(name: str, text: str | None, max_chars: int, errors: dict) -> str:
    text = (text or "").strip()
    if not text:
        errors[name] = "empty"
    elif len(text) > max_chars:
        errors[name] = "too_long"
    return text


# -- överklagande ------------------------------------------------------------------


def appeal_reference(token: str) -> str:
    """The receipt number follows from the form's one-time token, so a double click finds one appeal."""
    return f"ÖK-{token[:12].upper()}"


def find_appeal(decision: Decision, token: str) -> Appeal | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    query = select(Appeal).where(Appeal.reference == appeal_reference(token), Appeal.decision_id == decision.id)
    return get_session().scalars(query).first()


def submit_appeal(actor, decision: Decision, text: str | None, token: str | None) -> Appeal:
    """The person's appeal, sent to the case. The same token twice gives the same appeal."""
    errors: dict[str, str] = {}
    text = _checked_text("text", text, APPEAL_MAX_CHARS, errors)
    if not _TOKEN.fullmatch(token or ""):
        errors["token"] = "invalid"  # noqa: S105 - an error code, not a secret
    if errors:
        raise InvalidInput(errors)
    existing = find_appeal(decision, token)
    if existing is not None:
        return existing
    appeal = Appeal(decision_id=decision.id, citizen_id=decision.citizen_id,
                    proxy_authority_id=actor.proxy_authority_id, text=text,
                    reference=appeal_reference(token))
    db = get_session()
    db.add(appeal)
    db.flush()
    log_access(actor, AccessAction.CREATE, "appeal", appeal.id, decision.citizen_id)
    return appeal


def appeals_for(decision: Decision) -> list[Appeal]:
    query = select(Appeal).where(Appeal.decision_id == decision.id).order_by(Appeal.created_at)
    return list(get_session().scalars(query))


# -- genomförandeplan ----------------------------------------------------------------


def plan_responses(plan: ImplementationPlan) -> list[PlanResponse]:
    """The person's answers to this plan, newest first (also for the handläggare's case view)."""
    query = (select(PlanResponse).where(PlanResponse.plan_id == plan.id)
             .order_by(PlanResponse.responded_at.desc(), PlanResponse.id.desc()))
    return list(get_session().scalars(query))


def awaits_answer(plan: ImplementationPlan) -> bool:
    """True while the person has not answered the plan's current version."""
    return not any(r.plan_version == plan.version for r in plan_responses(plan))


def agree_to_plan(actor, plan: ImplementationPlan) -> PlanResponse:
    """"Jag håller med". Agreeing twice to the same version keeps the first answer."""
    latest = next(iter(plan_responses(plan)), None)
    if latest is not None and latest.agreed and latest.plan_version == plan.version:
        return latest
    response = PlanResponse(plan_id=plan.id, plan_version=plan.version, agreed=True,
                            proxy_authority_id=actor.proxy_authority_id)
    return _save_response(actor, plan, response)


def ask_for_plan_change(actor, plan: ImplementationPlan, texts: dict[int | None, str]) -> PlanResponse:
    """A change request in the person's own words, per part (sub-goal id, or None for "other")."""
    known = {sub_goal.id for sub_goal in plan.sub_goals}
    errors: dict[str, str] = {}
    requests = []
    for sub_goal_id, raw in texts.items():
        text = (raw or "").strip()
        if not text:
            continue
        name = f"change_{sub_goal_id or 'other'}"
        if sub_goal_id is not None and sub_goal_id not in known:
            errors[name] = "invalid"
        elif len(text) > CHANGE_MAX_CHARS:
            errors[name] = "too_long"
        requests.append(PlanChangeRequest(sub_goal_id=sub_goal_id, text=text))
    if not requests and not errors:
        errors["change"] = "empty"
    if errors:
        raise InvalidInput(errors)
    response = PlanResponse(plan_id=plan.id, plan_version=plan.version, agreed=False,
                            proxy_authority_id=actor.proxy_authority_id)
    response.change_requests = requests
    return _save_response(actor, plan, response)


def _save_response(actor, plan: ImplementationPlan, response: PlanResponse) -> PlanResponse:
    db = get_session()
    db.add(response)
    db.flush()
    log_access(actor, AccessAction.CREATE, "plan_response", response.id, plan.citizen_id)
    return response


# -- meddelanden ---------------------------------------------------------------------


def case_of(citizen_id: int) -> Application | None:
    """The person's latest sent application: messages go to its unit."""
    query = (select(Application)
             .where(Application.citizen_id == citizen_id, Application.unit_id.is_not(None),
                    Application.submitted_at.is_not(None))
             .order_by(Application.submitted_at.desc(), Application.id.desc()))
    return get_session().scalars(query).first()


def message_unit_id(citizen_id: int) -> int | None:
    application = case_of(citizen_id)
    if application is not None:
        return application.unit_id
    citizen = get_session().get(Citizen, citizen_id)
    return citizen.home_unit_id if citizen else None


def send_citizen_message(actor, body: str | None) -> Message:
    """From the person (or their ombud) to the handläggare of their case."""
    errors: dict[str, str] = {}
    body = _checked_text("body", body, MESSAGE_MAX_CHARS, errors)
    citizen_id = actor.subject_citizen_id
    unit_id = message_unit_id(citizen_id)
    if unit_id is None and not errors:
        errors["body"] = "no_case"
    if errors:
        raise InvalidInput(errors)
    application = case_of(citizen_id)
    message = Message(citizen_id=citizen_id, unit_id=unit_id, sender_kind=actor.kind,
                      application_id=application.id if application else None,
                      proxy_authority_id=actor.proxy_authority_id, body=body)
    return _save_message(actor, message)


def send_staff_message(actor, citizen_id: int, body: str | None) -> Message:
    """From a handläggare to the person; the person is told there is something new."""
    errors: dict[str, str] = {}
    body = _checked_text("body", body, MESSAGE_MAX_CHARS, errors)
    if errors:
        raise InvalidInput(errors)
    application = case_of(citizen_id)
    message = Message(citizen_id=citizen_id, unit_id=actor.unit_id, sender_kind="staff",
                      sender_staff_id=actor.staff_id, body=body,
                      application_id=application.id if application and application.unit_id == actor.unit_id
                      else None)
    _save_message(actor, message)
    notify_citizen(citizen_id, "message")
    return message


def _save_message(actor, message: Message) -> Message:
    db = get_session()
    db.add(message)
    db.flush()
    log_access(actor, AccessAction.CREATE, "message", message.id, message.citizen_id)
    return message


def mark_read(actor, messages: list[Message]) -> None:
    """The reader's side marks the other side's messages as read."""
    now = utcnow()
    for message in messages:
        if actor.is_staff and message.sender_kind != "staff" and message.read_by_staff_at is None:
            message.read_by_staff_at = now
        elif actor.is_citizen_side and message.sender_kind == "staff" and message.read_by_citizen_at is None:
            message.read_by_citizen_at = now
    get_session().flush()
