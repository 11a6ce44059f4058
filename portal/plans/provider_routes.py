"""The utförare's pages under /utforare/: new uppdrag, accepting one and naming a
kontaktperson, the genomförandeplan written with the person, visits that did not
happen, and the view per goal before a follow-up.

Every record is loaded through the gate (access/gate.py: provider_sees): only the
own unit's uppdrag, only while active, of the ansökan only what the person shares.
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access.actor import current_actor
from portal.access.gate import PROVIDER_ROLES, Permission, authorize, is_allowed, load_for
from portal.applications.models import Goal, NeedDescription
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.domain.readability import lix
from portal.people.models import Citizen, StaffUser
from portal.plans import assignments, bp, provider_plans
from portal.plans.models import Assignment, ImplementationPlan
from portal.plans.responses import plan_responses, plan_status
from portal.plans.sharing import ACTIVE_STATUSES, shared_areas
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data


def _provider_only() -> None:
    if current_actor().role not in PROVIDER_ROLES:
        abort(404)


def _assignment(assignment_id: int, permission: Permission = Permission.OPEN_CASE) -> Assignment:
    _provider_only()
    return load_for(Assignment, assignment_id, permission)


def _go(assignment: Assignment, anchor: str = ""):
    return redirect(url_for("plans.provider_assignment", assignment_id=assignment.id) + anchor, code=303)


@bp.get("/utforare/")
@staff_required
def provider_home():
    _provider_only()
    actor = current_actor()
    query = (select(Assignment).where(Assignment.provider_unit_id == actor.unit_id,
                                      Assignment.status.in_(ACTIVE_STATUSES)).order_by(Assignment.created_at))
    rows = [a for a in get_session().scalars(query) if is_allowed(actor, Permission.OPEN_CASE, a)]
    for assignment in rows:
        authorize(assignment, Permission.OPEN_CASE, actor)
    overdue = [a for a in rows if provider_plans.overdue(a)] if actor.role == "provider_manager" else []
    return render("plans/provider/home.html", new=[a for a in rows if a.status == "sent"],
                  active=[a for a in rows if a.status == "accepted"], overdue=overdue, facts=_facts,
                  staff=get_session().get(StaffUser, actor.staff_id), labels=labels)


def _facts(assignment: Assignment) -> dict:
    """What a list row or a page says about an uppdrag."""
    plan = provider_plans.plan_of(assignment)
    contact = get_session().get(StaffUser, assignment.contact_staff_id) if assignment.contact_staff_id else None
    return {"person": get_session().get(Citizen, assignment.citizen_id), "item": assignments.decision_item(assignment),
            "plan": plan, "answer": plan_status(plan) if plan and plan.status == "published" else None,
            "contact": contact, "due_on": assignments.plan_due_on(assignment),
            "overdue": provider_plans.overdue(assignment)}


def _assignment_page(assignment: Assignment, errors=None, values=None, status=200):
    actor = current_actor()
    card = assignments.care_card_of(assignment.citizen_id)
    if card is not None:
        authorize(card, Permission.OPEN_CASE, actor)
    shown = provider_plans.shown_plan(assignment)
    return render("plans/provider/assignment.html", assignment=assignment, labels=labels,
                  card=card, shared=sorted(shared_areas(assignment)), staff=assignments.unit_staff(actor.unit_id),
                  visits=assignments.visits_of(assignment), shown=shown,
                  responses=plan_responses(shown) if shown else [], views=provider_plans.goal_views(assignment),
                  errors=errors or {}, values=values or {}, has_errors=bool(errors),
                  **_facts(assignment)), status


@bp.get("/utforare/uppdrag/<int:assignment_id>")
@staff_required
def provider_assignment(assignment_id: int):
    return _assignment_page(_assignment(assignment_id))


@bp.post("/utforare/uppdrag/<int:assignment_id>/ta-emot")
@staff_required
def accept(assignment_id: int):
    assignment = _assignment(assignment_id, Permission.EDIT_CASE)
    try:
        assignments.accept_assignment(current_actor(), assignment, form_data())
    except ValidationFailed as failed:
        return _assignment_page(assignment, labels.error_messages(failed.errors), form_data(), 422)
    flash(_("Uppdraget är ditt. Kontaktpersonen är vald."), "success")
    return _go(assignment)


@bp.get("/utforare/uppdrag/<int:assignment_id>/ansokan/<area>")
@staff_required
def shared_area(assignment_id: int, area: str):
    """The person's own words in one livsområde, if the person shares it with this uppdrag."""
    assignment = _assignment(assignment_id)
    need = get_session().scalars(select(NeedDescription).where(
        NeedDescription.application_id == assignments.application_of(assignment).id,
        NeedDescription.life_area == area)).first()
    if need is None:
        abort(404)
    authorize(need, Permission.OPEN_CASE)
    goals = [authorize(g, Permission.OPEN_CASE) for g in get_session().scalars(
        select(Goal).where(Goal.application_id == need.application_id, Goal.life_area == area))]
    return render("plans/provider/area.html", assignment=assignment, need=need, goals=goals)


