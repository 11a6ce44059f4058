"""Beslut pages: the plain-language beslut, its PDF, and writing an appeal."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, redirect, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.access import Permission, current_actor, load_for
from portal.auth import citizen_required
from portal.db import get_session
from portal.decisions import appeals as services
from portal.decisions import bp
from portal.decisions.models import Appeal, Decision
from portal.decisions.reading import goals_of, own_levels
from portal.domain import clock
from portal.messages.models import Notification
from portal.modelbase import utcnow
from portal.pdf import render_pdf
from portal.people.identity import masked_pnr
from portal.people.models import Citizen, StaffUser, Unit
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, new_token, too_long_message
from portal.web.plain_labels import english
from portal.web.rendering import render


def _appeal_days_left(decision: Decision, today: date | None = None) -> int | None:
    if decision.appeal_deadline is None:
        return None
    return (decision.appeal_deadline - (today or clock.today())).days


def _context(decision: Decision) -> dict:
    return {"decision": decision, "own_levels": own_levels(decision.application_id), "goals": goals_of(decision),
            "days_left": _appeal_days_left(decision), "appeals": services.appeals_for(decision)}


def mark_notifications_read(citizen_id: int, kind: str) -> None:
    """The person's "Nytt" of this kind is read; other kinds, and other people's, stay as they are.

    Only the person's own reading counts: an ombud reading it leaves the person's "Nytt" in place.
    """
    if current_actor().kind != "citizen":
        return
    query = select(Notification).where(Notification.citizen_id == citizen_id,
                                       Notification.kind == kind, Notification.read_at.is_(None))
    for notification in get_session().scalars(query):
        notification.read_at = utcnow()


def possessive(name: str) -> str:
    """"Anna Andersson" → "Anna Anderssons" (no extra s after s, x or z); in English "Anna Andersson's"."""
    if english():
        return f"{name}'" if name.endswith("s") else f"{name}'s"
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _owner(decision: Decision) -> str | None:
    """Whose beslut it is, said by name when an ombud reads it ("Anna Anderssons beslut")."""
    if current_actor().kind != "proxy":
        return None
    return possessive(get_session().get(Citizen, decision.citizen_id).name)


@bp.get("/beslut/<int:decision_id>")
@citizen_required
def decision_page(decision_id: int):
    decision = load_for(Decision, decision_id, Permission.READ_DECISION)
    mark_notifications_read(decision.citizen_id, "decision")
    return render("decisions/citizen/decision.html", owner=_owner(decision), **_context(decision))


@bp.get("/beslut/<int:decision_id>.pdf")
@citizen_required
def decision_pdf(decision_id: int):
    decision = load_for(Decision, decision_id, Permission.READ_DECISION)
    pdf = render_pdf("decisions/citizen/decision_pdf.html", **_context(decision), **_document_facts(decision))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="beslut-{decision.id}.pdf"'})


def _document_facts(decision: Decision) -> dict:
    """What makes the PDF stand alone: whose beslut, who decided, for which unit."""
    db = get_session()
    person = db.get(Citizen, decision.citizen_id)
    return {"person": person, "masked_pnr": masked_pnr(person.pnr_encrypted),
            "officer": db.get(StaffUser, decision.officer_id), "unit": db.get(Unit, decision.unit_id)}


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
    decision = load_for(Decision, decision_id, Permission.APPEAL_DECISION)
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
