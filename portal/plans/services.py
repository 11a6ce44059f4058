"""Uppdrag and genomförandeplan, recorded by staff or by the integration API.

A plan belongs to a beslut of the case. Published, it lets the person agree
or ask for a change (their answer is a PlanResponse, shown in the case view).
A beslut has at most one draft; a published plan changes by a new version
(plans/versions.py).
"""

from __future__ import annotations

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision
from portal.domain.life_areas import LIFE_AREA_CODES
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event
from portal.messages.notify import notify_citizen
from portal.modelbase import utcnow
from portal.plans import versions
from portal.plans.models import (
    ImplementationPlan,
    PlanActivity,
    PlanResponse,
    PlanSubGoal,
)
from portal.validation import Checker, ValidationFailed

# The fields of the page's "Lägg till ett delmål" part; anything typed in them is a delmål to add.
SUB_GOAL_FIELDS = ("life_area", "text", "what", "when_text", "who", "own_part")


def plans_for(application: Application) -> list[ImplementationPlan]:
    query = (
        select(ImplementationPlan)
        .join(Decision, ImplementationPlan.decision_id == Decision.id)
        .where(Decision.application_id == application.id)
        .order_by(ImplementationPlan.decision_id, ImplementationPlan.version, ImplementationPlan.id)
    )
    return list(get_session().scalars(query))


def responses_for(plan: ImplementationPlan) -> list[PlanResponse]:
    query = select(PlanResponse).where(PlanResponse.plan_id == plan.id).order_by(PlanResponse.responded_at.desc())
    return list(get_session().scalars(query))


def _decision_of(application: Application, check: Checker) -> Decision | None:
    from portal.decisions.services import decision_from_form

    return decision_from_form(application, check, required=True)


def _plan_fields(check: Checker, draft: bool = False) -> dict:
    """A draft may lack the participation text for now; publishing asks for it."""
    return {
        "participation_text": check.text("participation_text", required=not draft),
        "wishes_text": check.text("wishes_text", required=False),
        "next_review_on": check.date("next_review_on"),
    }


def start_plan(actor, application: Application, data: dict) -> ImplementationPlan:
    return open_draft(actor, application, data)[0]


def open_draft(actor, application: Application, data: dict) -> tuple[ImplementationPlan, bool]:
    """The beslut's draft plan, and whether it is new: the existing draft, else the
    next version of the published plan, else version 1."""
    check = Checker(data)
    decision = _decision_of(application, check)
    check.done()
    draft = versions.draft_for(decision.id)
    if draft is not None:
        return draft, False
    current = versions.current_for(decision.id)
    if current is not None:
        return versions.revise_plan(actor, current, application), True
    plan = ImplementationPlan(
        citizen_id=application.citizen_id,
        decision_id=decision.id,
        unit_id=application.unit_id,
        created_by_id=actor.staff_id or decision.officer_id,
    )
    db = get_session()
    db.add(plan)
    db.flush()
    log_access(actor, AccessAction.CREATE, "implementation_plan", plan.id, plan.citizen_id)
    record_event(actor, application, "plan_created", plan)
    return plan, True


def _editable(plan: ImplementationPlan) -> None:
    if plan.status != "draft":
        raise ValidationFailed({"plan": "not_editable"})


def sub_goal_typed(data: dict) -> bool:
    return any(isinstance(data.get(name), str) and data[name].strip() for name in SUB_GOAL_FIELDS)


def save_draft(actor, plan: ImplementationPlan, application: Application, data: dict,
               with_sub_goal: bool = False) -> PlanSubGoal | None:
    """Everything typed on the draft's page at once, so saving one part never drops the other.

    The plan's own fields are saved when sent; a new delmål is added when any of its
    fields is filled in (or `with_sub_goal`). Nothing is saved if anything is wrong.
    """
    _editable(plan)
    check = Checker(data)
    fields = {name: value for name, value in _plan_fields(check, draft=True).items() if name in data}
    sub_goal = None
    if with_sub_goal or sub_goal_typed(data):
        sub_goal, row = parse_sub_goal(data, "", {goal.id for goal in application.goals})
        check.merge(row)
    check.done()
    for name, value in fields.items():
        setattr(plan, name, value)
    if sub_goal is not None:
        sub_goal.position = len(plan.sub_goals)
        plan.sub_goals.append(sub_goal)
    log_access(actor, AccessAction.UPDATE, "implementation_plan", plan.id, plan.citizen_id)
    get_session().flush()
    return sub_goal


