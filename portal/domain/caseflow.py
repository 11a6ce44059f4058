"""Where a case is along the process, and what in it waits for the handläggare.

Pure data: the caseload (portal.casework) asks each process step for its
facts and action items and shows them with these names. No Flask, no
SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class CaseStage(StrEnum):
    """The case's place in socialtjänstens process, as the caseload shows it."""

    NEW = "new"  # ny: sent, not yet taken up
    INVESTIGATING = "investigating"  # under utredning
    COMMUNICATING = "communicating"  # kommunicering sent, waiting for the person
    DECIDED = "decided"  # beslutad, no plan yet
    DELIVERING = "delivering"  # genomförande: a plan is published
    FOLLOW_UP_DUE = "follow_up_due"  # uppföljning förfaller (due or overdue)
    APPEALED = "appealed"  # överklagad, not finished
    CLOSED = "closed"  # avslutad (or återtagen)


class ActionKind(StrEnum):
    """Something in a case that waits for the handläggare ("needs action")."""

    NEW_CASE = "new_case"
    APPEAL = "appeal"  # an appeal whose handling is not finished
    COMMUNICATION_ANSWERED = "communication_answered"  # the person answered, no beslut yet
    PLAN_CHANGE = "plan_change"  # the person asked for a change in the plan
    FOLLOW_UP_ANSWERED = "follow_up_answered"  # answered, not yet read by staff
    FOLLOW_UP_DUE = "follow_up_due"  # a scheduled follow-up's date has come
    FOLLOW_UP_OVERDUE = "follow_up_overdue"  # a beslut not followed up within its interval
    NEED_CHANGE = "need_change"  # "Mitt behov har ändrats"
    MESSAGE = "message"  # the person wrote last and nobody has answered


@dataclass(frozen=True)
class ActionItem:
    """One thing to do, pointing at the case and the record it is about."""

    kind: ActionKind
    application_id: int
    citizen_id: int
    since: date | datetime
    record_type: str | None = None
    record_id: int | None = None
