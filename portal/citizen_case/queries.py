"""Read-only questions other pages ask: the citizen's start page and the handläggare's case view.

`home_panels(actor)` feeds templates/citizen_case/_home_panels.html on
/mitt-stod. `unread_messages_for_unit`, `plan_responses` (in services) and
`follow_up_results` are for the staff workspace; they do no access check
themselves, so the caller must have opened the case through the gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from portal.access.gate import PROXY_SCOPE_FOR, Permission, own_records
from portal.applications.models import Goal, SelfAssessment
from portal.audit.services import log_access
from portal.citizen_case import answers
from portal.citizen_case.services import awaits_answer
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp
from portal.messages.models import Message
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.plans.models import ImplementationPlan

NEW_FOR_DAYS = 30


def may(actor, permission: Permission) -> bool:
    """Whether the citizen-side actor has this kind of right at all (an ombud needs the scope)."""
    if actor.kind == "citizen":
        return True
    return actor.kind == "proxy" and PROXY_SCOPE_FOR.get(permission) in actor.scopes


def _listed(actor, model, record_type: str, query=None) -> list:
    rows = list(get_session().scalars(query if query is not None else own_records(model, actor)))
    if rows:
        log_access(actor, AccessAction.READ, record_type, None, actor.subject_citizen_id)
    return rows


def due_follow_ups(actor, today: date | None = None) -> list[FollowUp]:
    """Follow-ups the person can answer now (due today or earlier, not yet sent)."""
    if not may(actor, Permission.ANSWER_FOLLOW_UP):
        return []
    today = today or date.today()
    query = (own_records(FollowUp, actor)
             .where(FollowUp.status == "scheduled", FollowUp.due_on <= today).order_by(FollowUp.due_on))
    return _listed(actor, FollowUp, "follow_up", query)


def home_panels(actor) -> dict:
    """What the start page shows from this package: follow-ups due, beslut, plans, unread messages."""
    panels = {"due_follow_ups": due_follow_ups(actor), "decisions": [], "plans": [],
              "unread_messages": None}
    if may(actor, Permission.READ_DECISION):
        recent = utcnow() - timedelta(days=NEW_FOR_DAYS)
        query = own_records(Decision, actor).order_by(Decision.published_at.desc())
        panels["decisions"] = [(d, d.published_at is not None and d.published_at >= recent)
                               for d in _listed(actor, Decision, "decision", query)]
    if may(actor, Permission.READ_PLAN):
        query = own_records(ImplementationPlan, actor).order_by(ImplementationPlan.published_at.desc())
        panels["plans"] = [(p, awaits_answer(p)) for p in _listed(actor, ImplementationPlan, "implementation_plan",
                                                                   query)]
    if may(actor, Permission.READ_MESSAGES):
        query = (select(func.count(Message.id))
                 .where(Message.citizen_id == actor.subject_citizen_id, Message.sender_kind == "staff",
                        Message.read_by_citizen_at.is_(None)))
        panels["unread_messages"] = get_session().scalar(query)
    return panels


# -- for the handläggare ----------------------------------------------------------


@dataclass
class UnreadThread:
    citizen_id: int
    citizen_name: str
    unread: int
    latest_at: datetime


def unread_messages_for_unit(unit_id: int) -> list[UnreadThread]:
    """People with messages to this unit that no handläggare has read yet, newest first."""
    query = (select(Message.citizen_id, func.count(Message.id), func.max(Message.created_at))
             .where(Message.unit_id == unit_id, Message.sender_kind != "staff", Message.read_by_staff_at.is_(None))
             .group_by(Message.citizen_id).order_by(func.max(Message.created_at).desc()))
    db = get_session()
    return [UnreadThread(citizen_id, db.get(Citizen, citizen_id).name, count, latest)
            for citizen_id, count, latest in db.execute(query)]


@dataclass
class GoalResult:
    goal: Goal
    attainment: str | None
    level_now: int | None
    self_at_application: int | None
    assessed: int | None
    intended: int | None


@dataclass
class SurveyResult:
    key: str
    text: str
    value: int | None
    label: str | None  # None: vet inte / vill inte svara


@dataclass
class FollowUpResults:
    follow_up: FollowUp
    goals: list[GoalResult] = field(default_factory=list)
    quality: list[SurveyResult] = field(default_factory=list)
    life: list[SurveyResult] = field(default_factory=list)


def _application_levels(follow_up: FollowUp) -> dict[str, int | None]:
    if follow_up.application_id is None:
        return {}
    query = (select(SelfAssessment).where(SelfAssessment.application_id == follow_up.application_id,
                                          SelfAssessment.icf_category.is_(None))
             .order_by(SelfAssessment.recorded_at))
    return {row.life_area: row.current_level for row in get_session().scalars(query)}


def _decision_levels(follow_up: FollowUp) -> dict[str, DecisionItemLifeArea]:
    query = (select(DecisionItemLifeArea)
             .join(DecisionItem, DecisionItemLifeArea.decision_item_id == DecisionItem.id)
             .join(Decision, DecisionItem.decision_id == Decision.id)
             .where(Decision.citizen_id == follow_up.citizen_id, Decision.status == "published")
             .order_by(Decision.published_at))
    if follow_up.decision_id is not None:
        query = query.where(Decision.id == follow_up.decision_id)
    return {row.life_area: row for row in get_session().scalars(query)}


def _survey(follow_up: FollowUp, questionnaire: str, english: bool) -> list[SurveyResult]:
    given = answers.answers_of(follow_up, questionnaire)
    questions = answers.question_set(follow_up, questionnaire)
    return [SurveyResult(q.key, q.text(english), given.get(q.key), q.step_label(given.get(q.key), english))
            for q in questions.questions if q.key in given]


def follow_up_results(follow_up: FollowUp, english: bool = False) -> FollowUpResults:
    """The answers next to the earlier levels: the person's own at ansökan, assessed and intended."""
    own = _application_levels(follow_up)
    decided = _decision_levels(follow_up)
    results = FollowUpResults(follow_up)
    for goal in answers.goals_of(follow_up):
        evaluation = answers.evaluation_of(follow_up, goal)
        row = decided.get(goal.life_area)
        results.goals.append(GoalResult(
            goal, evaluation.attainment if evaluation else None, evaluation.level_now if evaluation else None,
            own.get(goal.life_area), row.assessed_level if row else None,
            row.intended_level if row else goal.wanted_level,
        ))
    results.quality = _survey(follow_up, "quality", english)
    results.life = _survey(follow_up, "life", english)
    return results