def parse_sub_goal(data: dict, prefix: str, goal_ids: set[int]) -> tuple[PlanSubGoal | None, Checker]:
    """A delmål with its activities. Form posts give one activity as flat fields."""
    check = Checker(data, prefix)
    life_area = check.choice("life_area", LIFE_AREA_CODES)
    text = check.text("text", max_len=2000)
    goal_id = check.data.get("goal_id")
    if goal_id not in (None, "") and _as_int(goal_id) not in goal_ids:
        check.fail("goal_id", "unknown_goal")
    raw_activities = check.data.get("activities")
    if raw_activities is None:
        raw_activities = [{k: check.data.get(k) for k in ("what", "when_text", "who", "own_part")}]
    if not isinstance(raw_activities, list) or not raw_activities:
        check.fail("activities", "empty")
        raw_activities = []
    activities = []
    for index, raw in enumerate(raw_activities):
        row = Checker(raw, f"{prefix}activities[{index}].")
        activity = PlanActivity(
            what=row.text("what", max_len=2000),
            when_text=row.text("when_text", max_len=200),
            who=row.text("who", max_len=200),
            own_part=row.text("own_part", required=False),
            position=index,
        )
        check.merge(row)
        activities.append(activity)
    if check.errors:
        return None, check
    sub_goal = PlanSubGoal(
        life_area=life_area, text=text, goal_id=_as_int(goal_id) if goal_id not in (None, "") else None
    )
    sub_goal.activities = activities
    return sub_goal, check


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def publish_plan(actor, plan: ImplementationPlan, application: Application) -> None:
    """Show the plan to the person, who can then agree or ask for a change.

    A new version takes the place of the one it replaces and answers the change
    requests made on older versions. The person is told that something is new, not what.
    """
    _editable(plan)
    errors = {}
    if not plan.sub_goals:
        errors["sub_goals"] = "empty"
    if not plan.participation_text.strip():
        errors["participation_text"] = "required"
    if errors:
        raise ValidationFailed(errors)
    plan.status, plan.published_at = "published", utcnow()
    versions.replace_older(actor, plan, application)
    log_access(actor, AccessAction.UPDATE, "implementation_plan", plan.id, plan.citizen_id)
    record_event(actor, application, "plan_published", plan)
    notify_citizen(plan.citizen_id, "plan")
    get_session().flush()


def record_plan(actor, application: Application, data: dict) -> ImplementationPlan:
    """A whole plan at once (integration API); published if data["publish"] is true."""
    check = Checker(data)
    _decision_of(application, check)
    fields = _plan_fields(check)
    raw = check.data.get("sub_goals")
    sub_goals = []
    if not isinstance(raw, list) or not raw:
        check.fail("sub_goals", "empty")
    else:
        goal_ids = {goal.id for goal in application.goals}
        for index, entry in enumerate(raw):
            sub_goal, row = parse_sub_goal(entry if isinstance(entry, dict) else {}, f"sub_goals[{index}].", goal_ids)
            check.merge(row)
            sub_goals.append(sub_goal)
    publish = check.data.get("publish", False)
    if not isinstance(publish, bool):
        check.fail("publish", "invalid")
    check.done()
    plan = start_plan(actor, application, data)
    for name, value in fields.items():
        setattr(plan, name, value)
    for position, sub_goal in enumerate(sub_goals):
        sub_goal.position = position
    plan.sub_goals = sub_goals
    get_session().flush()
    if publish:
        publish_plan(actor, plan, application)
    return plan
