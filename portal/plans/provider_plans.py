"""The genomförandeplan written by the utförare together with the person.

A new plan starts pre-filled: one delmål per livsområde of the uppdrag, in the
person's own words from the ansökan (their goal, what they want help with, what
they do themselves, what matters to them). The kontaktperson changes what the
person says at the meeting and shares the plan; sharing needs how the person took
part and a date on every delmål. Versions, the person's answer and the
"superseded" older versions are the same as for any plan (versions.py, responses.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import Application, Goal, NeedDescription
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain import clock
from portal.domain.life_areas import LIFE_AREA_CODES
from portal.domain.vocabulary import AccessAction, GoalAttainment
from portal.history.services import record_event
from portal.plans import versions
from portal.plans.assignments import application_of, decision_item, plan_due_on
from portal.plans.models import (
    Assignment,
    ImplementationPlan,
    PlanActivity,
    PlanReviewComment,
    PlanSubGoal,
    ProviderGoalView,
)
from portal.plans.services import parse_sub_goal, publish_plan
from portal.plans.sharing import shared_areas
from portal.validation import Checker, ValidationFailed

SUB_GOAL_KEYS = ("text", "due_on", "what", "when_text", "who", "own_part")
# A plan is looked at again after this many days unless a goal says otherwise.
DEFAULT_REVIEW_DAYS = 90


def needs_in(application: Application, areas) -> dict[str, NeedDescription]:
    return {n.life_area: n for n in application.needs if n.life_area in areas}


def goals_in(application: Application, areas) -> dict[str, Goal]:
    found: dict[str, Goal] = {}
    for goal in sorted(application.goals, key=lambda g: g.position):
        if goal.life_area in areas:
            found.setdefault(goal.life_area, goal)
    return found


def plan_of(assignment: Assignment) -> ImplementationPlan | None:
    """The uppdrag's plan staff work on: the draft, else the version the person reads."""
    item = decision_item(assignment)
    return versions.draft_for(item.decision_id, assignment.id) or versions.current_for(item.decision_id, assignment.id)


def shown_plan(assignment: Assignment) -> ImplementationPlan | None:
    return versions.current_for(decision_item(assignment).decision_id, assignment.id)


def _prefilled(assignment: Assignment, application: Application, actor) -> ImplementationPlan:
    item = decision_item(assignment)
    areas = [area.life_area for area in item.life_areas]
    # The person's words only from the livsområden they share with this uppdrag.
    shared = shared_areas(assignment)
    needs, goals = needs_in(application, shared), goals_in(application, shared)
    plan = ImplementationPlan(
        citizen_id=assignment.citizen_id, assignment_id=assignment.id, decision_id=item.decision_id,
        unit_id=assignment.provider_unit_id,
        # The utförare's own system (API) has no staff id: the plan is the kontaktperson's.
        created_by_id=actor.staff_id or assignment.contact_staff_id or assignment.created_by_id,
        wishes_text="\n".join(n.what_matters_text for n in needs.values() if n.what_matters_text),
    )
    follow_ups = [g.follow_up_on for g in goals.values() if g.follow_up_on]
    plan.next_review_on = min(follow_ups) if follow_ups else clock.today() + timedelta(days=DEFAULT_REVIEW_DAYS)
    for position, code in enumerate(areas):
        need, goal = needs.get(code), goals.get(code)
        sub_goal = PlanSubGoal(life_area=code, position=position, goal_id=goal.id if goal else None,
                               text=(goal.text if goal else (need.wanted_help_text if need else "")),
                               due_on=goal.follow_up_on if goal else None)
        sub_goal.activities = [PlanActivity(what=need.wanted_help_text if need else "", when_text="", who="",
                                            own_part=need.resources_text if need else "", position=0)]
        plan.sub_goals.append(sub_goal)
    return plan


