"""Beslut pages: the plain-language beslut, its PDF, and writing an appeal."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, redirect, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.access import Permission, current_actor, load_for
from portal.applications.models import Goal, SelfAssessment
from portal.auth import citizen_required
from portal.db import get_session
from portal.decisions import appeals as services
from portal.decisions import bp
from portal.decisions.models import Appeal, Decision
from portal.messages.models import Notification
from portal.modelbase import utcnow
from portal.pdf import render_pdf
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, new_token, too_long_message
from portal.web.rendering import render


def _own_levels(decision: Decision) -> dict[str, int | None]:
    """What the person said in the ansökan the beslut answers, per life area."""
    if decision.application_id is None:
        return {}
    query = (select(SelfAssessment)
             .where(SelfAssessment.application_id == decision.application_id,
                    SelfAssessment.icf_category.is_(None))
             .order_by(SelfAssessment.recorded_at))
    return {row.life_area: row.current_level for row in get_session().scalars(query)}


def _goals(decision: Decision) -> dict[int, Goal]:
    ids = {row.goal_id for item in decision.items for row in item.life_areas if row.goal_id}
    if not ids:
        return {}
    return {goal.id: goal for goal in get_session().scalars(select(Goal).where(Goal.id.in_(ids)))}


def _appeal_days_left(decision: Decision, today: date | None = None) -> int | None:
    if decision.appeal_deadline is None:
        return None
    return (decision.appeal_deadline - (today or date.today())).days


def _context(decision: Decision) -> dict:
    return {"decision": decision, "own_levels": _own_levels(decision), "goals": _goals(decision),
            "days_left": _appeal_days_left(decision), "appeals": services.appeals_for(decision)}


def _mark_notifications_read(decision: Decision) -> None:
    query = select(Notification).where(Notification.citizen_id == decision.citizen_id,
                                       Notification.kind == "decision", Notification.read_at.is_(None))
    for notification in get_session().scalars(query):
        notification.read_at = utcnow()


@bp.get("/beslut/<int:decision_id>")
@citizen_required
def decision_page(decision_id: int):
    decision = load_for(Decision, decision_id, Permission.READ_DECISION)
    _mark_notifications_read(decision)
    return render("decisions/citizen/decision.html", **_context(decision))


@bp.get("/beslut/<int:decision_id>.pdf")
@citizen_required
def decision_pdf(decision_id: int):
    decision = load_for(Decision, decision_id, Permission.READ_DECISION)
    pdf = render_pdf("decisions/citizen/decision_pdf.html", **_context(decision))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="beslut-{decision.id}.pdf"'})


def _appeal_errors(errors: dict[str, str], text: str) -> dict[str, str]:
    messages = {}
    if errors.get("text") == "empty":
        messages["text"] = _("Skriv vad du vill ändra i beslutet.")
    elif errors.get("text") == "too_long":
        messages["text"] = too_long_message(services.APPEAL_MAX_CHARS, text)
    if errors.get("token"):
        messages["text"] = _("Något gick fel. Skicka igen.")
    return messages


@bp.route("/beslut/<int:decision_id>/overklaga", methods=["GET", "POST"])
@citizen_required
def appeal(decision_id: int):
    permission = Permission.APPEAL_DECISION if request.method == "POST" else Permission.READ_DECISION
    decision = load_for(Decision, decision_id, permission)
    values = form_values()
    token = values.get("token") or new_token()
    if request.method == "POST":
        try:
            appeal = services.submit_appeal(current_actor(), decision, values.get("text"), token)
        except InvalidInput as invalid:
            errors = _appeal_errors(invalid.errors, values.get("text", ""))
            return render("decisions/citizen/appeal.html", decision=decision, values=values, errors=errors,
                          token=new_token() if "token" in invalid.errors else token,
                          days_left=_appeal_days_left(decision), has_errors=True)
        except IntegrityError:
            # Two sends of one form at the same moment: the other one saved it.
            get_session().rollback()
            appeal = services.find_appeal(decision, token) or abort(409)
        return redirect(f"/beslut/{decision.id}/overklaga/kvitto/{appeal.id}", code=303)
    return render("decisions/citizen/appeal.html", decision=decision, values=values, errors={}, token=token,
                  days_left=_appeal_days_left(decision))


@bp.get("/beslut/<int:decision_id>/overklaga/kvitto/<int:appeal_id>")
@citizen_required
def appeal_receipt(decision_id: int, appeal_id: int):
    decision = load_for(Decision, decision_id, Permission.READ_DECISION)
    appeal = get_session().get(Appeal, appeal_id)
    if appeal is None or appeal.decision_id != decision.id:
        abort(404)
    return render("decisions/citizen/appeal_receipt.html", decision=decision, appeal=appeal)
