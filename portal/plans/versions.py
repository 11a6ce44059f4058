"""Versions of a genomförandeplan, and what a new version does to the older ones.

A published plan is never edited in place. A revision is a new row for the
same beslut with `version` one higher and `replaces_id` pointing at the
version it replaces; publishing it makes the older one "superseded", which
stays readable. There is at most one draft per beslut, so "Skriv ny
genomförandeplan" twice opens the same draft.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event
from portal.modelbase import utcnow
from portal.plans.models import ImplementationPlan, PlanActivity, PlanResponse, PlanSubGoal
from portal.validation import ValidationFailed

# A chain of versions is short; the limit only guards against a loop in bad data.
_MAX_VERSIONS = 1000


def _of_decision(decision_id: int, status: str, assignment_id: int | None) -> ImplementationPlan | None:
    """The handläggare's plans have no uppdrag; an utförare's plans belong to one uppdrag."""
    same_assignment = (ImplementationPlan.assignment_id.is_(None) if assignment_id is None
                       else ImplementationPlan.assignment_id == assignment_id)
    query = (select(ImplementationPlan)
             .where(ImplementationPlan.decision_id == decision_id, ImplementationPlan.status == status,
                    same_assignment)
             .order_by(ImplementationPlan.version.desc(), ImplementationPlan.id.desc()))
    return get_session().scalars(query).first()


def draft_for(decision_id: int, assignment_id: int | None = None) -> ImplementationPlan | None:
    return _of_decision(decision_id, "draft", assignment_id)


def current_for(decision_id: int, assignment_id: int | None = None) -> ImplementationPlan | None:
    """The published version the person reads now, if any."""
    return _of_decision(decision_id, "published", assignment_id)


def older_versions(plan: ImplementationPlan) -> list[ImplementationPlan]:
    """The versions this one replaces, newest first (following replaces_id)."""
    db = get_session()
    found: list[ImplementationPlan] = []
    seen = {plan.id}
    older = db.get(ImplementationPlan, plan.replaces_id) if plan.replaces_id else None
    while older is not None and older.id not in seen and len(found) < _MAX_VERSIONS:
        found.append(older)
        seen.add(older.id)
        older = db.get(ImplementationPlan, older.replaces_id) if older.replaces_id else None
    return found


def current_version(plan: ImplementationPlan) -> ImplementationPlan | None:
    """The published version that took the place of `plan` (itself if it is published)."""
    db = get_session()
    seen: set[int] = set()
    while plan is not None and plan.status == "superseded" and plan.id not in seen and len(seen) < _MAX_VERSIONS:
        seen.add(plan.id)
        query = select(ImplementationPlan).where(ImplementationPlan.replaces_id == plan.id,
                                                 ImplementationPlan.status != "draft")
        plan = db.scalars(query.order_by(ImplementationPlan.id)).first()
    return plan if plan is not None and plan.status == "published" else None


def _copy_sub_goal(sub_goal: PlanSubGoal) -> PlanSubGoal:
    copy = PlanSubGoal(goal_id=sub_goal.goal_id, life_area=sub_goal.life_area, text=sub_goal.text,
                       due_on=sub_goal.due_on, position=sub_goal.position)
    copy.activities = [PlanActivity(what=a.what, when_text=a.when_text, who=a.who, own_part=a.own_part,
                                    position=a.position) for a in sub_goal.activities]
    return copy


def revise_plan(actor, plan: ImplementationPlan, application) -> ImplementationPlan:
    """A draft of the next version with the same content, so staff change only what changed.

    If the beslut already has a draft, that draft is the next version.
    """
    if plan.status != "published":
        raise ValidationFailed({"plan": "not_editable"})
    existing = draft_for(plan.decision_id, plan.assignment_id) if plan.decision_id is not None else None
    if existing is not None:
        if existing.replaces_id is None:
            # A draft started before the beslut had a published plan (or before versions existed).
            existing.replaces_id, existing.version = plan.id, plan.version + 1
        return existing
    revision = ImplementationPlan(
        citizen_id=plan.citizen_id, assignment_id=plan.assignment_id, decision_id=plan.decision_id,
        unit_id=plan.unit_id, version=plan.version + 1, replaces_id=plan.id,
        participation_text=plan.participation_text, wishes_text=plan.wishes_text,
        next_review_on=plan.next_review_on, created_by_id=actor.staff_id or plan.created_by_id,
    )
    revision.sub_goals = [_copy_sub_goal(s) for s in plan.sub_goals]
    db = get_session()
    db.add(revision)
    db.flush()
    log_access(actor, AccessAction.CREATE, "implementation_plan", revision.id, revision.citizen_id)
    record_event(actor, application, "plan_revised", revision)
    return revision


def replace_older(actor, plan: ImplementationPlan, application) -> None:
    """On publishing `plan`: the version it replaces stops applying, and the change
    requests on older versions count as answered by this one."""
    older = older_versions(plan)
    if older and older[0].status == "published":
        older[0].status = "superseded"
        log_access(actor, AccessAction.UPDATE, "implementation_plan", older[0].id, plan.citizen_id)
    for response in _pending_changes([p.id for p in older]):
        _handled(actor, response, application, plan.citizen_id)


def pending_before(plan: ImplementationPlan) -> list[PlanResponse]:
    """Change requests on older versions that no one has handled yet (a new version answers them)."""
    return _pending_changes([p.id for p in older_versions(plan)])


def _pending_changes(plan_ids: list[int]) -> list[PlanResponse]:
    if not plan_ids:
        return []
    query = select(PlanResponse).where(PlanResponse.plan_id.in_(plan_ids), PlanResponse.agreed.is_(False),
                                       PlanResponse.handled_at.is_(None))
    return list(get_session().scalars(query.order_by(PlanResponse.id)))


def _handled(actor, response: PlanResponse, application, citizen_id: int) -> None:
    response.handled_at, response.handled_by_id = utcnow(), actor.staff_id
    log_access(actor, AccessAction.UPDATE, "plan_response", response.id, citizen_id)
    record_event(actor, application, "plan_change_handled", response)


def mark_change_handled(actor, plan: ImplementationPlan, response: PlanResponse, application) -> None:
    """A change request that needs no new version (for example settled on the phone)."""
    if response.plan_id != plan.id or response.agreed:
        raise ValidationFailed({"response": "invalid"})
    if response.handled_at is None:
        _handled(actor, response, application, plan.citizen_id)
    get_session().flush()
