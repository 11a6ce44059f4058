"""The genomförandeplan step's API endpoints: a case-management system records a published plan;
an utförare's own system reads its unit's active uppdrag and records and reads their plans."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import select

from portal.access.gate import Permission, authorize, is_allowed, load_for
from portal.api.auth import api_actor, require_scope
from portal.api.routes import bp, created, json_body, refused_write_logged
from portal.applications.models import Application
from portal.db import get_session
from portal.investigation.export import iso_day, iso_time
from portal.plans import assignments, provider_plans
from portal.plans.models import Assignment, ImplementationPlan
from portal.plans.services import record_plan
from portal.plans.sharing import ACTIVE_STATUSES, shared_areas


@bp.post("/applications/<id:application_id>/plans")
@require_scope("plans:write")
def post_plan(application_id: int):
    application = load_for(Application, application_id, Permission.RECORD_PLAN, api_actor())
    with refused_write_logged(application):
        plan = record_plan(api_actor(), application, json_body("PlanInput"))
    return created(plan_json(plan), "api.get_application", application_id=application.id)


def plan_json(plan) -> dict:
    return {
        "id": plan.id,
        "decision_id": plan.decision_id,
        "status": plan.status,
        "version": plan.version,
        "participation_text": plan.participation_text,
        "wishes_text": plan.wishes_text,
        "next_review_on": iso_day(plan.next_review_on),
        "published_at": iso_time(plan.published_at),
        "sub_goals": [
            {
                "id": sub_goal.id,
                "life_area": sub_goal.life_area,
                "goal_id": sub_goal.goal_id,
                "text": sub_goal.text,
                "activities": [
                    {"what": a.what, "when_text": a.when_text, "who": a.who, "own_part": a.own_part}
                    for a in sub_goal.activities
                ],
            }
            for sub_goal in plan.sub_goals
        ],
    }


# -- the utförare's own system: its unit's active uppdrag and their plans ---------------


def assignment_json(assignment: Assignment) -> dict:
    item = assignments.decision_item(assignment)
    plan = provider_plans.plan_of(assignment)
    return {
        "id": assignment.id, "status": assignment.status, "service": item.service, "support_kind": item.support_kind,
        "description": assignment.description, "goals_text": assignment.goals_text,
        "starts_on": iso_day(assignment.starts_on), "ends_on": iso_day(assignment.ends_on),
        "life_areas": [{"life_area": a.life_area, "assessed_level": a.assessed_level,
                        "intended_level": a.intended_level} for a in item.life_areas],
        "shared_life_areas": sorted(shared_areas(assignment)),
        "plan_id": plan.id if plan else None,
    }


@bp.get("/assignments")
@require_scope("assignments:read")
def list_assignments():
    actor = api_actor()
    query = (select(Assignment).where(Assignment.provider_unit_id == actor.unit_id,
                                      Assignment.status.in_(ACTIVE_STATUSES)).order_by(Assignment.id))
    shown = [authorize(a, Permission.READ_ASSIGNMENT, actor) for a in get_session().scalars(query)
             if is_allowed(actor, Permission.READ_ASSIGNMENT, a)]
    return jsonify(assignments=[assignment_json(a) for a in shown])


@bp.get("/assignments/<id:assignment_id>")
@require_scope("assignments:read")
def get_assignment(assignment_id: int):
    return jsonify(assignment_json(load_for(Assignment, assignment_id, Permission.READ_ASSIGNMENT, api_actor())))


@bp.post("/assignments/<id:assignment_id>/plans")
@require_scope("plans:write")
def post_assignment_plan(assignment_id: int):
    assignment = load_for(Assignment, assignment_id, Permission.WRITE_PROVIDER_PLAN, api_actor())
    with refused_write_logged(assignments.application_of(assignment)):
        plan = provider_plans.record_plan(api_actor(), assignment, json_body("AssignmentPlanInput"))
    return created(plan_json(plan), "api.get_plan", plan_id=plan.id)


@bp.get("/plans/<id:plan_id>")
@require_scope("plans:read")
def get_plan(plan_id: int):
    return jsonify(plan_json(load_for(ImplementationPlan, plan_id, Permission.READ_PROVIDER_PLAN, api_actor())))
