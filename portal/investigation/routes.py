"""The utredning on the case page: saving the assessment of one livsområde, and notes."""

from __future__ import annotations

from flask import abort, flash, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.domain.life_areas import is_life_area_code
from portal.investigation import bp, services
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.staff_views import form_data, open_case, see_case


@bp.post("/handlaggare/arenden/<int:application_id>/bedomning/<life_area>")
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
        return _case_page(application, errors, {life_area: data}, life_area, status=422)
    flash(_("Bedömningen är sparad."), "success")
    return see_case(application, f"area-{life_area}")


@bp.post("/handlaggare/arenden/<int:application_id>/anteckningar")
@staff_required
def add_note(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        services.add_note(current_actor(), application, request.form.get("body", ""))
    except ValidationFailed as failed:
        return _case_page(application, labels.error_messages(failed.errors), {"note": form_data()}, status=422)
    flash(_("Anteckningen är sparad."), "success")
    return see_case(application, "anteckningar")




def _case_page(*args, **kwargs):
    """The case page again, with this step's errors next to the field (the shell composes it)."""
    from portal.casework.routes import render_case

    return render_case(*args, **kwargs)
