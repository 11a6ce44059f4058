"""The handläggare's side of uppföljning: scheduling one for a case."""

from __future__ import annotations

from datetime import date, timedelta

from flask import flash, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.auth.decorators import staff_required
from portal.decisions.services import decisions_for
from portal.followups import bp
from portal.followups import services as follow_ups
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case, see_case


@bp.route("/handlaggare/arenden/<int:application_id>/uppfoljning", methods=["GET", "POST"])
@staff_required
def schedule_follow_up(application_id: int):
    permission = Permission.EDIT_CASE if request.method == "POST" else Permission.OPEN_CASE
    application = open_case(application_id, permission)
    errors, values = {}, {"due_on": (date.today() + timedelta(days=182)).isoformat()}
    if request.method == "POST":
        values = form_data()
        try:
            follow_ups.schedule_follow_up(current_actor(), application, values)
        except ValidationFailed as failed:
            errors = labels.error_messages(failed.errors)
        else:
            flash(_("Uppföljningen är planerad. Personen ser den i Mitt stöd."), "success")
            return see_case(application, "uppfoljning")
    return render(
        "followups/staff/follow_up.html",
        application=application,
        labels=labels,
        decisions=decisions_for(application),
        errors=errors,
        values=values,
        has_errors=bool(errors),
    ), 422 if errors else 200


def case_section(application) -> dict:
    """What the case page's uppföljning section shows (templates/followups/staff/_case_section.html)."""
    return {"follow_ups": follow_ups.follow_ups_for(application), "goal_results": follow_ups.goal_results}
