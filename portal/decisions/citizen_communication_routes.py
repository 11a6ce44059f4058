"""Kommunicering, the person's side: what the handläggare thinks before the beslut, and the answer."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_babel import gettext as _

from portal.access import Permission, current_actor, load_for
from portal.auth import citizen_required
from portal.decisions import bp
from portal.decisions import communication as services
from portal.decisions.citizen_routes import mark_notifications_read
from portal.decisions.models import Communication
from portal.decisions.reading import own_levels
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, new_token, too_long_message
from portal.web.rendering import render


def _answer_errors(errors: dict[str, str], text: str) -> dict[str, str]:
    messages = {}
    if errors.get("response") == "empty":
        messages["response"] = _("Välj ett svar.")
    elif errors.get("response") == "already_answered":
        messages["response"] = _("Du har redan svarat. Du kan bara svara en gång. "
                                 "Vill du säga något mer? Skriv ett meddelande till din handläggare.")
    if errors.get("response_text") == "empty":
        messages["response_text"] = _("Skriv vad du vill säga.")
    elif errors.get("response_text") == "too_long":
        messages["response_text"] = too_long_message(services.ANSWER_MAX_CHARS, text)
    if errors.get("token"):
        messages["response"] = _("Något gick fel. Skicka igen.")
    return messages


def _page(communication: Communication, values, token: str, errors=None, status=200):
    return render(
        "decisions/citizen/communication.html", communication=communication, values=values, token=token,
        own_levels=own_levels(communication.application_id), errors=errors or {}, has_errors=bool(errors),
        late=services.answer_by_passed(communication), max_chars=services.ANSWER_MAX_CHARS,
    ), status


@bp.route("/kommunicering/<int:communication_id>", methods=["GET", "POST"])
@citizen_required
def communication(communication_id: int):
    permission = Permission.ANSWER_COMMUNICATION if request.method == "POST" else Permission.READ_COMMUNICATION
    communication = load_for(Communication, communication_id, permission)
    values = form_values()
    token = values.get("token") or new_token()
    if request.method == "GET":
        mark_notifications_read(communication.citizen_id, "communication")
        return _page(communication, values, token)
    try:
        services.answer_communication(current_actor(), communication, values, token)
    except InvalidInput as invalid:
        errors = _answer_errors(invalid.errors, values.get("response_text", ""))
        return _page(communication, values, new_token() if "token" in invalid.errors else token, errors, 422)
    return redirect(url_for("decisions.communication", communication_id=communication.id), code=303)
