"""Kommunicering: before the beslut, what the utredning says goes to the person, who may answer.

The handläggare sends a snapshot of the assessment and a proposed beslut in
plain words; the person (or an ombud) agrees or says something. The answer
is part of the case before the beslut. Each function takes the acting
context, changes data, writes the access log and flushes; the request commits.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select, update

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Communication
from portal.domain import clock
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, CommunicationResponse
from portal.history.services import record_event
from portal.investigation.services import case_areas
from portal.messages.notify import notify_citizen
from portal.modelbase import utcnow
from portal.validation import Checker, InvalidInput, ValidationFailed, checked_text

PROPOSAL_MAX_CHARS = 5000
ANSWER_MAX_CHARS = 5000
ANSWER_DAYS = 14
RESPONSES = frozenset(response.value for response in CommunicationResponse)
_TOKEN = re.compile(r"[0-9a-f]{32}")
_CLOSED = frozenset({ApplicationStatus.WITHDRAWN.value, ApplicationStatus.CLOSED.value})


def default_answer_by(today: date | None = None) -> date:
    return (today or clock.today()) + timedelta(days=ANSWER_DAYS)


def communications_for(application: Application) -> list[Communication]:
    query = (select(Communication).where(Communication.application_id == application.id)
             .order_by(Communication.sent_at, Communication.id))
    return list(get_session().scalars(query))


def snapshot(application: Application) -> dict:
    """What is sent, kept as it was: per livsområde the assessed and intended level."""
    areas = []
    for area in case_areas(application):
        assessment = area.assessment
        areas.append({"code": area.code,
                      "assessed": assessment.assessed_level if assessment else None,
                      "intended": assessment.intended_level if assessment else None})
    return {"areas": areas}


def send_communication(actor, application: Application, data: dict, today: date | None = None) -> Communication:
    """Send the utredning and the proposed beslut to the person, and tell them something new is there."""
    today = today or clock.today()
    if application.status in _CLOSED:
        raise ValidationFailed({"proposal_text": "case_closed"})
    check = Checker(data)
    proposal = check.text("proposal_text", max_len=PROPOSAL_MAX_CHARS)
    answer_by = check.date("answer_by", required=True)
    if answer_by is not None and answer_by < today:
        check.fail("answer_by", "in_past")
    check.done()
    communication = Communication(
        application_id=application.id, citizen_id=application.citizen_id, unit_id=application.unit_id,
        sent_by_id=actor.staff_id, answer_by=answer_by, proposal_text=proposal, content=snapshot(application),
    )
    db = get_session()
    db.add(communication)
    db.flush()
    _advance_to_investigating(actor, application)
    log_access(actor, AccessAction.CREATE, "communication", communication.id, application.citizen_id)
    record_event(actor, application, "communication_sent", communication)
    notify_citizen(application.citizen_id, "communication")
    return communication


def _advance_to_investigating(actor, application: Application) -> None:
    status = ApplicationStatus(application.status)
    if status == ApplicationStatus.SUBMITTED:
        # Sending an utredning on a case nobody marked as received: receive it first, in the history too.
        status = transition(status, ApplicationStatus.RECEIVED)
        application.received_at = utcnow()
        record_event(actor, application, "received")
    if status == ApplicationStatus.RECEIVED:
        status = transition(status, ApplicationStatus.INVESTIGATING)
    application.status = status.value


def _checked_answer(communication: Communication, data: dict, token: str | None) -> tuple[str, str]:
    errors: dict[str, str] = {}
    response = data.get("response")
    text = ""
    if response not in RESPONSES:
        errors["response"] = "empty"
    elif response == CommunicationResponse.COMMENT:
        text = checked_text("response_text", data.get("response_text"), ANSWER_MAX_CHARS, errors)
    if not _TOKEN.fullmatch(token or ""):
        errors["token"] = "invalid"  # noqa: S105 - an error code, not a secret
    if errors:
        raise InvalidInput(errors)
    return response, text


def answer_communication(actor, communication: Communication, data: dict, token: str | None) -> Communication:
    """The person's answer, once. The same form sent twice (same token) counts once."""
    if communication.response is not None:
        if token and token == communication.response_token:
            return communication
        raise InvalidInput({"response": "already_answered"})
    response, text = _checked_answer(communication, data, token)
    db = get_session()
    # Only a row nobody has answered yet is changed, so two sends at the same moment answer once.
    answered = db.execute(
        update(Communication)
        .where(Communication.id == communication.id, Communication.response.is_(None))
        .values(response=response, response_text=text, responded_at=utcnow(), response_token=token,
                proxy_authority_id=actor.proxy_authority_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.refresh(communication)
    if not answered:
        return answer_communication(actor, communication, data, token)
    log_access(actor, AccessAction.UPDATE, "communication", communication.id, communication.citizen_id)
    record_event(actor, db.get(Application, communication.application_id), "communication_answered", communication)
    db.flush()
    return communication


def answer_by_passed(communication: Communication, today: date | None = None) -> bool:
    """An answer after the date is still taken: the kommun may decide without it, but reads it."""
    return (today or clock.today()) > communication.answer_by
