"""Beslut pages: a draft with insatser and a plain summary, then publishing."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions import appeal_handling, bp, services
from portal.decisions.appeals import appeals_for
from portal.decisions.communication import communications_for
from portal.decisions.models import Decision
from portal.decisions.reading import goals_of, own_levels
from portal.domain.life_areas import get_life_area
from portal.domain.readability import lix, readability_label
from portal.investigation.services import case_areas
from portal.people.models import Citizen
from portal.proxies.models import ProxyAuthority
from portal.validation import ValidationFailed
from portal.web import plain_labels
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case

LIX_WARNING = 40


def _decision(application, decision_id: int) -> Decision:
    """The beslut, only if it belongs to this case (else 404, like a foreign id)."""
    decision = get_session().get(Decision, decision_id)
    if decision is None or decision.application_id != application.id:
        abort(404)
    return decision


def _page(application, decision, errors=None, values=None, status=200):
    summary = (values or {}).get("plain_summary", decision.plain_summary)
    score = lix(summary) if summary.strip() else None
    areas = case_areas(application)
    return render(
        "decisions/staff/decision.html",
        application=application,
        decision=decision,
        labels=labels,
        areas=areas,
        area_names={a.code: get_life_area(a.code).official_name_sv for a in areas},
        errors=errors or {},
        values=values or {},
        has_errors=bool(errors),
        score=score,
        label=readability_label(score) if score is not None else None,
        lix_warning=LIX_WARNING,
    ), status


def _go(application, decision, anchor=""):
    url = url_for("decisions.decision", application_id=application.id, decision_id=decision.id)
    return redirect(url + anchor, code=303)


@bp.post("/handlaggare/arenden/<int:application_id>/beslut")
@staff_required
def start_decision(application_id: int):
    """"Skriv nytt beslut": the case's open draft, or a new one when there is none."""
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        decision = services.open_draft(current_actor(), application)
    except ValidationFailed:
        abort(400)
    return _go(application, decision)


@bp.get("/handlaggare/arenden/<int:application_id>/beslut/<int:decision_id>")
@staff_required
def decision(application_id: int, decision_id: int):
    application = open_case(application_id)
    return _page(application, _decision(application, decision_id))


@bp.post("/handlaggare/arenden/<int:application_id>/beslut/<int:decision_id>/sammanfattning")
@staff_required
def save_summary(application_id: int, decision_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    decision = _decision(application, decision_id)
    data = form_data()
    try:
        services.update_summary(current_actor(), decision, data)
    except ValidationFailed as failed:
        return _page(application, decision, labels.error_messages(failed.errors), data, 422)
    flash(_("Sammanfattningen är sparad."), "success")
    return _go(application, decision, "#sammanfattning")


def _item_data() -> dict:
    """The add-insats form: chosen life areas with their levels become a list of dicts."""
    data = form_data()
    data["life_areas"] = [
        {
            "life_area": code,
            "assessed_level": request.form.get(f"assessed_{code}"),
            "intended_level": request.form.get(f"intended_{code}"),
            "goal_id": request.form.get(f"goal_{code}"),
        }
        for code in request.form.getlist("life_area_codes")
    ]
    return data


@bp.post("/handlaggare/arenden/<int:application_id>/beslut/<int:decision_id>/insatser")
@staff_required
def add_item(application_id: int, decision_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    decision = _decision(application, decision_id)
    data = _item_data()
    try:
        services.add_item(current_actor(), decision, application, data)
    except ValidationFailed as failed:
        return _page(application, decision, labels.error_messages(failed.errors), data, 422)
    flash(_("Insatsen är tillagd."), "success")
    return _go(application, decision, "#insatser")


@bp.post("/handlaggare/arenden/<int:application_id>/beslut/<int:decision_id>/insatser/<int:item_id>/ta-bort")
@staff_required
def remove_item(application_id: int, decision_id: int, item_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    decision = _decision(application, decision_id)
    try:
        services.remove_item(current_actor(), decision, item_id)
    except ValidationFailed:
        abort(409)
    return _go(application, decision, "#insatser")


def _confirm_page(application, decision, errors=None, status=200):
    """The beslut as the person will see it, with the one button that publishes it."""
    return render(
        "decisions/staff/publish.html", application=application, decision=decision, labels=plain_labels,
        own_levels=own_levels(application.id), goals=goals_of(decision), errors=errors or {},
        has_errors=bool(errors),
    ), status


@bp.route("/handlaggare/arenden/<int:application_id>/beslut/<int:decision_id>/publicera", methods=["GET", "POST"])
@staff_required
def publish(application_id: int, decision_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    decision = _decision(application, decision_id)
    if decision.status != "draft":
        return _go(application, decision)
    problems = services.publish_problems(decision)
    if problems:
        return _page(application, decision, labels.error_messages(problems), None, 422)
    if request.method == "GET":
        return _confirm_page(application, decision)
    if request.form.get("confirm") != "yes":
        return _confirm_page(application, decision, labels.error_messages({"confirm": "required"}), 422)
    services.publish_decision(current_actor(), decision, application)
    flash(_("Beslutet är publicerat. Personen har fått ett meddelande."), "success")
    return _go(application, decision)


@bp.post("/handlaggare/lix")
@staff_required
def readability():
    """The readability of a text being written (htmx, on input)."""
    text = request.form.get("plain_summary") or request.form.get("proposal_text", "")
    score = lix(text) if text.strip() else None
    label = readability_label(score) if score is not None else None
    return render("decisions/staff/_lix.html", score=score, label=label)


def citizen_side(proxy_authority_id: int | None) -> str:
    """"Personen", or "David Andersson (ombud) för personen" when an ombud acted."""
    authority = get_session().get(ProxyAuthority, proxy_authority_id) if proxy_authority_id else None
    if authority is None:
        return _("Personen")
    return _("%(proxy)s (ombud) för personen", proxy=get_session().get(Citizen, authority.proxy_id).name)


def appeal_row(appeal, decision) -> SimpleNamespace:
    """An appeal with what staff need to see at a glance: when, in time (a hint), where it stands, who wrote it."""
    return SimpleNamespace(appeal=appeal, decision=decision, received_on=appeal_handling.received_on(appeal),
                           in_time=appeal_handling.arrived_in_time(appeal, decision),
                           stage=appeal_handling.stage(appeal), by=citizen_side(appeal.proxy_authority_id))


def case_section(application) -> dict:
    """What the case page's beslut section shows (templates/decisions/staff/_case_section.html)."""
    decisions = services.decisions_for(application)
    appeals = {decision.id: [appeal_row(appeal, decision) for appeal in appeals_for(decision)]
               for decision in decisions}
    communications = [SimpleNamespace(communication=c, by=citizen_side(c.proxy_authority_id))
                      for c in communications_for(application)]
    return {"decisions": decisions, "decision_appeals": appeals, "communications": communications,
            "has_draft_decision": any(d.status == "draft" for d in decisions)}
