"""The genomförandeplan step's part of the handläggare's caseload: only reads, no routes.

Every query answers for the whole unit at once, so the caseload's query count never
grows with the number of cases.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.applications.models import Application
from portal.db import get_session
from portal.decisions.models import Decision
from portal.domain.caseflow import ActionItem, ActionKind
from portal.domain.states import ApplicationStatus
from portal.plans.models import ImplementationPlan, PlanResponse

# A version the person has been shown: the current one, or one a newer version replaced.
SHOWN_STATUSES = ("published", "superseded")


def _in_unit(unit_id: int):
    return (Application.unit_id == unit_id, Application.status != ApplicationStatus.DRAFT.value)


def delivering_cases(unit_id: int) -> set[int]:
    """Cases with a published genomförandeplan (genomförande has started)."""
    query = (
        select(Decision.application_id)
        .join(ImplementationPlan, ImplementationPlan.decision_id == Decision.id)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id), ImplementationPlan.status == "published")
        .distinct()
    )
    return set(get_session().scalars(query))


def _open_change_requests(unit_id: int):
    return (
        select(PlanResponse.id, PlanResponse.plan_id, PlanResponse.plan_version, PlanResponse.responded_at,
               ImplementationPlan.citizen_id, Decision.application_id)
        .join(ImplementationPlan, ImplementationPlan.id == PlanResponse.plan_id)
        .join(Decision, Decision.id == ImplementationPlan.decision_id)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id), PlanResponse.agreed.is_(False), PlanResponse.handled_at.is_(None))
    )


def _shown_versions(citizen_ids: set[int]) -> dict[int, tuple[int | None, int]]:
    """{plan id: (the id it replaces, its version)} for the shown plans of these people."""
    if not citizen_ids:
        return {}
    query = select(ImplementationPlan.id, ImplementationPlan.replaces_id, ImplementationPlan.version).where(
        ImplementationPlan.citizen_id.in_(citizen_ids), ImplementationPlan.status.in_(SHOWN_STATUSES)
    )
    return {row.id: (row.replaces_id, row.version) for row in get_session().execute(query)}


def _newest_shown_version(plan_id: int, plans: dict[int, tuple[int | None, int]]) -> int:
    """The highest shown version among the plan and every plan that replaces it, however many steps on."""
    newest, seen, frontier = 0, set(), {plan_id}
    while frontier:
        seen |= frontier
        newest = max([newest, *(plans[p][1] for p in frontier if p in plans)])
        frontier = {p for p, (replaces, _v) in plans.items() if replaces in frontier and p not in seen}
    return newest


def needs_action(unit_id: int, today: date) -> list[ActionItem]:
    """What waits for the handläggare in the plan step.

    - plan change: a PlanResponse with `agreed=False`, `handled_at` NULL, and no shown
      (published, possibly since superseded) version of that plan newer than the
      response's `plan_version`; a new version is found by following `replaces_id`
      chains from the plan the person answered.
    """
    rows = list(get_session().execute(_open_change_requests(unit_id)))
    plans = _shown_versions({row.citizen_id for row in rows})
    return [
        ActionItem(ActionKind.PLAN_CHANGE, row.application_id, row.citizen_id, row.responded_at,
                   "plan_response", row.id)
        for row in rows
        if _newest_shown_version(row.plan_id, plans) <= row.plan_version
    ]
