"""What the citizen's start page shows from each process step.

The start page is a shell: it only asks the steps for what is the person's now,
and shows each kind of thing only to an actor who may see it (an ombud sees what
the fullmakt covers). Every record shown is one READ in the access log.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.access.gate import Permission, own_records
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Appeal, Communication, Decision
from portal.domain import clock
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp
from portal.history.services import PROXY_ACTED
from portal.messages.models import Message, Notification
from portal.plans import responses
from portal.plans.models import Assignment, ImplementationPlan
from portal.web.citizen_views import may


def _shown(actor, record_type: str, query) -> list:
    rows = list(get_session().scalars(query))
    for row in rows:
        log_access(actor, AccessAction.READ, record_type, row.id, actor.subject_citizen_id)
    return rows


def due_follow_ups(actor, today: date | None = None) -> list[FollowUp]:
    """Follow-ups the person can answer now (due today or earlier, not yet sent)."""
    if not may(actor, Permission.ANSWER_FOLLOW_UP):
        return []
    today = today or clock.today()
    query = (own_records(FollowUp, actor)
             .where(FollowUp.status == "scheduled", FollowUp.due_on <= today).order_by(FollowUp.due_on))
    return _shown(actor, "follow_up", query)


def waiting_communications(actor) -> list[Communication]:
    """Kommuniceringar the person has not answered yet, the earliest answer-by date first."""
    if not may(actor, Permission.READ_COMMUNICATION):
        return []
    query = (own_records(Communication, actor).where(Communication.responded_at.is_(None))
             .order_by(Communication.answer_by))
    return _shown(actor, "communication", query)


def _unread_decision_notices(actor) -> list[Notification]:
    query = select(Notification).where(Notification.citizen_id == actor.subject_citizen_id,
                                       Notification.kind == "decision", Notification.read_at.is_(None))
    return list(get_session().scalars(query))


def is_new(decision: Decision, unread_notices: list[Notification]) -> bool:
    """"Nytt" until the person (or ombud) has opened the beslut, which marks its notices read."""
    return decision.published_at is not None and any(n.created_at >= decision.published_at for n in unread_notices)


def decisions_with_appeals(actor) -> list[tuple[Decision, bool, list[Appeal]]]:
    """Each published beslut, whether it is new, and its appeals (oldest first)."""
    if not may(actor, Permission.READ_DECISION):
        return []
    decisions = _shown(actor, "decision", own_records(Decision, actor).order_by(Decision.published_at.desc()))
    if not decisions:
        return []
    appeals = _shown(actor, "appeal", own_records(Appeal, actor)
                     .where(Appeal.decision_id.in_([d.id for d in decisions])).order_by(Appeal.created_at))
    notices = _unread_decision_notices(actor)
    return [(d, is_new(d, notices), [a for a in appeals if a.decision_id == d.id]) for d in decisions]


def plans(actor) -> list[tuple[ImplementationPlan, str]]:
    """Each published plan with where the person's answer stands (responses.plan_status)."""
    if not may(actor, Permission.READ_PLAN):
        return []
    query = own_records(ImplementationPlan, actor).order_by(ImplementationPlan.published_at.desc())
    return [(plan, responses.plan_status(plan)) for plan in _shown(actor, "implementation_plan", query)]


def has_assignments(actor) -> bool:
    """An uppdrag sent to an utförare for the person (the plans step's /mina-uppdrag)."""
    if not may(actor, Permission.READ_PLAN):
        return False
    query = own_records(Assignment, actor).limit(1)
    return get_session().scalars(query).first() is not None


def unread_messages(actor) -> int | None:
    if not may(actor, Permission.READ_MESSAGES):
        return None
    query = (select(func.count(Message.id))
             .where(Message.citizen_id == actor.subject_citizen_id, Message.sender_kind == "staff",
                    Message.read_by_citizen_at.is_(None)))
    return get_session().scalar(query)


def may_report_need_change(actor) -> bool:
    """"Mitt behov har ändrats" is for a person with a case: at least one sent ansökan."""
    if not may(actor, Permission.REPORT_NEED_CHANGE):
        return False
    query = (select(func.count(Application.id))
             .where(Application.citizen_id == actor.subject_citizen_id, Application.submitted_at.is_not(None)))
    return bool(get_session().scalar(query))


def proxy_notices(actor) -> int:
    """How many times an ombud acted in the person's name since the person last looked."""
    if actor.kind != "citizen":
        return 0
    query = select(func.count(Notification.id)).where(
        Notification.citizen_id == actor.citizen_id, Notification.kind == PROXY_ACTED,
        Notification.read_at.is_(None))
    return get_session().scalar(query) or 0


def home_panels(actor) -> dict:
    """What the start page shows from the steps, each only when the actor may see it."""
    return {
        "due_follow_ups": due_follow_ups(actor),
        "communications": waiting_communications(actor),
        "decisions": decisions_with_appeals(actor),
        "plans": plans(actor),
        "assignments": has_assignments(actor),
        "unread_messages": unread_messages(actor),
        "need_change": may_report_need_change(actor),
        "timeline": may(actor, Permission.READ_TIMELINE),
        "proxy_notices": proxy_notices(actor),
    }
