"""The person's side of the uppdrag: what the utförare was asked to do, in plain words;
visits that did not happen (and reporting a missed one); which livsområden of the
ansökan the utförare may read; and the "Så vill jag ha det" card every staff member sees."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.access import Permission, current_actor, load_for
from portal.access.gate import own_records
from portal.auth import citizen_required
from portal.db import get_session
from portal.domain.life_areas import get_life_area
from portal.people.models import StaffUser, Unit
from portal.plans import assignments, bp, provider_plans
from portal.plans.models import Assignment
from portal.plans.sharing import shared_areas
from portal.validation import ValidationFailed
from portal.web.citizen_views import form_values, require
from portal.web.rendering import render

VISIT_ERRORS = {
    "visit_on": _l("Skriv vilken dag besöket skulle ha varit. Skriv till exempel 2026-03-01."),
    "reason": _l("Skriv vad som hände."),
}


def my_assignments(actor) -> list[Assignment]:
    """The person's uppdrag, newest first (also for the start page)."""
    return list(get_session().scalars(own_records(Assignment, actor).order_by(Assignment.created_at.desc())))


def _page(assignment: Assignment, errors=None, values=None, status=200):
    item = assignments.decision_item(assignment)
    contact = get_session().get(StaffUser, assignment.contact_staff_id) if assignment.contact_staff_id else None
    return render("plans/citizen/assignment.html", assignment=assignment, item=item, contact=contact,
                  unit=get_session().get(Unit, assignment.provider_unit_id), plan=provider_plans.shown_plan(assignment),
                  visits=assignments.visits_of(assignment), errors=errors or {}, values=values or {},
                  has_errors=bool(errors), shared=[get_life_area(c) for c in sorted(shared_areas(assignment))]), status


@bp.get("/mina-uppdrag")
@citizen_required
def my_assignments_page():
    require(Permission.READ_PLAN)
    actor = current_actor()
    rows = [load_for(Assignment, a.id, Permission.READ_PLAN, actor) for a in my_assignments(actor)]
    return render("plans/citizen/assignments.html", rows=[(a, assignments.decision_item(a)) for a in rows],
                  card=assignments.care_card_of(actor.subject_citizen_id))


@bp.get("/mina-uppdrag/<int:assignment_id>")
@citizen_required
def my_assignment(assignment_id: int):
    return _page(load_for(Assignment, assignment_id, Permission.READ_PLAN))


@bp.post("/mina-uppdrag/<int:assignment_id>/missat-besok")
@citizen_required
def report_missed_visit(assignment_id: int):
    assignment = load_for(Assignment, assignment_id, Permission.RESPOND_PLAN)
    try:
        assignments.record_visit(current_actor(), assignment, dict(form_values().items()), "citizen")
    except ValidationFailed as failed:
        errors = {name: str(VISIT_ERRORS.get(name, VISIT_ERRORS["reason"])) for name in failed.errors}
        return _page(assignment, errors, form_values(), 422)
    flash(_("Tack! Vi har sparat att besöket inte blev av. Utföraren och handläggaren ser det."), "success")
    return redirect(url_for("plans.my_assignment", assignment_id=assignment.id) + "#besok", code=303)


@bp.route("/mina-uppdrag/<int:assignment_id>/dela", methods=["GET", "POST"])
@citizen_required
def sharing(assignment_id: int):
    """Which livsområden of the ansökan the utförare may read. Only the person chooses."""
    assignment = load_for(Assignment, assignment_id, Permission.SHARE_WITH_PROVIDER)
    application = assignments.application_of(assignment)
    allowed = list(dict.fromkeys([n.life_area for n in application.needs] + [g.life_area for g in application.goals]))
    if form_values() and "areas_sent" in form_values():
        chosen = set(form_values().getlist("areas"))
        try:
            assignments.set_shared_areas(current_actor(), assignment, chosen, set(allowed))
        except ValidationFailed:
            chosen = set()
        else:
            flash(_("Tack! Nu vet utföraren bara det du har valt."), "success")
            return redirect(url_for("plans.my_assignment", assignment_id=assignment.id), code=303)
    return render("plans/citizen/sharing.html", assignment=assignment, shared=shared_areas(assignment),
                  areas=[get_life_area(code) for code in allowed])


@bp.route("/sa-vill-jag-ha-det", methods=["GET", "POST"])
@citizen_required
def care_card():
    require(Permission.WRITE_CARE_CARD)
    actor = current_actor()
    card = assignments.care_card_of(actor.subject_citizen_id)
    values = form_values()
    if "text" in values:
        try:
            card = assignments.save_care_card(actor, actor.subject_citizen_id, {"text": values.get("text", "")})
        except ValidationFailed:
            return render("plans/citizen/care_card.html", card=card, values=values, has_errors=True,
                          errors={"text": _("Texten är för lång. Skriv högst %(max)s tecken.",
                                            max=assignments.CARD_MAX_CHARS)}), 422
        flash(_("Tack! Personalen ser nu hur du vill ha det."), "success")
        return redirect(url_for("plans.care_card"), code=303)
    if card is not None:
        load_for(type(card), card.id, Permission.WRITE_CARE_CARD, actor)
    return render("plans/citizen/care_card.html", card=card, values={"text": card.text if card else ""}, errors={})
