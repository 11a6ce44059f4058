"""An appeal of the case's beslut, the handläggare's side: read it, then record each handling step."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions import appeal_handling, bp
from portal.decisions.models import Appeal, Decision
from portal.decisions.staff_routes import appeal_row
from portal.domain import clock
from portal.domain.vocabulary import AccessAction
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case

URL = "/handlaggare/arenden/<int:application_id>/overklaganden/<int:appeal_id>"
# Each step's form: its URL tail, the service that records it, and what staff are told after.
STEPS = {
    "rattidsprovning": (appeal_handling.check_timeliness, _l("Rättidsprövningen är sparad.")),
    "omprovning": (appeal_handling.reconsider, _l("Omprövningen är sparad.")),
    "forvaltningsratten": (appeal_handling.forward, _l("Det är sparat att överklagandet är skickat.")),
}


def _appeal(application, appeal_id: int) -> tuple[Appeal, Decision]:
    """The appeal, only if it is of a beslut in this case (else 404, like a foreign id)."""
    db = get_session()
    appeal = db.get(Appeal, appeal_id)
    decision = db.get(Decision, appeal.decision_id) if appeal is not None else None
    if decision is None or decision.application_id != application.id:
        abort(404)
    return appeal, decision


def _page(application, appeal, decision, errors=None, values=None, status=200):
    today = clock.today().isoformat()
    defaults = {"timeliness_checked_on": today, "reconsidered_on": today, "forwarded_on": today}
    return render(
        "decisions/staff/appeal.html", application=application, row=appeal_row(appeal, decision),
        appeal=appeal, decision=decision, labels=labels, errors=errors or {}, has_errors=bool(errors),
        values=defaults | (values or {}),
    ), status


@bp.get(URL)
@staff_required
def staff_appeal(application_id: int, appeal_id: int):
    application = open_case(application_id)
    appeal, decision = _appeal(application, appeal_id)
    # The appeal is the person's own words: reading it is logged like opening the case.
    log_access(current_actor(), AccessAction.READ, "appeal", appeal.id, appeal.citizen_id)
    return _page(application, appeal, decision)


@bp.post(f"{URL}/<any(rattidsprovning, omprovning, forvaltningsratten):step>")
@staff_required
def appeal_step(application_id: int, appeal_id: int, step: str):
    application = open_case(application_id, Permission.EDIT_CASE)
    appeal, decision = _appeal(application, appeal_id)
    record, done = STEPS[step]
    data = form_data()
    try:
        record(current_actor(), appeal, data)
    except ValidationFailed as failed:
        return _page(application, appeal, decision, labels.error_messages(failed.errors), data, 422)
    flash(str(done), "success")
    return redirect(url_for("decisions.staff_appeal", application_id=application.id, appeal_id=appeal.id), code=303)
