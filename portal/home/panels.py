"""What the citizen's start page shows from each process step.

The start page is a shell: it only asks the steps for what is the person's now.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.access.gate import Permission, own_records
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Decision
from portal.domain.vocabulary import AccessAction
from portal.followups.models import FollowUp
from portal.messages.models import Message
from portal.modelbase import utcnow
from portal.plans.models import ImplementationPlan
from portal.plans.responses import awaits_answer
from portal.web.citizen_views import may

NEW_FOR_DAYS = 30


def _listed(actor, model, record_type: str, query=None) -> list:
    rows = list(get_session().scalars(query if query is not None else own_records(model, actor)))
    if rows:
        log_access(actor, AccessAction.READ, record_type, None, actor.subject_citizen_id)
    return rows


def due_follow_ups(actor, today: date | None = None) -> list[FollowUp]:
    """Follow-ups the person can answer now (due today or earlier, not yet sent)."""
    if not may(actor, Permission.ANSWER_FOLLOW_UP):
        return []
    today = today or date.today()
    query = (own_records(FollowUp, actor)
             .where(FollowUp.status == "scheduled", FollowUp.due_on <= today).order_by(FollowUp.due_on))
    return _listed(actor, FollowUp, "follow_up", query)


def home_panels(actor) -> dict:
    """What the start page shows from this package: follow-ups due, beslut, plans, unread messages."""
    panels = {"due_follow_ups": due_follow_ups(actor), "decisions": [], "plans": [],
              "unread_messages": None}
    if may(actor, Permission.READ_DECISION):
        recent = utcnow() - timedelta(days=NEW_FOR_DAYS)
        query = own_records(Decision, actor).order_by(Decision.published_at.desc())
        panels["decisions"] = [(d, d.published_at is not None and d.published_at >= recent)
                               for d in _listed(actor, Decision, "decision", query)]
    if may(actor, Permission.READ_PLAN):
        query = own_records(ImplementationPlan, actor).order_by(ImplementationPlan.published_at.desc())
        panels["plans"] = [(p, awaits_answer(p)) for p in _listed(actor, ImplementationPlan, "implementation_plan",
                                                                   query)]
    if may(actor, Permission.READ_MESSAGES):
        query = (select(func.count(Message.id))
                 .where(Message.citizen_id == actor.subject_citizen_id, Message.sender_kind == "staff",
                        Message.read_by_citizen_at.is_(None)))
        panels["unread_messages"] = get_session().scalar(query)
    return panels


