"""What the person does with a genomförandeplan: agree, or ask for a change per part.

Each function takes the acting context, changes data, writes the access log
and flushes; the request commits.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.plans.models import ImplementationPlan, PlanChangeRequest, PlanResponse
from portal.validation import InvalidInput

CHANGE_MAX_CHARS = 2000



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


