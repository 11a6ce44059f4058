"""Scheduling uppföljning and the handläggare's reading of it (staff pages and the API).

A follow-up names the goals to evaluate and the question sets to answer;
the person answers in the portal, and the results come back next to the
earlier levels (self-assessed, assessed, intended): see results.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort
from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem
from portal.domain import clock
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp, GoalEvaluation, SurveyAnswer
from portal.followups.questionnaires import QUESTIONNAIRES, current_version
from portal.history.services import record_event
from portal.messages.models import Notification
from portal.modelbase import utcnow
from portal.validation import Checker

# Without the person's wish or a beslut's end date, IBIC's common interval.
DEFAULT_INTERVAL = timedelta(days=182)


def follow_ups_for(application: Application) -> list[FollowUp]:
    query = select(FollowUp).where(FollowUp.application_id == application.id).order_by(FollowUp.due_on)
    return list(get_session().scalars(query))


def follow_up_of(application: Application, follow_up_id: int) -> FollowUp:
    """The follow-up, only if it belongs to this (already opened) case; else 404 like a foreign id."""
    follow_up = get_session().get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.application_id != application.id:
        abort(404)
    return follow_up


@dataclass(frozen=True)
class DueDate:
    """The date the scheduling form proposes, and where it came from."""

    on: date
    source: str  # goal (the person's wish in the ansökan), decision (a beslut ends), default


def default_due_date(application: Application, today: date | None = None) -> DueDate:
    """The person's own wish first, then the first end of a beslut's validity, else six months."""
    today = today or clock.today()
    wished = [goal.follow_up_on for goal in application.goals if goal.follow_up_on and goal.follow_up_on >= today]
    if wished:
        return DueDate(min(wished), "goal")
    query = (select(DecisionItem.valid_to).join(Decision, DecisionItem.decision_id == Decision.id)
             .where(Decision.application_id == application.id, Decision.status == "published",
                    DecisionItem.valid_to >= today))
    ends = list(get_session().scalars(query))
    if ends:
        return DueDate(min(ends), "decision")
    return DueDate(today + DEFAULT_INTERVAL, "default")


def schedule_follow_up(actor, application: Application, data: dict, today: date | None = None) -> FollowUp:
    check = Checker(data)
    due_on = check.date("due_on", required=True)
    if due_on and due_on < (today or clock.today()):
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
        # Pinned now, so a kommun publishing new questions later does not change what this one asks.
        quality_questions_version=current_version("quality") if "quality" in questionnaires else None,
        life_questions_version=current_version("life") if "life" in questionnaires else None,
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


def review_state(follow_up: FollowUp) -> str:
    """waiting (not answered), unread (answered, no handläggare has read it) or read."""
    if follow_up.status != "answered":
        return "waiting"
    return "read" if follow_up.reviewed_at else "unread"


def mark_reviewed(actor, application: Application, follow_up: FollowUp) -> bool:
    """The handläggare has read the answers. True if this call marked it; a second click changes nothing."""
    if follow_up.status != "answered" or follow_up.reviewed_at is not None:
        return False
    follow_up.reviewed_at, follow_up.reviewed_by_id = utcnow(), actor.staff_id
    log_access(actor, AccessAction.UPDATE, "follow_up", follow_up.id, follow_up.citizen_id)
    record_event(actor, application, "follow_up_reviewed", follow_up)
    get_session().flush()
    return True


def survey_answers(follow_up: FollowUp) -> list[SurveyAnswer]:
    return sorted(follow_up.survey_answers, key=lambda a: (a.questionnaire, a.question_key))


def read_results(actor, application: Application) -> list[FollowUp]:
    """Follow-ups of a case, with the read written to the access log."""
    follow_ups = follow_ups_for(application)
    for follow_up in follow_ups:
        log_access(actor, AccessAction.READ, "follow_up", follow_up.id, application.citizen_id)
    return follow_ups
