"""The records of one case that its history and its place in the process are read from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from portal.db import get_session
from portal.decisions.models import Appeal, Communication, Decision
from portal.followups.models import FollowUp, NeedChange
from portal.plans.models import ImplementationPlan, PlanResponse

# A superseded plan version was once shown to the person, so it belongs to the history.
SHOWN_PLAN_STATES = ("published", "superseded")


@dataclass(frozen=True)
class CaseRecords:
    communications: list[Communication]
    decisions: list[Decision]  # published only
    appeals: list[Appeal]
    plans: list[ImplementationPlan]  # shown to the person (published or superseded)
    plan_responses: list[PlanResponse]
    follow_ups: list[FollowUp]
    need_changes: list[NeedChange]

    @property
    def current_plans(self) -> list[ImplementationPlan]:
        return [plan for plan in self.plans if plan.status == "published"]


def _all(query) -> list:
    return list(get_session().scalars(query))


def case_records(application) -> CaseRecords:
    """Everything of one case that staff have shown the person, or the person has sent, oldest first."""
    decisions = _all(select(Decision).where(Decision.application_id == application.id,
                                            Decision.status == "published").order_by(Decision.published_at))
    decision_ids = [d.id for d in decisions]
    plans = _all(select(ImplementationPlan)
                 .where(ImplementationPlan.decision_id.in_(decision_ids),
                        ImplementationPlan.status.in_(SHOWN_PLAN_STATES))
                 .order_by(ImplementationPlan.published_at))
    return CaseRecords(
        communications=_all(select(Communication).where(Communication.application_id == application.id)
                            .order_by(Communication.sent_at)),
        decisions=decisions,
        appeals=_all(select(Appeal).where(Appeal.decision_id.in_(decision_ids)).order_by(Appeal.created_at)),
        plans=plans,
        plan_responses=_all(select(PlanResponse).where(PlanResponse.plan_id.in_([p.id for p in plans]))
                            .order_by(PlanResponse.responded_at)),
        follow_ups=_all(select(FollowUp).where(FollowUp.application_id == application.id)
                        .order_by(FollowUp.due_on)),
        need_changes=_all(select(NeedChange).where(NeedChange.application_id == application.id)
                          .order_by(NeedChange.created_at)),
    )
