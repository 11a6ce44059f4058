"""Kommunicering, the handläggare's side: see what will be sent, write the proposed beslut, send."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.decisions import bp
from portal.decisions import communication as services
from portal.domain.life_areas import get_life_area
from portal.domain.readability import lix, readability_label
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case, see_case

URL = "/handlaggare/arenden/<int:application_id>/kommunicering"


def _form(application, values: dict, errors=None, status=200):
    proposal = values.get("proposal_text", "")
    score = lix(proposal) if proposal.strip() else None
    return render(
        "decisions/staff/communication.html", application=application, labels=labels,
        areas=services.snapshot(application)["areas"], area_name=lambda code: get_life_area(code).official_name_sv,
        values=values, errors=errors or {}, has_errors=bool(errors), score=score,
        label=readability_label(score) if score is not None else None,
        max_chars=services.PROPOSAL_MAX_CHARS,
    ), status


@bp.get(URL)
@staff_required
def communication_form(application_id: int):
    application = open_case(application_id)
    return _form(application, {"answer_by": services.default_answer_by().isoformat()})


@bp.post(URL)
@staff_required
def send_communication(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    data = form_data()
    try:
        services.send_communication(current_actor(), application, data)
    except ValidationFailed as failed:
        return _form(application, data, labels.error_messages(failed.errors), 422)
    flash(_("Kommuniceringen är skickad. Personen har fått ett meddelande."), "success")
    return see_case(application, "kommunicering")
