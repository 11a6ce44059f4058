"""The case exports: JSON for the case-management system, and PDF."""

from __future__ import annotations

import json

from flask import Response

from portal.access.actor import current_actor
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions.services import decisions_for
from portal.domain.life_areas import get_life_area
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event
from portal.investigation import bp
from portal.investigation.export import application_document
from portal.investigation.person_gave import person_gave
from portal.investigation.services import case_areas
from portal.pdf import render_pdf
from portal.people.models import Unit
from portal.web import staff_labels as labels
from portal.web.staff_views import citizen_of, open_case


def _export_logged(application, kind: str) -> None:
    actor = current_actor()
    log_access(actor, AccessAction.EXPORT, "application", application.id, application.citizen_id)
    record_event(actor, application, kind)


@bp.get("/handlaggare/arenden/<int:application_id>/export.json")
@staff_required
def export_json(application_id: int):
    application = open_case(application_id)
    document = application_document(get_session(), application)
    _export_logged(application, "exported_json")
    # The document carries the full personnummer: logged as the case page logs showing it.
    log_access(current_actor(), AccessAction.EXPORT, "personnummer", application.citizen_id,
               application.citizen_id, reason_code="json")  # fmt: skip
    filename = f"ansokan-{application.reference or application.id}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/handlaggare/arenden/<int:application_id>/export.pdf")
@staff_required
def export_pdf(application_id: int):
    application = open_case(application_id)
    areas = case_areas(application)
    pdf = render_pdf(
        "investigation/export_pdf.html",
        application=application,
        labels=labels,
        citizen=citizen_of(application),
        areas=areas,
        area_names={a.code: get_life_area(a.code).official_name_sv for a in areas},
        decisions=decisions_for(application),
        gave=person_gave(application),
        unit=get_session().get(Unit, application.unit_id) if application.unit_id else None,
    )
    _export_logged(application, "exported_pdf")
    filename = f"ansokan-{application.reference or application.id}.pdf"
    return Response(
        pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
