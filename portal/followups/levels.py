"""Levels over time for one person: what the charts on /min-utveckling show.

Time points are the moments the person self-assessed: the ansökan and each
answered follow-up. The handläggare's assessed level (from a published
beslut) is placed at the last time point on or before the beslut; the goal
level is the beslut's intended level, else the person's own wanted level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select

from portal.applications.models import Application, Goal, SelfAssessment
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.domain.life_areas import get_life_area, is_life_area_code
from portal.domain.states import ApplicationStatus


@dataclass
class TimePoint:
    kind: str  # application or follow_up
    record_id: int
    at: datetime


@dataclass
class AreaHistory:
    code: str
    self_levels: list[int | None] = field(default_factory=list)  # one per time point
    self_given: list[bool] = field(default_factory=list)  # False: not asked then (None above is then no answer)
    assessed_levels: list[int | None] = field(default_factory=list)  # one per time point
    goal_level: int | None = None

    @property
    def latest_self_index(self) -> int | None:
        """The last time point after the first where the person answered for this area."""
        return next((i for i in range(len(self.self_given) - 1, 0, -1) if self.self_given[i]), None)

    @property
    def latest_assessed(self) -> int | None:
        return next((v for v in reversed(self.assessed_levels) if v is not None), None)


@dataclass
class LevelHistory:
    points: list[TimePoint]
    areas: list[AreaHistory]


def _not_in_a_draft(column, citizen_id: int):
    """Rows not written in an unsent ansökan (a draft is the applicant's, not a reader's)."""
    drafts = select(Application.id).where(Application.citizen_id == citizen_id,
                                          Application.status == ApplicationStatus.DRAFT.value)
    return or_(column.is_(None), column.not_in(drafts))


def _self_assessments(citizen_id: int, include_drafts: bool) -> list[SelfAssessment]:
    query = (select(SelfAssessment)
             .where(SelfAssessment.citizen_id == citizen_id, SelfAssessment.icf_category.is_(None))
             .order_by(SelfAssessment.recorded_at, SelfAssessment.id))
    if not include_drafts:
        query = query.where(_not_in_a_draft(SelfAssessment.application_id, citizen_id))
    return [row for row in get_session().scalars(query) if is_life_area_code(row.life_area)]


def _points(rows: list[SelfAssessment]) -> tuple[list[TimePoint], dict[tuple, int]]:
    points: list[TimePoint] = []
    index_of: dict[tuple, int] = {}
    for row in rows:
        key = ("follow_up", row.follow_up_id) if row.follow_up_id else ("application", row.application_id)
        if key not in index_of:
            index_of[key] = len(points)
            points.append(TimePoint(key[0], key[1] or 0, row.recorded_at))
    return points, index_of


def _decision_levels(citizen_id: int) -> list[tuple[Decision, DecisionItemLifeArea]]:
    query = (select(Decision, DecisionItemLifeArea)
             .join(DecisionItem, DecisionItem.decision_id == Decision.id)
             .join(DecisionItemLifeArea, DecisionItemLifeArea.decision_item_id == DecisionItem.id)
             .where(Decision.citizen_id == citizen_id, Decision.status == "published")
             .order_by(Decision.published_at, Decision.id))
    return list(get_session().execute(query))


def _point_before(points: list[TimePoint], moment: datetime | None) -> int:
    index = 0
    for i, point in enumerate(points):
        if moment is not None and point.at <= moment:
            index = i
    return index


def level_history(citizen_id: int, include_drafts: bool = True) -> LevelHistory:
    """Everything the charts need for one person (no access check: callers pass their subject).

    `include_drafts` False leaves out what was typed in an unsent ansökan:
    an ombud who may only read beslut and planer must not see it.
    """
    rows = _self_assessments(citizen_id, include_drafts)
    points, index_of = _points(rows)
    areas: dict[str, AreaHistory] = {}

    def area(code: str) -> AreaHistory:
        if code not in areas:
            areas[code] = AreaHistory(code, [None] * len(points), [False] * len(points), [None] * len(points))
        return areas[code]

    wanted: dict[str, int | None] = {}
    for row in rows:
        key = ("follow_up", row.follow_up_id) if row.follow_up_id else ("application", row.application_id)
        area(row.life_area).self_levels[index_of[key]] = row.current_level
        area(row.life_area).self_given[index_of[key]] = True
        if row.wanted_level is not None:
            wanted[row.life_area] = row.wanted_level
    goals = select(Goal).where(Goal.citizen_id == citizen_id).order_by(Goal.id)
    if not include_drafts:
        goals = goals.where(_not_in_a_draft(Goal.application_id, citizen_id))
    for goal in get_session().scalars(goals):
        if goal.wanted_level is not None and goal.life_area in areas:
            wanted[goal.life_area] = goal.wanted_level
    for code, level in wanted.items():
        area(code).goal_level = level
    if points:
        for decision, row in _decision_levels(citizen_id):
            if not is_life_area_code(row.life_area):
                continue
            target = area(row.life_area)
            target.assessed_levels[_point_before(points, decision.published_at)] = row.assessed_level
            if row.intended_level is not None:
                target.goal_level = row.intended_level
    ordered = sorted(areas.values(), key=lambda a: get_life_area(a.code).position)
    return LevelHistory(points, ordered)
