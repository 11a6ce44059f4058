"""The beslut step's API endpoint: a case-management system records a published beslut."""

from __future__ import annotations

from portal.access.gate import Permission, load_for
from portal.api.auth import api_actor, require_scope
from portal.api.routes import bp, created, json_body, refused_write_logged
from portal.applications.models import Application
from portal.decisions.services import record_decision
from portal.investigation.export import decision_document


@bp.post("/applications/<id:application_id>/decisions")
@require_scope("decisions:write")
def post_decision(application_id: int):
    application = load_for(Application, application_id, Permission.RECORD_DECISION, api_actor())
    with refused_write_logged(application):
        decision = record_decision(api_actor(), application, json_body("DecisionInput"))
    return created(decision_document(decision), "api.get_application", application_id=application.id)
