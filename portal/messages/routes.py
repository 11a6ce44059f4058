"""Secure messages between the person (or their ombud) and the handläggare's unit."""

from __future__ import annotations

from flask import abort, flash, redirect, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from portal.access import Permission, current_actor
from portal.access.gate import authorize, is_allowed, own_records, require_case_role, unit_records
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.auth import citizen_required, staff_required
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.messages import bp, caseload, services
from portal.messages.models import Message
from portal.people.models import Citizen
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, new_token, require, too_long_message
from portal.web.rendering import render
from portal.web.staff_views import THEN_MESSAGES, open_case


def _body_errors(errors: dict[str, str], body: str) -> dict[str, str]:
    code = errors.get("body")
    if code == "too_long":
        return {"body": too_long_message(services.MESSAGE_MAX_CHARS, body)}
    if code == "no_case":
        return {"body": _("Du kan skicka meddelanden när du har skickat en ansökan.")}
    if code:
        return {"body": _("Skriv ditt meddelande.")}
    return {"body": _("Något gick fel. Skicka igen.")} if errors.get("token") else {}


def _send(send, citizen_id: int, values) -> tuple[str, dict[str, str]]:
    """Send once per form (its one-time token): the token to render the form with, and errors."""
    token = values.get("token")
    try:
        send(token)
    except InvalidInput as invalid:
        return new_token() if "token" in invalid.errors else token, _body_errors(invalid.errors, values.get("body", ""))
    except IntegrityError:
        # Two sends of one form at the same moment: the other one stored it.
        get_session().rollback()
        services.find_sent(citizen_id, token) or abort(409)
    return token, {}


def _citizen_thread(actor) -> list[Message]:
    messages = list(get_session().scalars(own_records(Message, actor).order_by(Message.created_at, Message.id)))
    log_access(actor, AccessAction.READ, "message", None, actor.subject_citizen_id)
    services.mark_read(actor, messages)
    return messages


@bp.route("/meddelanden", methods=["GET", "POST"])
@citizen_required
def citizen_messages():
    actor = current_actor()
    require(Permission.SEND_MESSAGE if request.method == "POST" else Permission.READ_MESSAGES)
    values = form_values()
    token = values.get("token") or new_token()
    if request.method == "POST":
        token, errors = _send(lambda token: services.send_citizen_message(actor, values.get("body"), token),
                              actor.subject_citizen_id, values)
        if errors:
            return render("messages/citizen/messages.html", messages=_citizen_thread(actor), values=values,
                          token=token, errors=errors, has_errors=True)
        flash(_("Ditt meddelande är skickat."), "success")
        return redirect("/meddelanden#thread-end", code=303)
    return render("messages/citizen/messages.html", messages=_citizen_thread(actor), values=values, token=token,
                  errors={})


# -- the handläggare's side ---------------------------------------------------------


@bp.get("/handlaggare/meddelanden")
@staff_required
def staff_inbox():
    """Every thread of the unit, answered or not; each person shown is a read in the log."""
    actor = require_case_role("message")
    threads = caseload.threads(actor.unit_id)
    for thread in threads:
        log_access(actor, AccessAction.READ, "message", thread.latest_message_id, thread.citizen_id,
                   reason_code="list")
    return render("messages/staff/inbox.html", threads=threads)


def _staff_thread(actor, citizen_id: int) -> tuple[list[Message], Application | None]:
    """The citizen's messages with this unit, and their case in it; 404 unless the unit has either.

    The thread is part of the case, so it is opened through the case with the same
    rule: a colleague's case needs a stated reason first (which then goes into the log).
    """
    query = unit_records(Message, actor).where(Message.citizen_id == citizen_id)
    messages = [m for m in get_session().scalars(query.order_by(Message.created_at, Message.id))
                if is_allowed(actor, Permission.OPEN_CASE, m)]
    case_id = caseload.latest_cases(actor.unit_id, citizen_id).get(citizen_id)
    if case_id is not None:
        return messages, open_case(case_id, then=THEN_MESSAGES)
    if not messages:
        log_access(actor, AccessAction.DENIED, "message", None, outcome="denied")
        abort(404)
    authorize(messages[-1], Permission.OPEN_CASE, actor)
    return messages, None


@bp.route("/handlaggare/meddelanden/<int:citizen_id>", methods=["GET", "POST"])
@staff_required
def staff_thread(citizen_id: int):
    actor = current_actor()
    messages, case = _staff_thread(actor, citizen_id)
    citizen = get_session().get(Citizen, citizen_id)
    case_id = case.id if case else None
    values = request.form if request.method == "POST" else {}
    token = values.get("token") or new_token()
    if request.method == "POST":
        token, errors = _send(lambda token: services.send_staff_message(actor, citizen_id, values.get("body"), token),
                              citizen_id, values)
        if errors:
            return render("messages/staff/thread.html", citizen=citizen, messages=messages, values=values,
                          case_id=case_id, token=token, errors=errors, has_errors=True)
        flash(_("Meddelandet är skickat. Personen får en avisering utan innehåll."), "success")
        return redirect(f"/handlaggare/meddelanden/{citizen_id}#thread-end", code=303)
    services.mark_read(actor, messages, case)
    return render("messages/staff/thread.html", citizen=citizen, messages=messages, values={}, errors={},
                  case_id=case_id, token=token)


def sender_name(message: Message) -> str:
    """Who wrote it, as the reader sees it."""
    from portal.people.models import StaffUser

    if message.sender_kind == "staff":
        staff = get_session().get(StaffUser, message.sender_staff_id) if message.sender_staff_id else None
        return _("Handläggare %(name)s", name=staff.name) if staff else _("Handläggaren")
    if message.sender_kind == "proxy":
        from portal.proxies.models import ProxyAuthority

        authority_id = message.proxy_authority_id
        authority = get_session().get(ProxyAuthority, authority_id) if authority_id else None
        proxy = get_session().get(Citizen, authority.proxy_id) if authority else None
        return _("Ombud %(name)s", name=proxy.name) if proxy else _("Ombud")
    citizen = get_session().get(Citizen, message.citizen_id)
    return citizen.name if citizen else ""


@bp.context_processor
def _message_helpers():
    return {"message_sender": sender_name}

