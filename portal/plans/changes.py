"""What changed in a genomförandeplan since the person last agreed to it.

A published plan is never edited in place (plans/services.py refuses), so a
revision is a new ImplementationPlan row for the same beslut with a higher
`version`, pointing at the row it replaces (`replaces_id`). The person's last
"Jag håller med" may therefore be on an earlier row; we compare the current
plan with that row part by part. If the version was raised on the same row,
the old words are gone and we can only say that the plan changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.db import get_session
from portal.plans.models import ImplementationPlan, PlanResponse, PlanSubGoal
from portal.plans.versions import older_versions


@dataclass
class PlanChanges:
    agreed_at: datetime
    agreed_version: int
    agreed_by_authority_id: int | None  # the ombud who agreed, if it was not the person
    changed_sub_goal_ids: set[int] = field(default_factory=set)  # new or different parts
    removed: list[str] = field(default_factory=list)  # texts of parts no longer in the plan
    details_known: bool = True
    participation_changed: bool = False
    wishes_changed: bool = False


def _signature(sub_goal: PlanSubGoal) -> tuple:
    activities = tuple((a.what, a.when_text, a.who, a.own_part) for a in sub_goal.activities)
    return sub_goal.life_area, sub_goal.text.strip(), activities


def _related_plans(plan: ImplementationPlan) -> list[ImplementationPlan]:
    """This plan and the versions before it: the replaces_id chain, and (for plans
    written before versions were linked) earlier plans of the same beslut."""
    related = {p.id: p for p in [plan, *older_versions(plan)]}
    if plan.decision_id is not None:
        query = (select(ImplementationPlan)
                 .where(ImplementationPlan.decision_id == plan.decision_id,
                        ImplementationPlan.citizen_id == plan.citizen_id,
                        ImplementationPlan.status.in_(("published", "superseded")), ImplementationPlan.id <= plan.id))
        related.update({p.id: p for p in get_session().scalars(query)})
    return list(related.values())


def _last_agreement(plans: list[ImplementationPlan]) -> tuple[ImplementationPlan, PlanResponse] | None:
    by_id = {p.id: p for p in plans}
    query = (select(PlanResponse).where(PlanResponse.plan_id.in_(by_id), PlanResponse.agreed.is_(True))
             .order_by(PlanResponse.responded_at.desc(), PlanResponse.id.desc()))
    response = get_session().scalars(query).first()
    return (by_id[response.plan_id], response) if response else None


def plan_changes(plan: ImplementationPlan) -> PlanChanges | None:
    """None when the person never agreed, or agreed to exactly this version."""
    found = _last_agreement(_related_plans(plan))
    if found is None:
        return None
    agreed_plan, response = found
    if agreed_plan.id == plan.id:
        if response.plan_version >= plan.version:
            return None
        return PlanChanges(response.responded_at, response.plan_version, response.proxy_authority_id,
                           details_known=False)
    changes = PlanChanges(response.responded_at, response.plan_version, response.proxy_authority_id)
    old = {_signature(s) for s in agreed_plan.sub_goals}
    new_texts = {s.text.strip() for s in plan.sub_goals}
    changes.changed_sub_goal_ids = {s.id for s in plan.sub_goals if _signature(s) not in old}
    changes.removed = [s.text for s in agreed_plan.sub_goals if s.text.strip() not in new_texts]
    changes.participation_changed = plan.participation_text.strip() != agreed_plan.participation_text.strip()
    changes.wishes_changed = plan.wishes_text.strip() != agreed_plan.wishes_text.strip()
    if not (changes.changed_sub_goal_ids or changes.removed or changes.participation_changed
            or changes.wishes_changed):
        return None
    return changes
