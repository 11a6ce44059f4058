"""How the kommun handles an appeal, step by step, each with a date the person sees.

Rättidsprövning first (a late appeal is dismissed), then omprövning (the kommun
may change its own beslut), then, unless the beslut was changed as the person
asked, forwarding to förvaltningsrätten. Each step sets who handled it, writes
the access log and the case history, and flushes; the request commits.
"""

from __future__ import annotations

from datetime import UTC, date
from zoneinfo import ZoneInfo

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Appeal, Decision
from portal.domain import clock
from portal.domain.vocabulary import AccessAction, AppealReconsideration
from portal.history.services import record_event
from portal.validation import Checker, ValidationFailed

RECONSIDERATIONS = frozenset(value.value for value in AppealReconsideration)
_LOCAL = ZoneInfo("Europe/Stockholm")


def received_on(appeal: Appeal) -> date:
    """The day the appeal reached the kommun, in Swedish time."""
    return appeal.created_at.replace(tzinfo=UTC).astimezone(_LOCAL).date()


def arrived_in_time(appeal: Appeal, decision: Decision) -> bool | None:
    """A hint for the rättidsprövning; the handläggare decides (the person may have been told later)."""
    if decision.appeal_deadline is None:
        return None
    return received_on(appeal) <= decision.appeal_deadline


def stage(appeal: Appeal) -> str:
    """Where the handling is: received, dismissed, in_time, changed, to_forward or forwarded."""
    if appeal.dismissed_on is not None:
        return "dismissed"
    if appeal.forwarded_on is not None:
        return "forwarded"
    if appeal.reconsideration == AppealReconsideration.CHANGED:
        return "changed"
    if appeal.reconsideration is not None:
        return "to_forward"
    return "in_time" if appeal.in_time else "received"


def is_open(appeal: Appeal) -> bool:
    return stage(appeal) not in {"dismissed", "changed", "forwarded"}


def _step_date(check: Checker, key: str, earliest: date, today: date) -> date | None:
    """The step's date: not in the future, not before the step before it."""
    day = check.date(key, required=True)
    if day is not None and day > today:
        check.fail(key, "in_future")
    elif day is not None and day < earliest:
        check.fail(key, "before_previous")
    return day


def _done(actor, appeal: Appeal, *kinds: str) -> None:
    appeal.handled_by_id = actor.staff_id
    db = get_session()
    application = db.get(Application, db.get(Decision, appeal.decision_id).application_id)
    log_access(actor, AccessAction.UPDATE, "appeal", appeal.id, appeal.citizen_id)
    for kind in kinds:
        record_event(actor, application, kind, appeal)
    db.flush()


def check_timeliness(actor, appeal: Appeal, data: dict, today: date | None = None) -> None:
    """Rättidsprövning: in time, or too late and therefore dismissed (avvisat)."""
    if appeal.timeliness_checked_on is not None:
        raise ValidationFailed({"in_time": "already_done"})
    check = Checker(data)
    answer = check.choice("in_time", {"yes", "no"})
    day = _step_date(check, "timeliness_checked_on", received_on(appeal), today or clock.today())
    check.done()
    appeal.in_time, appeal.timeliness_checked_on = answer == "yes", day
    if appeal.in_time:
        _done(actor, appeal, "appeal_timeliness_checked")
        return
    appeal.dismissed_on = day
    _done(actor, appeal, "appeal_timeliness_checked", "appeal_dismissed")


def reconsider(actor, appeal: Appeal, data: dict, today: date | None = None) -> None:
    """Omprövning: did the kommun change its own beslut?"""
    if appeal.reconsideration is not None:
        raise ValidationFailed({"reconsideration": "already_done"})
    if appeal.dismissed_on is not None:
        raise ValidationFailed({"reconsideration": "dismissed"})
    if not appeal.in_time:
        raise ValidationFailed({"reconsideration": "needs_timeliness"})
    check = Checker(data)
    outcome = check.choice("reconsideration", RECONSIDERATIONS)
    day = _step_date(check, "reconsidered_on", appeal.timeliness_checked_on, today or clock.today())
    check.done()
    appeal.reconsideration, appeal.reconsidered_on = outcome, day
    _done(actor, appeal, "appeal_reconsidered")


def forward(actor, appeal: Appeal, data: dict, today: date | None = None) -> None:
    """Sent on to förvaltningsrätten, with the file, after an omprövning that did not give the person all."""
    refusal = _forward_refusal(appeal)
    if refusal:
        raise ValidationFailed({"forwarded_on": refusal})
    check = Checker(data)
    day = _step_date(check, "forwarded_on", appeal.reconsidered_on, today or clock.today())
    check.done()
    appeal.forwarded_on = day
    _done(actor, appeal, "appeal_forwarded")


def _forward_refusal(appeal: Appeal) -> str | None:
    if appeal.forwarded_on is not None:
        return "already_done"
    if appeal.dismissed_on is not None:
        return "dismissed"
    if not appeal.in_time:
        return "needs_timeliness"
    if appeal.reconsideration is None:
        return "needs_reconsideration"
    if appeal.reconsideration == AppealReconsideration.CHANGED:
        return "changed"
    return None
