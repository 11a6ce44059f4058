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


_CLOSED_STATUSES = frozenset({"withdrawn", "closed"})


@dataclass(frozen=True)
class CaseFacts:
    """What the process steps know about one case, enough to place it along the process.

    `communication_pending`: a kommunicering was sent after the last assessment and no
    beslut was published after it. `follow_up_due_on`: the earliest date follow-up work
    falls due (a scheduled uppföljning, or the end of a beslut's follow-up interval).
    """

    status: str
    communication_pending: bool = False
    decided: bool = False  # a published beslut
    plan_published: bool = False
    appeal_open: bool = False
    follow_up_due_on: date | None = None


def case_stage(facts: CaseFacts, today: date) -> CaseStage:
    """The case's stage; the first rule that matches wins.

    withdrawn or closed → CLOSED; an open appeal → APPEALED. Not decided: a pending
    kommunicering → COMMUNICATING, status submitted → NEW, else INVESTIGATING. Decided
    (a published beslut, or status decided): follow-up due or overdue → FOLLOW_UP_DUE,
    a published plan → DELIVERING, else DECIDED.
    """
    if facts.status in _CLOSED_STATUSES:
        return CaseStage.CLOSED
    if facts.appeal_open:
        return CaseStage.APPEALED
    if not (facts.decided or facts.status == "decided"):
        if facts.communication_pending:
            return CaseStage.COMMUNICATING
        return CaseStage.NEW if facts.status == "submitted" else CaseStage.INVESTIGATING
    if facts.follow_up_due_on is not None and facts.follow_up_due_on <= today:
        return CaseStage.FOLLOW_UP_DUE
    return CaseStage.DELIVERING if facts.plan_published else CaseStage.DECIDED
