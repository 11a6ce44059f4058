"""God man / förvaltare: the handläggare registers the court's decision on the case page."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.proxies.guardians import (
    confirm_guardian,
    end_guardian,
    guardian_unit_id,
    guardians_for,
    may_confirm,
    register_guardian,
)
from portal.proxies.routes import bp
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import citizen_of, form_data, open_case, see_case


@bp.route("/handlaggare/arenden/<int:application_id>/stallforetradare", methods=["GET", "POST"])
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
            flash(_("Ställföreträdaren är registrerad. En annan handläggare måste bekräfta innan det gäller."),
                  "success")
            return see_case(application, "stallforetradare")
    # The personnummer typed is never sent back into the page.
    values.pop("personnummer", None)
    return render(
        "proxies/guardians.html",
        application=application,
        labels=labels,
        citizen=citizen_of(application),
        guardians=guardians_for(application),
        may_confirm=may_confirm,
        guardian_unit_id=guardian_unit_id,
        errors=errors,
        values=values,
        has_errors=bool(errors),
    ), 422 if errors else 200


@bp.post("/handlaggare/arenden/<int:application_id>/stallforetradare/<int:authority_id>/avsluta")
@staff_required
def end_guardianship(application_id: int, authority_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    end_guardian(current_actor(), application, authority_id)
    flash(_("Registreringen är avslutad. Den gäller inte längre."), "success")
    return see_case(application, "stallforetradare")


@bp.post("/handlaggare/arenden/<int:application_id>/stallforetradare/<int:authority_id>/bekrafta")
@staff_required
def confirm_guardianship(application_id: int, authority_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    try:
        confirm_guardian(current_actor(), application, authority_id)
    except ValidationFailed:
        flash(_("En annan handläggare måste bekräfta. Du kan inte bekräfta det du själv har registrerat."),
              "warning")
    else:
        flash(_("Registreringen är bekräftad. Den gäller nu. Personen får ett meddelande."), "success")
    return see_case(application, "stallforetradare")


def case_section(application) -> dict:
    """What the case page's god man / förvaltare section shows (templates/proxies/_case_section.html)."""
    return {"guardians": guardians_for(application)}