def open_plan(actor, assignment: Assignment) -> ImplementationPlan:
    """The uppdrag's draft: the existing one, else a new version of the shared plan, else a
    first plan pre-filled from the uppdrag and the person's own words."""
    application = application_of(assignment)
    current = plan_of(assignment)
    if current is not None and current.status == "draft":
        return current
    if current is not None:
        return versions.revise_plan(actor, current, application)
    plan = _prefilled(assignment, application, actor)
    db = get_session()
    db.add(plan)
    db.flush()
    log_access(actor, AccessAction.CREATE, "implementation_plan", plan.id, plan.citizen_id)
    record_event(actor, application, "plan_created", plan)
    return plan


def _update_sub_goal(sub_goal: PlanSubGoal, data: dict, check: Checker) -> None:
    # Form fields are "sg12-text"; errors are "sg12.text", which the error summary turns into
    # the field's id and a message for "text".
    row = Checker({key: data.get(f"sg{sub_goal.id}-{key}") for key in SUB_GOAL_KEYS}, f"sg{sub_goal.id}.")
    text, due_on = row.text("text", max_len=2000), row.date("due_on")
    activity = sub_goal.activities[0] if sub_goal.activities else PlanActivity(position=0)
    values = {"what": row.text("what", max_len=2000), "when_text": row.text("when_text", False, 200),
              "who": row.text("who", False, 200), "own_part": row.text("own_part", False)}
    check.merge(row)
    if row.errors:
        return
    sub_goal.text, sub_goal.due_on = text, due_on
    for name, value in values.items():
        setattr(activity, name, value)
    if not sub_goal.activities:
        sub_goal.activities.append(activity)


def _new_sub_goal(data: dict, check: Checker, areas: set[str]) -> PlanSubGoal | None:
    raw = {key: data.get("new-" + key) for key in (*SUB_GOAL_KEYS, "life_area")}
    if not any(isinstance(v, str) and v.strip() for k, v in raw.items() if k != "life_area"):
        return None
    row = Checker(raw, "new.")
    life_area = row.choice("life_area", [c for c in LIFE_AREA_CODES if c in areas])
    sub_goal = PlanSubGoal(life_area=life_area or "", text=row.text("text", max_len=2000), due_on=row.date("due_on"))
    sub_goal.activities = [PlanActivity(
        what=row.text("what", max_len=2000), when_text=row.text("when_text", False, 200),
        who=row.text("who", False, 200), own_part=row.text("own_part", False), position=0)]
    check.merge(row)
    return None if row.errors else sub_goal


def save_plan(actor, plan: ImplementationPlan, assignment: Assignment, data: dict) -> None:
    """Everything on the plan's page at once; nothing is saved if anything is wrong."""
    if plan.status != "draft":
        raise ValidationFailed({"plan": "not_editable"})
    check = Checker(data)
    fields = {"participation_text": check.text("participation_text", required=False),
              "wishes_text": check.text("wishes_text", required=False),
              "others_text": check.text("others_text", required=False, max_len=1000),
              "next_review_on": check.date("next_review_on")}
    removed = {s.id for s in plan.sub_goals if data.get(f"sg{s.id}-remove")}
    for sub_goal in plan.sub_goals:
        if sub_goal.id not in removed:
            _update_sub_goal(sub_goal, data, check)
    areas = {a.life_area for a in decision_item(assignment).life_areas}
    added = _new_sub_goal(data, check, areas)
    check.done()
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.sub_goals = [s for s in plan.sub_goals if s.id not in removed]
    if added is not None:
        added.position = len(plan.sub_goals)
        plan.sub_goals.append(added)
    for position, sub_goal in enumerate(plan.sub_goals):
        sub_goal.position = position
    log_access(actor, AccessAction.UPDATE, "implementation_plan", plan.id, plan.citizen_id)
    get_session().flush()


