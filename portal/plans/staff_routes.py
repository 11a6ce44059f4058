"""Uppdrag and genomförandeplan pages for the handläggare: one draft per beslut, versions,
and the person's answers (who gave them, what they want changed, marking a change handled)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions.models import Decision
from portal.decisions.services import decisions_for
from portal.domain.life_areas import get_life_area
from portal.people.models import StaffUser
from portal.plans import assignments, bp, services, versions
from portal.plans.models import ImplementationPlan, PlanResponse
from portal.plans.responses import plan_status
from portal.proxies.models import ProxyAuthority
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case, see_case


def _plan(application, plan_id: int) -> ImplementationPlan:
    """A plan of one of this case's beslut (404 otherwise)."""
    plan = get_session().get(ImplementationPlan, plan_id)
    if plan is None or plan.decision_id not in {d.id for d in decisions_for(application)}:
        abort(404)
    return plan


def _own_plan(application, plan_id: int) -> ImplementationPlan:
    """A plan the handläggare writes: not one the utförare writes under an uppdrag (404)."""
    plan = _plan(application, plan_id)
    if plan.assignment_id is not None:
        abort(404)
    return plan


def plan_title(plan: ImplementationPlan) -> str:
    """"Genomförandeplan för Hemtjänst, beslut 2026-03-01, version 2": what staff call a plan."""
    decision = get_session().get(Decision, plan.decision_id) if plan.decision_id else None
    services_text = ", ".join(dict.fromkeys(
        str(labels.SERVICE_TEXT.get(item.service, item.service)) for item in (decision.items if decision else [])))
    day = decision and (decision.decided_on or (decision.published_at and decision.published_at.date()))
    if services_text and day:
        what = _("%(services)s, beslut %(date)s", services=services_text, date=format_date(day, "yyyy-MM-dd"))
    elif day:
        what = _("beslut %(date)s", date=format_date(day, "yyyy-MM-dd"))
    else:
        what = services_text or _("beslutet")
    return _("Genomförandeplan för %(what)s, version %(version)s", what=what, version=plan.version)


def answered_by(response: PlanResponse) -> str:
    """"Personen", or "David Andersson (ombud) för personen"."""
    authority = get_session().get(ProxyAuthority, response.proxy_authority_id) if response.proxy_authority_id else None
    if authority is None:
        return _("Personen")
    return _("%(proxy)s (ombud) för personen", proxy=authority.proxy.name)


def answer_state(plan: ImplementationPlan) -> str | None:
    """The answer's state in labels.PLAN_ANSWER, for a published plan."""
    if plan.status != "published":
        return None
    state = plan_status(plan)
    latest = next(iter(services.responses_for(plan)), None)
    if state == "change_requested" and latest is not None and latest.handled_at is not None:
        return "change_handled"
    return state


def _staff_name(staff_id: int | None) -> str:
    staff = get_session().get(StaffUser, staff_id) if staff_id else None
    return staff.name if staff else _("Verksamhetssystemet")


def _plan_page(application, plan, errors=None, values=None, status=200):
    codes = list(dict.fromkeys([n.life_area for n in application.needs] + [g.life_area for g in application.goals]))
    return render(
        "plans/staff/plan.html",
        application=application,
        plan=plan,
        title=plan_title(plan),
        labels=labels,
        responses=services.responses_for(plan),
        answered_by=answered_by,
        staff_name=_staff_name,
        parts={s.id: s for p in [plan, *versions.older_versions(plan)] for s in p.sub_goals},
        pending_before=versions.pending_before(plan) if plan.status == "draft" else [],
        versions=_versions(plan),
        current=versions.current_version(plan) if plan.status == "superseded" else None,
        draft=(versions.draft_for(plan.decision_id, plan.assignment_id)
               if plan.status == "published" and plan.decision_id else None),
        errors=errors or {},
        values=values or {},
        has_errors=bool(errors),
        life_areas=[(c, get_life_area(c).official_name_sv) for c in codes],
    ), status


def _versions(plan: ImplementationPlan) -> list[ImplementationPlan]:
    return [plan, *versions.older_versions(plan)] if plan.replaces_id else []


def _go(application, plan, anchor=""):
    url = url_for("plans.plan", application_id=application.id, plan_id=plan.id)
    return redirect(url + anchor, code=303)


