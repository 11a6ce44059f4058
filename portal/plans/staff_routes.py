"""Uppdrag, genomförandeplan and uppföljning pages."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions.services import decisions_for
from portal.domain.life_areas import get_life_area
from portal.plans import bp, services
from portal.plans.models import ImplementationPlan
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case, see_case


def _plan(application, plan_id: int) -> ImplementationPlan:
    plan = get_session().get(ImplementationPlan, plan_id)
    if plan is None or plan.decision_id not in {d.id for d in decisions_for(application)}:
        abort(404)
    return plan


def _plan_page(application, plan, errors=None, values=None, status=200):
    codes = list(dict.fromkeys([n.life_area for n in application.needs] + [g.life_area for g in application.goals]))
    return render(
        "plans/staff/plan.html",
        application=application,
        plan=plan,
        labels=labels,
        responses=services.responses_for(plan),
        errors=errors or {},
        values=values or {},
        has_errors=bool(errors),
        life_areas=[(c, get_life_area(c).official_name_sv) for c in codes],
    ), status


def _go(application, plan, anchor=""):
    url = url_for("plans.plan", application_id=application.id, plan_id=plan.id)
    return redirect(url + anchor, code=303)


@bp.post("/handlaggare/arenden/<int:application_id>/planer")
@staff_required
def start_plan(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        plan = services.start_plan(current_actor(), application, form_data())
    except ValidationFailed:
        flash(_("Välj vilket beslut planen hör till."), "error")
        return see_case(application, "planer")
    return _go(application, plan)


@bp.get("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>")
@staff_required
def plan(application_id: int, plan_id: int):
    application = open_case(application_id)
    return _plan_page(application, _plan(application, plan_id))


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>")
@staff_required
def save_plan(application_id: int, plan_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _plan(application, plan_id)
    data = form_data()
    try:
        services.update_plan(current_actor(), plan, data)
    except ValidationFailed as failed:
        return _plan_page(application, plan, labels.error_messages(failed.errors), data, 422)
    flash(_("Planen är sparad."), "success")
    return _go(application, plan)


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/delmal")
@staff_required
def add_sub_goal(application_id: int, plan_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _plan(application, plan_id)
    data = form_data()
    try:
        services.add_sub_goal(current_actor(), plan, application, data)
    except ValidationFailed as failed:
        return _plan_page(application, plan, labels.error_messages(failed.errors), data, 422)
    flash(_("Delmålet är tillagt."), "success")
    return _go(application, plan, "#delmal")


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/publicera")
@staff_required
def publish_plan(application_id: int, plan_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _plan(application, plan_id)
    try:
        services.publish_plan(current_actor(), plan, application)
    except ValidationFailed as failed:
        return _plan_page(application, plan, labels.error_messages(failed.errors), None, 422)
    flash(_("Planen är publicerad. Personen kan nu svara på den."), "success")
    return _go(application, plan)


@bp.post("/handlaggare/arenden/<int:application_id>/uppdrag")
@staff_required
def add_assignment(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        services.create_assignment(current_actor(), application, form_data())
    except ValidationFailed:
        flash(_("Välj insats och utförare, och skriv vad utföraren ska göra."), "error")
        return see_case(application, "planer")
    flash(_("Uppdraget är skickat till utföraren."), "success")
    return see_case(application, "planer")


def case_section(application) -> dict:
    """What the case page's plan section shows (templates/plans/staff/_case_section.html)."""
    return {
        "decisions": decisions_for(application),
        "plans": services.plans_for(application),
        "assignments": services.assignments_for(application),
        "provider_units": services.provider_units(),
    }