def share_plan(actor, plan: ImplementationPlan, assignment: Assignment) -> None:
    """Show the plan to the person. It must say how the person took part, and every delmål needs a date."""
    errors = {f"sg{s.id}.due_on": "required" for s in plan.sub_goals if s.due_on is None}
    if not plan.participation_text.strip():
        errors["participation_text"] = "required"
    if errors:
        raise ValidationFailed(errors)
    publish_plan(actor, plan, application_of(assignment))


def record_plan(actor, assignment: Assignment, data: dict) -> ImplementationPlan:
    """A whole plan from the utförare's own system (API), shared with the person if data["publish"]."""
    application = application_of(assignment)
    check = Checker(data)
    fields = {"participation_text": check.text("participation_text"),
              "wishes_text": check.text("wishes_text", required=False),
              "others_text": check.text("others_text", required=False, max_len=1000),
              "next_review_on": check.date("next_review_on")}
    goal_ids = {goal.id for goal in application.goals}
    sub_goals = []
    for index, entry in enumerate(check.data.get("sub_goals") or []):
        sub_goal, row = parse_sub_goal(entry, f"sub_goals[{index}].", goal_ids)
        due_on = row.date("due_on", required=True)
        check.merge(row)
        if sub_goal is not None:
            sub_goal.due_on, sub_goal.position = due_on, index
            sub_goals.append(sub_goal)
    check.done()
    plan = open_plan(actor, assignment)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.sub_goals = sub_goals
    get_session().flush()
    if data.get("publish") is True:
        share_plan(actor, plan, assignment)
    return plan


def overdue(assignment: Assignment, today: date | None = None) -> bool:
    """No plan shared with the person within 14 days of the uppdrag."""
    today = today or clock.today()
    if today <= plan_due_on(assignment):
        return False
    item = decision_item(assignment)
    query = select(ImplementationPlan.id).where(ImplementationPlan.assignment_id == assignment.id,
                                                ImplementationPlan.decision_id == item.decision_id,
                                                ImplementationPlan.status.in_(("published", "superseded")))
    return get_session().scalars(query).first() is None


def review_comments(plan: ImplementationPlan | None) -> list[PlanReviewComment]:
    """The handläggare's comments on this version of the plan (staff_review_routes.py writes them)."""
    if plan is None:
        return []
    query = select(PlanReviewComment).where(PlanReviewComment.plan_id == plan.id).order_by(PlanReviewComment.id)
    return list(get_session().scalars(query))


ATTAINMENTS = tuple(a.value for a in GoalAttainment if a != GoalAttainment.NO_ANSWER)


def record_goal_views(actor, assignment: Assignment, plan: ImplementationPlan, data: dict) -> list[ProviderGoalView]:
    """Before a follow-up: the utförare's view per delmål (uppnått / delvis / inte, today's level)."""
    check = Checker(data)
    views = []
    for sub_goal in plan.sub_goals:
        attainment = check.choice(f"goal{sub_goal.id}-attainment", ATTAINMENTS, required=False)
        level = check.level(f"goal{sub_goal.id}-level")
        if attainment:
            views.append(ProviderGoalView(assignment_id=assignment.id, sub_goal_id=sub_goal.id,
                                          life_area=sub_goal.life_area, attainment=attainment, level=level,
                                          staff_id=actor.staff_id))
    if not views and not check.errors:
        check.fail("goals", "required")
    check.done()
    db = get_session()
    db.add_all(views)
    db.flush()
    for view in views:
        log_access(actor, AccessAction.CREATE, "provider_goal_view", view.id, assignment.citizen_id)
    record_event(actor, application_of(assignment), "goal_views_recorded", views[0])
    return views


def goal_views(assignment: Assignment) -> dict[int, ProviderGoalView]:
    """The latest view per delmål."""
    query = (select(ProviderGoalView).where(ProviderGoalView.assignment_id == assignment.id)
             .order_by(ProviderGoalView.created_at, ProviderGoalView.id))
    return {view.sub_goal_id: view for view in get_session().scalars(query)}