@bp.post("/utforare/uppdrag/<int:assignment_id>/plan")
@staff_required
def provider_start_plan(assignment_id: int):
    assignment = _assignment(assignment_id, Permission.EDIT_CASE)
    if assignment.status != "accepted":
        flash(_("Ta emot uppdraget först."), "error")
        return _go(assignment)
    plan = provider_plans.open_plan(current_actor(), assignment)
    return redirect(url_for("plans.provider_plan", plan_id=plan.id), code=303)


def _plan(plan_id: int, permission: Permission = Permission.OPEN_CASE) -> tuple[ImplementationPlan, Assignment]:
    _provider_only()
    plan = load_for(ImplementationPlan, plan_id, permission)
    return plan, get_session().get(Assignment, plan.assignment_id)


# The editor's fields the person will read, by the end of their name ("sg12-what").
PERSON_FIELDS = ("participation_text", "wishes_text", "others_text", "-text", "-what", "-when_text", "-own_part")


def _person_texts(plan: ImplementationPlan) -> str:
    """Every text of the plan the person will read, for the readability check (LIX)."""
    parts = [plan.participation_text, plan.wishes_text, plan.others_text]
    for sub_goal in plan.sub_goals:
        parts.append(sub_goal.text)
        parts += [text for a in sub_goal.activities for text in (a.what, a.when_text, a.own_part)]
    return _sentences(parts)


def _sentences(parts) -> str:
    """Each part ends a sentence, as a list item or a heading does for the person reading it."""
    return "\n".join(f"{p.strip().rstrip('.')}." for p in parts if isinstance(p, str) and p.strip())


@bp.post("/utforare/planer/<int:plan_id>/lix")
@staff_required
def provider_plan_lix(plan_id: int):
    """The readability of what is being typed in the editor (htmx, on input)."""
    plan, _assignment = _plan(plan_id)
    data = form_data()
    text = _sentences(value for name, value in data.items() if name.endswith(PERSON_FIELDS))
    return render("plans/provider/_lix.html", plan=plan, score=lix(text) if text.strip() else None)


def _plan_page(plan, assignment, errors=None, values=None, status=200):
    text = _person_texts(plan)
    shown = provider_plans.shown_plan(assignment)
    return render("plans/provider/plan.html", plan=plan, assignment=assignment, labels=labels,
                  areas=[a.life_area for a in assignments.decision_item(assignment).life_areas],
                  score=lix(text) if text.strip() else None, card=assignments.care_card_of(assignment.citizen_id),
                  responses=plan_responses(shown) if shown else [], answer=plan_status(shown) if shown else None,
                  shown=shown, errors=errors or {}, values=values, has_errors=bool(errors),
                  comments=provider_plans.review_comments(shown or plan),
                  person=get_session().get(Citizen, plan.citizen_id)), status


@bp.get("/utforare/planer/<int:plan_id>")
@staff_required
def provider_plan(plan_id: int):
    return _plan_page(*_plan(plan_id))


@bp.post("/utforare/planer/<int:plan_id>")
@staff_required
def provider_save_plan(plan_id: int):
    plan, assignment = _plan(plan_id, Permission.EDIT_CASE)
    data = form_data()
    action = data.pop("action", "save")
    try:
        provider_plans.save_plan(current_actor(), plan, assignment, data)
        if action == "share":
            provider_plans.share_plan(current_actor(), plan, assignment)
    except ValidationFailed as failed:
        return _plan_page(plan, assignment, labels.error_messages(failed.errors), data, 422)
    if action == "share":
        flash(_("Planen är delad med personen. Personen kan nu svara."), "success")
        return _go(assignment, "#plan")
    flash(_("Planen är sparad."), "success")
    return redirect(url_for("plans.provider_plan", plan_id=plan.id), code=303)


@bp.post("/utforare/uppdrag/<int:assignment_id>/besok")
@staff_required
def provider_visit(assignment_id: int):
    assignment = _assignment(assignment_id, Permission.EDIT_CASE)
    try:
        assignments.record_visit(current_actor(), assignment, form_data(), "provider")
    except ValidationFailed as failed:
        return _assignment_page(assignment, labels.error_messages(failed.errors), form_data(), 422)
    flash(_("Besöket är sparat. Personen kan läsa det."), "success")
    return _go(assignment, "#besok")


@bp.post("/utforare/uppdrag/<int:assignment_id>/mal")
@staff_required
def provider_goal_views(assignment_id: int):
    assignment = _assignment(assignment_id, Permission.EDIT_CASE)
    shown = provider_plans.shown_plan(assignment)
    if shown is None:
        abort(404)
    try:
        provider_plans.record_goal_views(current_actor(), assignment, shown, form_data())
    except ValidationFailed as failed:
        return _assignment_page(assignment, labels.error_messages(failed.errors), form_data(), 422)
    flash(_("Er bild av målen är sparad. Handläggaren ser den."), "success")
    return _go(assignment, "#mal")
