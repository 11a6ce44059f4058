"""What the person's own pages show beside the beslut: their own levels and goals from the ansökan."""

from __future__ import annotations

from sqlalchemy import select

from portal.applications.models import Goal, SelfAssessment
from portal.db import get_session
from portal.decisions.models import Decision


def own_levels(application_id: int | None) -> dict[str, int | None]:
    """What the person said in the ansökan, per life area (the area's level, not the detailed answers)."""
    if application_id is None:
        return {}
    query = (select(SelfAssessment)
             .where(SelfAssessment.application_id == application_id, SelfAssessment.icf_category.is_(None))
             .order_by(SelfAssessment.recorded_at, SelfAssessment.id))
    return {row.life_area: row.current_level for row in get_session().scalars(query)}


def goals_of(decision: Decision) -> dict[int, Goal]:
    ids = {row.goal_id for item in decision.items for row in item.life_areas if row.goal_id}
    if not ids:
        return {}
    return {goal.id: goal for goal in get_session().scalars(select(Goal).where(Goal.id.in_(ids)))}
