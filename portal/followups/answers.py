"""Answering a follow-up: saved page by page, sent once, never changed after.

Answers are stored as they are given (GoalEvaluation and SurveyAnswer rows,
while the follow-up is still "scheduled"), so nothing is lost when the
person stops halfway. Sending flips the status with a conditional UPDATE:
of two sends (a double click, two tabs) exactly one matches, and only that
one writes the self-assessments that the charts and ISU read.
"""

from __future__ import annotations

from sqlalchemy import select, update

from portal.applications.models import Application, Goal, SelfAssessment
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction, FilledInBy, GoalAttainment
from portal.followups.models import FollowUp, GoalEvaluation, SurveyAnswer
from portal.followups.questionnaires import (
    QUESTIONNAIRES,
    QuestionSet,
    UnknownQuestionSet,
    current_version,
    load_question_set,
)
from portal.history.services import record_event
from portal.modelbase import utcnow

HELPED_MAX_CHARS = 3000
ATTAINMENTS = frozenset(a.value for a in GoalAttainment)


class AlreadySent(Exception):
    """The follow-up was sent; its answers can no longer change."""


def is_sent(follow_up: FollowUp) -> bool:
    return follow_up.status != "scheduled"


def _editable(follow_up: FollowUp) -> None:
    if is_sent(follow_up):
        raise AlreadySent(follow_up.id)


def _logged(actor, follow_up: FollowUp) -> None:
    log_access(actor, AccessAction.UPDATE, "follow_up", follow_up.id, follow_up.citizen_id)
    get_session().flush()


def _all_goals(follow_up: FollowUp) -> list[Goal]:
    query = select(Goal).where(Goal.citizen_id == follow_up.citizen_id)
    if follow_up.application_id is not None:
        query = query.where(Goal.application_id == follow_up.application_id)
    return list(get_session().scalars(query.order_by(Goal.position, Goal.id)))


def goals_of(follow_up: FollowUp, pin: bool = True) -> list[Goal]:
    """The goals followed up: those the handläggare chose (one GoalEvaluation row each).

    A follow-up made without a choice follows up every goal of its ansökan (else
    all the person's goals); they are pinned on first use, like the question
    sets, so a goal added later does not change the pages halfway.
    """
    if not follow_up.goal_evaluations:
        goals = _all_goals(follow_up)
        if pin and not is_sent(follow_up):
            follow_up.goal_evaluations.extend(GoalEvaluation(goal_id=goal.id) for goal in goals)
        return goals
    chosen = {evaluation.goal_id for evaluation in follow_up.goal_evaluations}
    query = select(Goal).where(Goal.id.in_(chosen), Goal.citizen_id == follow_up.citizen_id)
    return list(get_session().scalars(query.order_by(Goal.position, Goal.id)))


def questionnaires_of(follow_up: FollowUp) -> list[str]:
    """The question sets this follow-up asks: those staff pinned; none pinned means all of them."""
    pinned = [q for q in QUESTIONNAIRES if getattr(follow_up, f"{q}_questions_version")]
    if pinned:
        return pinned
    if not is_sent(follow_up):
        # Pin them all at once, so the next call still sees every set as asked.
        for questionnaire in QUESTIONNAIRES:
            setattr(follow_up, f"{questionnaire}_questions_version", current_version(questionnaire))
    return list(QUESTIONNAIRES)


def question_set(follow_up: FollowUp, questionnaire: str, pin: bool = True) -> QuestionSet:
    """The version this follow-up uses: pinned by staff, else pinned now to the current one.

    A pinned version with no file (a removed set, an old id) falls back to the
    current set, so the person can still answer; an unsent follow-up is re-pinned
    so its answers name the questions they were given with.
    """
    attribute = f"{questionnaire}_questions_version"
    version = getattr(follow_up, attribute)
    if version:
        try:
            return load_question_set(version)
        except UnknownQuestionSet:
            pass
    version = current_version(questionnaire)
    if pin and not is_sent(follow_up):
        setattr(follow_up, attribute, version)
    return load_question_set(version)


def set_filled_in_by(actor, follow_up: FollowUp, value: str | None) -> None:
    _editable(follow_up)
    if actor.kind == "proxy":
        # An ombud's answers are always the ombud's, whatever the form says.
        follow_up.filled_in_by, follow_up.proxy_authority_id = FilledInBy.PROXY.value, actor.proxy_authority_id
    elif value in (FilledInBy.SELF.value, FilledInBy.SELF_WITH_HELP.value):
        follow_up.filled_in_by, follow_up.proxy_authority_id = value, None
    else:
        raise ValueError(value)
    _logged(actor, follow_up)


