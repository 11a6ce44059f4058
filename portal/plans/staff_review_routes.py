"""The handläggare's review of an utförare's plan against the beslut: the plan next to
the beslut's livsområden and levels, what goes beyond or falls short of the beslut, the
person's answers (a change request may need a new beslut), visits that did not happen,
the utförare's view per goal, and the handläggare's comments."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access.actor import current_actor
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp, GoalEvaluation
from portal.history.services import record_event
from portal.people.models import StaffUser, Unit
from portal.plans import assignments, bp, provider_plans, versions
from portal.plans.models import Assignment, PlanReviewComment
from portal.plans.responses import plan_responses, plan_status
from portal.validation import Checker, ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case


def _of_case(application, assignment_id: int) -> Assignment:
    assignment = get_session().get(Assignment, assignment_id)
    if assignment is None or assignment.id not in {a.id for a in assignments.assignments_of_case(application)}:
        abort(404)
    return assignment


def against_beslut(plan, item) -> dict:
    """Plan items outside the beslut's livsområden, and livsområden of the beslut the plan leaves out."""
    granted = {area.life_area for area in item.life_areas}
    planned = {s.life_area for s in plan.sub_goals} if plan else set()
    return {"beyond": [s for s in (plan.sub_goals if plan else []) if s.life_area not in granted],
            "missing": sorted(granted - planned) if plan else []}


def _all_answers(plan) -> list:
    """The person's answers to every shown version of the plan, newest first."""
    if plan is None:
        return []
    shown = [p for p in [plan, *versions.older_versions(plan)] if p.status != "draft"]
    answers = [r for p in shown for r in plan_responses(p)]
    return sorted(answers, key=lambda r: (r.responded_at, r.id), reverse=True)


def persons_view(plan) -> dict[int, GoalEvaluation]:
    """The person's own latest answer at a follow-up, per goal of the plan (next to the utförare's view)."""
    goal_ids = {s.goal_id for s in plan.sub_goals if s.goal_id} if plan else set()
    if not goal_ids:
        return {}
    query = (select(GoalEvaluation).join(FollowUp, FollowUp.id == GoalEvaluation.follow_up_id)
             .where(GoalEvaluation.goal_id.in_(goal_ids), FollowUp.answered_at.is_not(None))
             .order_by(FollowUp.answered_at, GoalEvaluation.id))
    return {evaluation.goal_id: evaluation for evaluation in get_session().scalars(query)}


def _staff_name(staff_id):
    staff = get_session().get(StaffUser, staff_id) if staff_id else None
    return staff.name if staff else ""


@bp.get("/handlaggare/arenden/<int:application_id>/uppdrag/<int:assignment_id>")
@staff_required
def review(application_id: int, assignment_id: int):
    application = open_case(application_id)
    assignment = _of_case(application, assignment_id)
    item = assignments.decision_item(assignment)
    plan = provider_plans.shown_plan(assignment) or provider_plans.plan_of(assignment)
    log_access(current_actor(), AccessAction.READ, "assignment", assignment.id, assignment.citizen_id)
    return render("plans/staff/assignment.html", application=application, assignment=assignment, item=item,
                  plan=plan, check=against_beslut(plan, item), labels=labels,
                  responses=_all_answers(plan),
                  answer=plan_status(plan) if plan and plan.status == "published" else None,
                  visits=assignments.visits_of(assignment), views=provider_plans.goal_views(assignment),
                  comments=provider_plans.review_comments(plan), staff_name=_staff_name, persons=persons_view(plan),
                  unit=get_session().get(Unit, assignment.provider_unit_id),
                  overdue=provider_plans.overdue(assignment), due_on=assignments.plan_due_on(assignment))


@bp.post("/handlaggare/arenden/<int:application_id>/uppdrag/<int:assignment_id>/kommentar")
@staff_required
def comment(application_id: int, assignment_id: int):
    from portal.access.gate import Permission

    application = open_case(application_id, Permission.EDIT_CASE)
    assignment = _of_case(application, assignment_id)
    plan = provider_plans.shown_plan(assignment) or provider_plans.plan_of(assignment)
    check = Checker(form_data())
    text = check.text("text", max_len=2000)
    try:
        check.done()
    except ValidationFailed:
        flash(_("Skriv en kommentar."), "error")
        return redirect(url_for("plans.review", application_id=application.id, assignment_id=assignment.id), 303)
    if plan is None:
        abort(404)
    entry = PlanReviewComment(plan_id=plan.id, staff_id=current_actor().staff_id, text=text)
    get_session().add(entry)
    get_session().flush()
    log_access(current_actor(), AccessAction.CREATE, "plan_review_comment", entry.id, plan.citizen_id)
    record_event(current_actor(), application, "plan_reviewed", entry)
    flash(_("Kommentaren är sparad. Utföraren ser den."), "success")
    return redirect(url_for("plans.review", application_id=application.id, assignment_id=assignment.id)
                    + "#kommentarer", 303)
