"""Scheduling uppföljning and reading its results (staff pages and the API).

A follow-up names the goals to evaluate and the question sets to answer;
the person answers in the portal, and the results come back next to the
earlier levels (self-assessed, assessed, intended).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.applications.models import Application, Goal
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp, GoalEvaluation, SurveyAnswer
from portal.history.services import record_event
from portal.messages.models import Notification
from portal.validation import Checker

# The question sets a follow-up can include, with the version a new one gets.
QUESTIONNAIRES = {"quality": "quality-1", "life": "life-1"}


def follow_ups_for(application: Application) -> list[FollowUp]:
    query = select(FollowUp).where(FollowUp.application_id == application.id).order_by(FollowUp.due_on)
    return list(get_session().scalars(query))


def schedule_follow_up(actor, application: Application, data: dict, today: date | None = None) -> FollowUp:
    check = Checker(data)
    due_on = check.date("due_on", required=True)
    if due_on and due_on < (today or date.today()):
        check.fail("due_on", "in_past")
    goal_ids = check.id_list("goal_ids", {goal.id for goal in application.goals})
    questionnaires = check.data.get("questionnaires") or []
    if not isinstance(questionnaires, list) or not all(
        isinstance(q, str) and q in QUESTIONNAIRES for q in questionnaires
    ):
        check.fail("questionnaires", "invalid_choice")
        questionnaires = []
    if not goal_ids and not questionnaires:
        check.fail("goal_ids", "empty")
    decision_id = _decision_id(application, check)
    check.done()
    follow_up = FollowUp(
        citizen_id=application.citizen_id,
        application_id=application.id,
        decision_id=decision_id,
        unit_id=application.unit_id,
        due_on=due_on,
        created_by_id=actor.staff_id,
        quality_questions_version=QUESTIONNAIRES["quality"] if "quality" in questionnaires else None,
        life_questions_version=QUESTIONNAIRES["life"] if "life" in questionnaires else None,
    )
    follow_up.goal_evaluations = [GoalEvaluation(goal_id=goal_id) for goal_id in dict.fromkeys(goal_ids)]
    db = get_session()
    db.add(follow_up)
    db.add(Notification(citizen_id=application.citizen_id, kind="follow_up"))
    db.flush()
    log_access(actor, AccessAction.CREATE, "follow_up", follow_up.id, application.citizen_id)
    record_event(actor, application, "follow_up_scheduled", follow_up)
    return follow_up


def _decision_id(application: Application, check: Checker) -> int | None:
    from portal.decisions.services import decision_from_form

    decision = decision_from_form(application, check, required=False)
    return decision.id if decision else None


@dataclass(frozen=True)
class GoalResult:
    """One goal at one follow-up, next to the earlier levels for its livsområde."""

    goal: Goal
    attainment: str | None
    level_now: int | None
    self_assessed: int | None
    assessed: int | None
    intended: int | None


def goal_results(application: Application, follow_up: FollowUp) -> list[GoalResult]:
    from portal.investigation.services import latest_levels

    goals = {goal.id: goal for goal in application.goals}
    own, assessed = latest_levels(application)
    results = []
    for evaluation in follow_up.goal_evaluations:
        goal = goals.get(evaluation.goal_id)
        if goal is None:
            continue
        area_own, area_assessed = own.get(goal.life_area), assessed.get(goal.life_area)
        results.append(
            GoalResult(
                goal=goal,
                attainment=evaluation.attainment,
                level_now=evaluation.level_now,
                self_assessed=area_own.current_level if area_own else None,
                assessed=area_assessed.assessed_level if area_assessed else None,
                intended=area_assessed.intended_level if area_assessed else None,
            )
        )
    return results


def survey_answers(follow_up: FollowUp) -> list[SurveyAnswer]:
    return sorted(follow_up.survey_answers, key=lambda a: (a.questionnaire, a.question_key))


def read_results(actor, application: Application) -> list[FollowUp]:
    """Follow-ups of a case, with the read written to the access log."""
    follow_ups = follow_ups_for(application)
    for follow_up in follow_ups:
        log_access(actor, AccessAction.READ, "follow_up", follow_up.id, application.citizen_id)
    return follow_ups