def evaluation_of(follow_up: FollowUp, goal: Goal) -> GoalEvaluation | None:
    """The person's answer for `goal`; None while it is not answered."""
    evaluation = next((e for e in follow_up.goal_evaluations if e.goal_id == goal.id), None)
    return evaluation if evaluation is not None and evaluation.attainment is not None else None


def save_goal_evaluation(actor, follow_up: FollowUp, goal: Goal, attainment: str, level_now: int | None) -> None:
    _editable(follow_up)
    if attainment not in ATTAINMENTS or level_now not in (None, 0, 1, 2, 3, 4):
        raise ValueError("invalid answer")
    evaluation = next((e for e in follow_up.goal_evaluations if e.goal_id == goal.id), None)
    if evaluation is None:
        evaluation = GoalEvaluation(goal_id=goal.id)
        follow_up.goal_evaluations.append(evaluation)
    evaluation.attainment, evaluation.level_now = attainment, level_now
    _logged(actor, follow_up)


def save_helped_text(actor, follow_up: FollowUp, text: str | None) -> None:
    _editable(follow_up)
    text = (text or "").strip()
    if len(text) > HELPED_MAX_CHARS:
        raise ValueError("too long")
    follow_up.helped_text = text
    _logged(actor, follow_up)


def answers_of(follow_up: FollowUp, questionnaire: str) -> dict[str, int | None]:
    return {a.question_key: a.value for a in follow_up.survey_answers if a.questionnaire == questionnaire}


def save_survey(actor, follow_up: FollowUp, questions: QuestionSet, answers: dict[str, int | None]) -> None:
    """One answer per question (None = vet inte / vill inte svara), with the set's version."""
    _editable(follow_up)
    for question in questions.questions:
        value = answers[question.key]
        if value is not None and question.step_label(value) is None:
            raise ValueError("invalid answer")
    existing = {(a.questionnaire, a.question_key): a for a in follow_up.survey_answers}
    for question in questions.questions:
        row = existing.get((questions.questionnaire, question.key))
        if row is None:
            row = SurveyAnswer(questionnaire=questions.questionnaire, question_key=question.key)
            follow_up.survey_answers.append(row)
        row.version, row.value = questions.version, answers[question.key]
    _logged(actor, follow_up)


def missing_parts(follow_up: FollowUp) -> list[str]:
    """Pages still to answer, in order: who, goal-N, quality, life."""
    missing = [] if follow_up.filled_in_by else ["who"]
    missing += [f"goal-{n}" for n, goal in enumerate(goals_of(follow_up), 1) if evaluation_of(follow_up, goal) is None]
    for questionnaire in questionnaires_of(follow_up):
        keys = {q.key for q in question_set(follow_up, questionnaire).questions}
        if not keys <= set(answers_of(follow_up, questionnaire)):
            missing.append(questionnaire)
    return missing


def submit_follow_up(actor, follow_up: FollowUp) -> bool:
    """Send the answers. True if this call sent them; False if they were already sent."""
    if missing_parts(follow_up):
        raise ValueError("incomplete")
    db = get_session()
    now = utcnow()
    result = db.execute(
        update(FollowUp).where(FollowUp.id == follow_up.id, FollowUp.status == "scheduled")
        .values(status="answered", answered_at=now).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.refresh(follow_up)
        return False
    follow_up.status, follow_up.answered_at = "answered", now
    _record_self_assessments(follow_up, now)
    log_access(actor, AccessAction.SUBMIT, "follow_up", follow_up.id, follow_up.citizen_id)
    application = db.get(Application, follow_up.application_id) if follow_up.application_id else None
    if application is not None:
        record_event(actor, application, "follow_up_answered", follow_up)
    db.flush()
    return True


def _record_self_assessments(follow_up: FollowUp, now) -> None:
    """Today's level per life area, for change over time. The first goal of an area sets it."""
    seen: set[str] = set()
    for goal in goals_of(follow_up):
        evaluation = evaluation_of(follow_up, goal)
        if goal.life_area in seen or evaluation is None:
            continue
        seen.add(goal.life_area)
        get_session().add(SelfAssessment(
            citizen_id=follow_up.citizen_id, follow_up_id=follow_up.id, life_area=goal.life_area,
            current_level=evaluation.level_now, wanted_level=goal.wanted_level, recorded_at=now,
        ))
