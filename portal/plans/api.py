"""The genomförandeplan step's API endpoint: a case-management system records a published plan."""

from __future__ import annotations

from portal.access.gate import Permission, load_for
from portal.api.auth import api_actor, require_scope
from portal.api.routes import bp, created, json_body, refused_write_logged
from portal.applications.models import Application
from portal.investigation.export import iso_day, iso_time
from portal.plans.services import record_plan


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
