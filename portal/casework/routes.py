"""Inbox and case view: load → authorise (through the gate) → act."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.access.actor import current_actor
from portal.access.gate import OPEN_CASE_REASONS, Permission, unit_records
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.casework import labels, services
from portal.casework.guardians import guardians_for
from portal.casework.helpers import bp, form_data, open_case, remember_reason, see_case
from portal.casework.history import record_event, timeline
from portal.casework.validation import ValidationFailed
from portal.db import get_session
from portal.decisions.services import decisions_for
from portal.domain.life_areas import LIFE_AREAS, get_life_area, is_life_area_code
from portal.domain.readability import lix, readability_label
from portal.domain.vocabulary import AccessAction
from portal.followups.services import follow_ups_for, goal_results
from portal.people.identity import decrypt_pnr
from portal.plans.services import assignments_for, plans_for, provider_units
from portal.web.rendering import render


@bp.route("/inkorg", methods=["GET", "POST"])
@staff_required
def inbox():
    """GET filters go in the query string; a search is POSTed so a personnummer never is."""
    actor = current_actor()
    view = request.args.get("visa", "new")
    view = view if view in services.INBOX_VIEWS else "new"
    sort = request.args.get("sortera", "newest")
    area = request.args.get("omrade") or None
    area = area if is_life_area_code(area) else None
    search = request.form.get("sok", "") if request.method == "POST" else ""
    cases = services.inbox(actor, view, sort, area, search)
    return render(
        "casework/inbox.html",
        cases=cases,
        view=view,
        sort=sort,
        area=area,
        search=search,
        life_areas=LIFE_AREAS,
        colleagues=services.colleagues(actor),
        names=_names(cases),
        labels=labels,
    )


def _names(cases) -> dict:
    from portal.people.models import Citizen, StaffUser

    db = get_session()
    citizen_ids = {case.citizen_id for case in cases}
    people = {c.id: c.name for c in db.scalars(select(Citizen).where(Citizen.id.in_(citizen_ids)))}
    staff = {s.id: s.name for s in db.scalars(select(StaffUser).where(StaffUser.unit_id == current_actor().unit_id))}
    return {"people": people, "staff": staff}


@bp.get("/arenden/<int:application_id>")
@staff_required
def case(application_id: int):
    application = open_case(application_id)
    return _render_case(application)


def _render_case(application, errors=None, values=None, error_area=None, status=200):
    actor = current_actor()
    citizen = services.citizen_of(application)
    show_pnr = request.args.get("personnummer") == "visa"
    pnr = decrypt_pnr(citizen.pnr_encrypted)
    if show_pnr:
        log_access(actor, AccessAction.READ, "personnummer", citizen.id, citizen.id)
    context = dict(
        application=application,
        citizen=citizen,
        labels=labels,
        colleagues=services.colleagues(actor),
        personnummer=f"{pnr[:8]}-{pnr[8:]}" if show_pnr else f"{pnr[:8]}-****",
        show_pnr=show_pnr,
        areas=services.case_areas(application),
        notes=services.notes(application),
        history=timeline(application),
        decisions=decisions_for(application),
        plans=plans_for(application),
        assignments=assignments_for(application),
        follow_ups=follow_ups_for(application),
        guardians=guardians_for(application),
        errors=errors or {},
        values=values or {},
        error_area=error_area,
        has_errors=bool(errors),
        life_area_of=get_life_area,
        goal_results=goal_results,
        provider_units=provider_units(),
    )
    return render("casework/case.html", **context), status


@bp.route("/arenden/<int:application_id>/skal", methods=["GET", "POST"])
@staff_required
def reason(application_id: int):
    """A case assigned to a colleague: say why you open it (a code, logged with every open)."""
    query = unit_records(Application).where(Application.id == application_id)
    application = get_session().scalars(query).first()
    if application is None:
        abort(404)
    errors = {}
    if request.method == "POST":
        chosen = request.form.get("reason")
        if chosen in OPEN_CASE_REASONS:
            remember_reason(application_id, chosen)
            opened = open_case(application_id)
            record_event(current_actor(), opened, "opened_with_reason")
            return see_case(opened)
        errors = {"reason": _("Välj varför du öppnar ärendet")}
    return render(
        "casework/reason.html", application=application, errors=errors, has_errors=bool(errors), labels=labels
    ), 422 if errors else 200


@bp.post("/arenden/<int:application_id>/tilldela")
@staff_required
def assign(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    officer = request.form.get("officer")
    if officer == "me":
        officer = current_actor().staff_id
    try:
        services.assign(current_actor(), application, officer)
    except ValidationFailed:
        flash(_("Välj en handläggare."), "error")
        return see_case(application)
    flash(_("Ärendet har fått en handläggare."), "success")
    if request.form.get("from") == "inbox":
        return redirect(url_for("casework.inbox"), code=303)
    return see_case(application)


@bp.post("/arenden/<int:application_id>/mottagen")
@staff_required
def receive(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    services.mark_received(current_actor(), application)
    flash(_("Ärendet är markerat som mottaget. Personen ser det nu."), "success")
    return see_case(application)


@bp.post("/arenden/<int:application_id>/bedomning/<life_area>")
@staff_required
def assess(application_id: int, life_area: str):
    application = open_case(application_id, Permission.EDIT_CASE)
    if not is_life_area_code(life_area):
        abort(404)
    data = form_data()
    try:
        services.save_assessment(current_actor(), application, life_area, data)
    except ValidationFailed as failed:
        errors = {f"{life_area}-{k}": v for k, v in labels.error_messages(failed.errors).items()}
        return _render_case(application, errors, {life_area: data}, life_area, status=422)
    flash(_("Bedömningen är sparad."), "success")
    return see_case(application, f"area-{life_area}")


@bp.post("/arenden/<int:application_id>/anteckningar")
@staff_required
def add_note(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        services.add_note(current_actor(), application, request.form.get("body", ""))
    except ValidationFailed as failed:
        return _render_case(application, labels.error_messages(failed.errors), {"note": form_data()}, status=422)
    flash(_("Anteckningen är sparad."), "success")
    return see_case(application, "anteckningar")


@bp.post("/lix")
@staff_required
def readability():
    """The readability of a text being written (htmx, on input)."""
    text = request.form.get("plain_summary", "")
    score = lix(text) if text.strip() else None
    return render("casework/_lix.html", score=score, label=readability_label(score) if score is not None else None)
