"""The uppföljning step's API endpoints: request a follow-up, read the answers."""

from __future__ import annotations

from flask import jsonify

from portal.access.gate import Permission, load_for
from portal.api.auth import api_actor, require_scope
from portal.api.routes import bp, created, json_body, refused_write_logged
from portal.applications.models import Application
from portal.followups.services import read_results, schedule_follow_up, survey_answers
from portal.investigation.export import iso_day, iso_time


@bp.post("/applications/<id:application_id>/follow-ups")
@require_scope("followups:write")
def post_follow_up(application_id: int):
    application = load_for(Application, application_id, Permission.REQUEST_FOLLOW_UP, api_actor())
    with refused_write_logged(application):
        follow_up = schedule_follow_up(api_actor(), application, json_body("FollowUpInput"))
    return created(follow_up_json(follow_up), "api.list_follow_ups", application_id=application.id)


@bp.get("/applications/<id:application_id>/follow-ups")
@require_scope("followups:read")
def list_follow_ups(application_id: int):
    application = load_for(Application, application_id, Permission.READ_FOLLOW_UP, api_actor())
    follow_ups = read_results(api_actor(), application)
    return jsonify(follow_ups=[follow_up_json(f) for f in follow_ups])


def follow_up_json(follow_up) -> dict:
    return {
        "id": follow_up.id,
        "due_on": iso_day(follow_up.due_on),
        "status": follow_up.status,
        "decision_id": follow_up.decision_id,
        "questionnaires": [
            name
            for name, version in (
                ("quality", follow_up.quality_questions_version),
                ("life", follow_up.life_questions_version),
            )
            if version
        ],
        "answered_at": iso_time(follow_up.answered_at),
        "filled_in_by": follow_up.filled_in_by,
        "goal_evaluations": [
            {"goal_id": e.goal_id, "attainment": e.attainment, "level_now": e.level_now}
            for e in follow_up.goal_evaluations
        ],
        "survey_answers": [
            {"questionnaire": a.questionnaire, "version": a.version, "question": a.question_key, "value": a.value}
            for a in survey_answers(follow_up)
        ],
    }
