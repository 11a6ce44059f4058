"""What the person does with a genomförandeplan: agree, or ask for a change per part.

Each function takes the acting context, changes data, writes the access log,
records the answer on the case and flushes; the request commits. Only the
version that applies now can be answered: an old version (superseded) says
where the new one is.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event
from portal.plans.models import ImplementationPlan, PlanChangeRequest, PlanResponse
from portal.validation import InvalidInput

CHANGE_MAX_CHARS = 2000
# What plan_status() can answer; the person's words are plain_labels.PLAN_STATUS_TEXT.
PLAN_STATUSES = ("awaiting_answer", "change_requested", "agreed")

def plan_responses(plan: ImplementationPlan) -> list[PlanResponse]:
    """The person's answers to this plan, newest first (also for the handläggare's case view)."""
    query = (select(PlanResponse).where(PlanResponse.plan_id == plan.id)
             .order_by(PlanResponse.responded_at.desc(), PlanResponse.id.desc()))
    return list(get_session().scalars(query))


def awaits_answer(plan: ImplementationPlan) -> bool:
    """True while the person has not answered the plan's current version."""
    return plan.status == "published" and not any(r.plan_version == plan.version for r in plan_responses(plan))


def plan_status(plan: ImplementationPlan) -> str:
    """Where the person's answer to this version stands: "awaiting_answer",
    "change_requested" (the latest answer asks for a change) or "agreed"."""
    latest = next((r for r in plan_responses(plan) if r.plan_version == plan.version), None)
    if latest is None:
        return "awaiting_answer"
    return "agreed" if latest.agreed else "change_requested"


def _answerable(plan: ImplementationPlan) -> None:
    if plan.status != "published":
        raise InvalidInput({"plan": "not_current"})


def agree_to_plan(actor, plan: ImplementationPlan) -> PlanResponse:
    """"Jag håller med". Agreeing twice to the same version keeps the first answer."""
    _answerable(plan)
    latest = next(iter(plan_responses(plan)), None)
    if latest is not None and latest.agreed and latest.plan_version == plan.version:
        return latest
    response = PlanResponse(plan_id=plan.id, plan_version=plan.version, agreed=True,
                            proxy_authority_id=actor.proxy_authority_id)
    return _save_response(actor, plan, response, "plan_answered")


def ask_for_plan_change(actor, plan: ImplementationPlan, texts: dict[int | None, str]) -> PlanResponse:
    """A change request in the person's own words, per part (sub-goal id, or None for "other").

    The same words sent twice in a row (a double click) count once.
    """
    _answerable(plan)
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
    same = _same_change_request(actor, plan, requests)
    if same is not None:
        return same
    response = PlanResponse(plan_id=plan.id, plan_version=plan.version, agreed=False,
                            proxy_authority_id=actor.proxy_authority_id)
    response.change_requests = requests
    return _save_response(actor, plan, response, "plan_change_requested")


def _same_change_request(actor, plan: ImplementationPlan, requests: list[PlanChangeRequest]) -> PlanResponse | None:
    latest = next(iter(plan_responses(plan)), None)
    if latest is None or latest.agreed or latest.handled_at is not None or latest.plan_version != plan.version:
        return None
    if latest.proxy_authority_id != actor.proxy_authority_id:
        return None
    sent = sorted((r.sub_goal_id or 0, r.text) for r in requests)
    return latest if sorted((r.sub_goal_id or 0, r.text) for r in latest.change_requests) == sent else None


def _save_response(actor, plan: ImplementationPlan, response: PlanResponse, event: str) -> PlanResponse:
    db = get_session()
    db.add(response)
    db.flush()
    log_access(actor, AccessAction.CREATE, "plan_response", response.id, plan.citizen_id)
    application = _application_of(plan)
    if application is not None:
        record_event(actor, application, event, response)
    return response


def _application_of(plan: ImplementationPlan) -> Application | None:
    decision = get_session().get(Decision, plan.decision_id) if plan.decision_id else None
    if decision is None or decision.application_id is None:
        return None
    return get_session().get(Application, decision.application_id)
