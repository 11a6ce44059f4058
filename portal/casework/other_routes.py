"""God man / förvaltare registration, and exports (JSON and PDF)."""

from __future__ import annotations

import json

from flask import Response, flash, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.casework import labels
from portal.casework.export import application_document
from portal.casework.guardians import end_guardian, guardians_for, register_guardian
from portal.casework.helpers import bp, form_data, open_case, see_case
from portal.casework.history import record_event
from portal.casework.services import case_areas, citizen_of
from portal.casework.validation import ValidationFailed
from portal.db import get_session
from portal.decisions.services import decisions_for
from portal.domain.life_areas import get_life_area
from portal.domain.vocabulary import AccessAction
from portal.pdf import render_pdf
from portal.web.rendering import render


@bp.route("/arenden/<int:application_id>/stallforetradare", methods=["GET", "POST"])
@staff_required
def guardians(application_id: int):
    permission = Permission.EDIT_CASE if request.method == "POST" else Permission.OPEN_CASE
    application = open_case(application_id, permission)
    errors, values = {}, {}
    if request.method == "POST":
        values = form_data()
        try:
            register_guardian(current_actor(), application, values)
        except ValidationFailed as failed:
            errors = labels.error_messages(failed.errors)
        else:
            flash(_("Ställföreträdaren är registrerad."), "success")
            return see_case(application, "stallforetradare")
    # The personnummer typed is never sent back into the page.
    values.pop("personnummer", None)
    return render(
        "casework/guardians.html",
        application=application,
        labels=labels,
        citizen=citizen_of(application),
        guardians=guardians_for(application),
        errors=errors,
        values=values,
        has_errors=bool(errors),
    ), 422 if errors else 200


@bp.post("/arenden/<int:application_id>/stallforetradare/<int:authority_id>/avsluta")
@staff_required
def end_guardianship(application_id: int, authority_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        end_guardian(current_actor(), application, authority_id)
    except ValidationFailed:
        return Response(status=404)
    flash(_("Registreringen är avslutad. Den gäller inte längre."), "success")
    return see_case(application, "stallforetradare")


def _export_logged(application, kind: str) -> None:
    actor = current_actor()
    log_access(actor, AccessAction.EXPORT, "application", application.id, application.citizen_id)
    record_event(actor, application, kind)


@bp.get("/arenden/<int:application_id>/export.json")
@staff_required
def export_json(application_id: int):
    application = open_case(application_id)
    document = application_document(get_session(), application)
    _export_logged(application, "exported_json")
    filename = f"ansokan-{application.reference or application.id}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/arenden/<int:application_id>/export.pdf")
@staff_required
def export_pdf(application_id: int):
    application = open_case(application_id)
    areas = case_areas(application)
    pdf = render_pdf(
        "casework/export_pdf.html",
        application=application,
        labels=labels,
        citizen=citizen_of(application),
        areas=areas,
        area_names={a.code: get_life_area(a.code).official_name_sv for a in areas},
        decisions=decisions_for(application),
    )
    _export_logged(application, "exported_pdf")
    filename = f"ansokan-{application.reference or application.id}.pdf"
    return Response(
        pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
