"""What every staff page of a case needs, whatever process step it belongs to:
opening the case through the gate (with a stated reason when it is a colleague's), form input,
and the way back to the case page."""

from __future__ import annotations

from flask import abort, redirect, request, session, url_for

from portal.access.actor import current_actor
from portal.access.gate import Permission, is_allowed, load_for, needs_reason
from portal.applications.models import Application
from portal.db import get_session

# Session key: {application id: reason code} for cases opened with a stated reason.
REASONS_KEY = "case_reasons"
# Where the reason page may send the officer instead of the case page: the person's messages.
THEN_MESSAGES = "meddelanden"
# Form fields that can repeat (checkboxes, table rows).
LIST_FIELDS = frozenset(
    {
        "factor_kind",
        "factor_effect",
        "factor_text",
        "goal_ids",
        "questionnaires",
        "scopes",
        "life_area_codes",
    }
)


def stated_reason(application_id: int) -> str | None:
    return session.get(REASONS_KEY, {}).get(str(application_id))


def remember_reason(application_id: int, reason: str) -> None:
    reasons = dict(session.get(REASONS_KEY, {}))
    reasons[str(application_id)] = reason
    session[REASONS_KEY] = reasons


def open_case(application_id: int, permission: Permission = Permission.OPEN_CASE, then: str | None = None
              ) -> Application:
    """Load a case through the gate (404 if not allowed).

    A case of the unit that is assigned to a colleague sends the officer to
    state a reason first; the reason then goes with every open into the log.
    `then` is where the reason page sends them afterwards (THEN_MESSAGES, or the case page).
    """
    actor = current_actor()
    application = get_session().get(Application, application_id)
    reason = stated_reason(application_id)
    if (
        application is not None
        and reason is None
        and needs_reason(actor, application)
        and is_allowed(actor, permission, application, "supervision")
    ):
        abort(redirect(url_for("casework.reason", application_id=application_id, till=then), code=303))
    return load_for(Application, application_id, permission, reason_code=reason)


def form_data() -> dict:
    data = {}
    for key in request.form:
        if key == "csrf_token":
            continue
        data[key] = request.form.getlist(key) if key in LIST_FIELDS else request.form.get(key)
    return data


def case_url(application: Application, anchor: str | None = None, **kwargs) -> str:
    url = url_for("casework.case", application_id=application.id, **kwargs)
    return f"{url}#{anchor}" if anchor else url


def see_case(application: Application, anchor: str | None = None):
    return redirect(case_url(application, anchor), code=303)


def citizen_of(application: Application):
    from portal.people.models import Citizen

    return get_session().get(Citizen, application.citizen_id)
