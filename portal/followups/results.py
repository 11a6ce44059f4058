"""The answers of one follow-up next to the earlier levels, for the handläggare's case view.

Every level here is an area-level one (icf_category IS NULL): a person who also
graded the ICF categories inside an area gave those as details, not as the
area's level.

`follow_up_results` does no access check itself: the caller has opened the
case (or the follow-up) through the gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from portal.applications.models import Goal, SelfAssessment
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.followups import answers
from portal.followups.models import FollowUp
from portal.investigation.models import Assessment


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


def _assessed_in_investigation(follow_up: FollowUp) -> dict[str, Assessment]:
    """The handläggare's area-level assessment in the utredning, for a case with no published beslut yet."""
    if follow_up.application_id is None:
        return {}
    query = (select(Assessment).where(Assessment.application_id == follow_up.application_id,
                                      Assessment.icf_category.is_(None))
             .order_by(Assessment.recorded_at, Assessment.id))
    return {row.life_area: row for row in get_session().scalars(query)}


def _decision_levels(follow_up: FollowUp) -> dict[str, DecisionItemLifeArea]:
    query = (select(DecisionItemLifeArea)
             .join(DecisionItem, DecisionItemLifeArea.decision_item_id == DecisionItem.id)
             .join(Decision, DecisionItem.decision_id == Decision.id)
             .where(Decision.citizen_id == follow_up.citizen_id, Decision.status == "published")
             .order_by(Decision.published_at))
    if follow_up.decision_id is not None:
        query = query.where(Decision.id == follow_up.decision_id)
    elif follow_up.application_id is not None:
        query = query.where(Decision.application_id == follow_up.application_id)
    return {row.life_area: row for row in get_session().scalars(query)}


def _survey(follow_up: FollowUp, questionnaire: str, english: bool) -> list[SurveyResult]:
    given = answers.answers_of(follow_up, questionnaire)
    if not given:
        return []
    questions = answers.question_set(follow_up, questionnaire, pin=False)  # reading never pins
    return [SurveyResult(q.key, q.text(english), given.get(q.key), q.step_label(given.get(q.key), english))
            for q in questions.questions if q.key in given]


def follow_up_results(follow_up: FollowUp, english: bool = False) -> FollowUpResults:
    """The answers next to the earlier levels: the person's own at ansökan, assessed and intended."""
    own = _application_levels(follow_up)
    decided = _assessed_in_investigation(follow_up) | _decision_levels(follow_up)
    results = FollowUpResults(follow_up)
    for goal in answers.goals_of(follow_up, pin=False):
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