@bp.post("/handlaggare/arenden/<int:application_id>/planer")
@staff_required
def start_plan(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        plan, new = services.open_draft(current_actor(), application, form_data())
    except ValidationFailed:
        flash(_("Välj vilket beslut planen hör till."), "error")
        return see_case(application, "planer")
    if not new:
        flash(_("Beslutet har redan ett utkast till plan. Fortsätt skriva i det."), "info")
    return _go(application, plan)


@bp.get("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>")
@staff_required
def plan(application_id: int, plan_id: int):
    application = open_case(application_id)
    return _plan_page(application, _plan(application, plan_id))


def _saved_message(action: str, added) -> str:
    if action == "publish":
        return _("Planen är publicerad. Personen kan nu svara på den.")
    if action == "add_sub_goal":
        return _("Delmålet är tillagt.")
    return _("Planen och delmålet är sparade.") if added else _("Planen är sparad.")


def _save_draft(application_id: int, plan_id: int, action: str | None = None):
    """The draft's page is one form with one button per action ("action"), so whatever
    is typed in one part is posted, and saved or shown again, when another part's button is used."""
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _own_plan(application, plan_id)
    data = form_data()
    action = action or data.pop("action", "save")
    try:
        added = services.save_draft(current_actor(), plan, application, data, with_sub_goal=action == "add_sub_goal")
        if action == "publish":
            services.publish_plan(current_actor(), plan, application)
    except ValidationFailed as failed:
        return _plan_page(application, plan, labels.error_messages(failed.errors), data, 422)
    flash(_saved_message(action, added), "success")
    return _go(application, plan, "#delmal" if added else "")


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>")
@staff_required
def save_plan(application_id: int, plan_id: int):
    return _save_draft(application_id, plan_id)


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/delmal")
@staff_required
def add_sub_goal(application_id: int, plan_id: int):
    return _save_draft(application_id, plan_id, "add_sub_goal")


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/publicera")
@staff_required
def publish_plan(application_id: int, plan_id: int):
    return _save_draft(application_id, plan_id, "publish")


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/ny-version")
@staff_required
def revise_plan(application_id: int, plan_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _own_plan(application, plan_id)
    try:
        revision = versions.revise_plan(current_actor(), plan, application)
    except ValidationFailed:
        flash(_("Bara planen som gäller nu kan få en ny version."), "error")
        return _go(application, plan)
    flash(_("Version %(version)s är ett utkast. Ändra det som behövs och publicera.", version=revision.version),
          "success")
    return _go(application, revision)


@bp.post("/handlaggare/arenden/<int:application_id>/planer/<int:plan_id>/svar/<int:response_id>/hanterad")
@staff_required
def mark_handled(application_id: int, plan_id: int, response_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    plan = _plan(application, plan_id)
    response = get_session().get(PlanResponse, response_id)
    if response is None or response.plan_id != plan.id or response.agreed:
        abort(404)
    versions.mark_change_handled(current_actor(), plan, response, application)
    flash(_("Önskemålet är markerat som hanterat."), "success")
    return _go(application, plan, "#svar")


@bp.post("/handlaggare/arenden/<int:application_id>/uppdrag")
@staff_required
def add_assignment(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        assignments.create_assignment(current_actor(), application, form_data())
    except ValidationFailed:
        flash(_("Välj insats och utförare, och skriv vad utföraren ska göra. Datum skrivs som 2026-03-01."), "error")
        return see_case(application, "planer")
    flash(_("Uppdraget är skickat till utföraren."), "success")
    return see_case(application, "planer")


def case_section(application) -> dict:
    """What the case page's plan section shows (templates/plans/staff/_case_section.html)."""
    # An utförare's plans are read on the uppdrag's review page (staff_review_routes.py).
    plans = [plan for plan in services.plans_for(application) if plan.assignment_id is None]
    return {
        "decisions": decisions_for(application),
        "plans": plans,
        "plan_rows": [(plan, plan_title(plan), answer_state(plan)) for plan in plans],
        "assignments": [(a, assignments.decision_item(a)) for a in assignments.assignments_of_case(application)],
        "granted_items": assignments.granted_items(application),
        "provider_units": assignments.provider_units(),
    }
