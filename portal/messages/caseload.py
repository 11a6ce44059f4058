"""The messages' part of the handläggare's caseload and message list: only reads, no routes.

Every query answers for the whole unit at once, so a list's query count never grows
with the number of people in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select

from portal.applications.models import Application
from portal.db import get_session
from portal.domain.caseflow import ActionItem, ActionKind
from portal.domain.states import ApplicationStatus
from portal.messages.models import Message
from portal.people.models import Citizen


@dataclass(frozen=True)
class Thread:
    """One person's conversation with the unit, as the staff message list shows it."""

    citizen_id: int
    citizen_name: str
    latest_at: datetime
    latest_message_id: int
    unread: int
    answered: bool  # the latest message is the handläggare's
    application_id: int | None  # the person's latest case in the unit


def latest_cases(unit_id: int, citizen_id: int | None = None) -> dict[int, int]:
    """{person id: their latest case in the unit (drafts never)}, for everyone or for one person."""
    query = (
        select(Application.citizen_id, func.max(Application.id))
        .where(Application.unit_id == unit_id, Application.status != ApplicationStatus.DRAFT.value)
        .group_by(Application.citizen_id)
    )
    if citizen_id is not None:
        query = query.where(Application.citizen_id == citizen_id)
    return {key: value for key, value in get_session().execute(query)}


def threads(unit_id: int) -> list[Thread]:
    """Every person's thread with this unit, the newest first, answered or not."""
    unread = func.sum(case(((Message.sender_kind != "staff") & Message.read_by_staff_at.is_(None), 1), else_=0))
    summary = (
        select(Message.citizen_id, func.max(Message.id).label("latest_id"), unread.label("unread"))
        .where(Message.unit_id == unit_id)
        .group_by(Message.citizen_id)
        .subquery()
    )
    query = (
        select(summary.c.citizen_id, summary.c.latest_id, summary.c.unread, Message.created_at, Message.sender_kind,
               Citizen.given_name, Citizen.family_name)
        .join(Message, Message.id == summary.c.latest_id)
        .join(Citizen, Citizen.id == summary.c.citizen_id)
        .order_by(Message.created_at.desc(), summary.c.latest_id.desc())
    )
    rows = list(get_session().execute(query))
    cases = latest_cases(unit_id) if rows else {}
    return [
        Thread(row.citizen_id, f"{row.given_name} {row.family_name}", row.created_at, row.latest_id,
               row.unread or 0, row.sender_kind == "staff", cases.get(row.citizen_id))
        for row in rows
    ]


def needs_action(unit_id: int, today: date) -> list[ActionItem]:
    """What waits for the handläggare in the messages.

    - message: a person's thread with this unit whose latest message is from the citizen
      side (the person or their ombud): nobody in the unit has answered it yet.
    """
    return [
        ActionItem(ActionKind.MESSAGE, thread.application_id, thread.citizen_id, thread.latest_at,
                   "message", thread.latest_message_id)
        for thread in threads(unit_id)
        if not thread.answered and thread.application_id is not None
    ]
