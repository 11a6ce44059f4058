"""Secure messages between the person (or their ombud) and the handläggare's unit.

Each function takes the acting context, changes data, writes the access log
and flushes; the request commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.access.gate import needs_reason
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.messages.models import Message
from portal.messages.notify import notify_citizen
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.validation import InvalidInput, checked_text, is_form_token

MESSAGE_MAX_CHARS = 5000


def case_of(citizen_id: int) -> Application | None:
    """The person's latest sent application: messages go to its unit."""
    query = (select(Application)
             .where(Application.citizen_id == citizen_id, Application.unit_id.is_not(None),
                    Application.submitted_at.is_not(None))
             .order_by(Application.submitted_at.desc(), Application.id.desc()))
    return get_session().scalars(query).first()


def message_unit_id(citizen_id: int) -> int | None:
    application = case_of(citizen_id)
    if application is not None:
        return application.unit_id
    citizen = get_session().get(Citizen, citizen_id)
    return citizen.home_unit_id if citizen else None


def find_sent(citizen_id: int, token: str | None) -> Message | None:
    """The message this form already sent, if it did (its one-time token)."""
    if not is_form_token(token):
        return None
    query = select(Message).where(Message.send_token == token, Message.citizen_id == citizen_id)
    return get_session().scalars(query).first()


def _checked_body(body: str | None, token: str | None, errors: dict[str, str]) -> str:
    body = checked_text("body", body, MESSAGE_MAX_CHARS, errors)
    if not is_form_token(token):
        errors["token"] = "invalid"  # noqa: S105 - an error code, not a secret
    return body


def send_citizen_message(actor, body: str | None, token: str | None) -> Message:
    """From the person (or their ombud) to the handläggare of their case. The same token twice sends once."""
    errors: dict[str, str] = {}
    body = _checked_body(body, token, errors)
    citizen_id = actor.subject_citizen_id
    unit_id = message_unit_id(citizen_id)
    if unit_id is None and not errors:
        errors["body"] = "no_case"
    if errors:
        raise InvalidInput(errors)
    existing = find_sent(citizen_id, token)
    if existing is not None:
        return existing
    application = case_of(citizen_id)
    message = Message(citizen_id=citizen_id, unit_id=unit_id, sender_kind=actor.kind,
                      application_id=application.id if application else None,
                      proxy_authority_id=actor.proxy_authority_id, body=body, send_token=token)
    return _save_message(actor, message)


def send_staff_message(actor, citizen_id: int, body: str | None, token: str | None) -> Message:
    """From a handläggare to the person, who is told there is something new. The same token twice sends once."""
    errors: dict[str, str] = {}
    body = _checked_body(body, token, errors)
    if errors:
        raise InvalidInput(errors)
    existing = find_sent(citizen_id, token)
    if existing is not None:
        return existing
    application = case_of(citizen_id)
    message = Message(citizen_id=citizen_id, unit_id=actor.unit_id, sender_kind="staff",
                      sender_staff_id=actor.staff_id, body=body, send_token=token,
                      application_id=application.id if application and application.unit_id == actor.unit_id
                      else None)
    _save_message(actor, message)
    notify_citizen(citizen_id, "message")
    return message


def _save_message(actor, message: Message) -> Message:
    db = get_session()
    db.add(message)
    db.flush()
    log_access(actor, AccessAction.CREATE, "message", message.id, message.citizen_id)
    return message


def mark_read(actor, messages: list[Message], case: Application | None = None) -> None:
    """The reader's side marks the other side's messages as read.

    A handläggare who opened a colleague's case (with a stated reason) leaves the
    thread unread, so the assigned handläggare still sees what waits for them.
    """
    if actor.is_staff and case is not None and needs_reason(actor, case):
        return
    now = utcnow()
    for message in messages:
        if actor.is_staff and message.sender_kind != "staff" and message.read_by_staff_at is None:
            message.read_by_staff_at = now
        elif actor.is_citizen_side and message.sender_kind == "staff" and message.read_by_citizen_at is None:
            message.read_by_citizen_at = now
    get_session().flush()


@dataclass
class UnreadThread:
    citizen_id: int
    citizen_name: str
    unread: int
    latest_at: datetime


def unread_messages_for_unit(unit_id: int) -> list[UnreadThread]:
    """People with messages to this unit that no handläggare has read yet, newest first."""
    query = (select(Message.citizen_id, func.count(Message.id), func.max(Message.created_at))
             .where(Message.unit_id == unit_id, Message.sender_kind != "staff", Message.read_by_staff_at.is_(None))
             .group_by(Message.citizen_id).order_by(func.max(Message.created_at).desc()))
    db = get_session()
    return [UnreadThread(citizen_id, db.get(Citizen, citizen_id).name, count, latest)
            for citizen_id, count, latest in db.execute(query)]
