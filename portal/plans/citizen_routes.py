"""The genomförandeplan as the person reads it, and their answer: agree, or ask for a change.

Older versions stay readable; only the version that applies now can be answered.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access import Permission, current_actor, load_for
from portal.access.gate import authorize
from portal.applications.models import Goal
from portal.audit.services import log_access
from portal.auth import citizen_required
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.plans import bp, versions
from portal.plans import responses as services
from portal.plans.changes import plan_changes
from portal.plans.models import ImplementationPlan
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, may, too_long_message
from portal.web.rendering import render


def _load_plan(plan_id: int, permission: Permission) -> ImplementationPlan:
    """The plan through the gate (404 when not allowed).

    The gate shows the person published plans only, so an old version is
    authorised through the version that replaced it: whoever may read the
    current plan may read its history.
    """
    plan = get_session().get(ImplementationPlan, plan_id)
    if plan is None or plan.status != "superseded":
        return load_for(ImplementationPlan, plan_id, permission)
    current = versions.current_version(plan)
    if current is None:
        abort(404)
    authorize(current, Permission.READ_PLAN)
    actor = current_actor()
    if not may(actor, permission):
        abort(404)
    log_access(actor, AccessAction.READ, "implementation_plan", plan.id, plan.citizen_id)
    return plan


def _to_current(plan: ImplementationPlan):
    """An old version cannot be answered: say so, and show the one that applies now."""
    flash(_("Den här planen gäller inte längre. Det finns en ny plan. Svara på den nya planen."), "error")
    current = versions.current_version(plan) or plan
    return redirect(f"/plan/{current.id}#answer", code=303)


def _goals(plan: ImplementationPlan) -> dict[int, Goal]:
    ids = {s.goal_id for s in plan.sub_goals if s.goal_id}
    if not ids:
        return {}
    return {goal.id: goal for goal in get_session().scalars(select(Goal).where(Goal.id.in_(ids)))}


def _parts(plan: ImplementationPlan) -> dict:
    return {s.id: s for s in plan.sub_goals}


@bp.get("/plan/<int:plan_id>")
@citizen_required
def plan_page(plan_id: int):
    plan = _load_plan(plan_id, Permission.READ_PLAN)
    current = plan if plan.status == "published" else versions.current_version(plan)
    return render("plans/citizen/plan.html", plan=plan, goals=_goals(plan), parts=_parts(plan),
                  responses=services.plan_responses(plan), status=services.plan_status(plan),
                  changes=plan_changes(plan) if plan is current else None, current=current,
                  older=[p for p in versions.older_versions(plan) if p.status != "draft"])


@bp.post("/plan/<int:plan_id>/hall-med")
@citizen_required
def agree(plan_id: int):
    plan = _load_plan(plan_id, Permission.RESPOND_PLAN)
    if plan.status != "published":
        return _to_current(plan)
    services.agree_to_plan(current_actor(), plan)
    flash(_("Tack! Du har sagt att du håller med om planen."), "success")
    return redirect(f"/plan/{plan.id}#answer", code=303)


def _change_texts(plan: ImplementationPlan, values) -> dict[int | None, str]:
    texts: dict[int | None, str] = {s.id: values.get(f"change_{s.id}", "") for s in plan.sub_goals}
    texts[None] = values.get("change_other", "")
    return texts


def _change_errors(plan: ImplementationPlan, errors: dict[str, str], values) -> dict[str, str]:
    messages = {}
    for name, code in errors.items():
        if code == "too_long":
            messages[name] = too_long_message(services.CHANGE_MAX_CHARS, values.get(name, ""))
        elif name == "change":
            first = f"change_{plan.sub_goals[0].id}" if plan.sub_goals else "change_other"
            messages[first] = _("Skriv vad du vill ändra. Skriv i minst en ruta.")
    return messages


@bp.route("/plan/<int:plan_id>/andra", methods=["GET", "POST"])
@citizen_required
def ask_for_change(plan_id: int):
    plan = _load_plan(plan_id, Permission.RESPOND_PLAN)
    if plan.status != "published":
        return _to_current(plan)
    values = form_values()
    if request.method == "POST":
        try:
            services.ask_for_plan_change(current_actor(), plan, _change_texts(plan, values))
        except InvalidInput as invalid:
            return render("plans/citizen/plan_change.html", plan=plan, values=values, has_errors=True,
                          errors=_change_errors(plan, invalid.errors, values))
        flash(_("Tack! Vi har skickat det du vill ändra. Personalen hör av sig."), "success")
        return redirect(f"/plan/{plan.id}#answer", code=303)
    return render("plans/citizen/plan_change.html", plan=plan, values=values, errors={})
