"""JSON shapes of what the API creates; the application itself is portal.casework.export."""

from __future__ import annotations

from portal.followups.services import survey_answers
from portal.investigation.export import decision_document, iso_day, iso_time


def decision_json(decision) -> dict:
    return decision_document(decision)


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
