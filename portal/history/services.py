"""The case history: codes for what happened, who did it for whom, and the staff timeline.

Events are rows in case_event. Older cases (and steps recorded before every
service wrote an event) are read from their own records as well, so the
history is whole; a record is listed from its event when one exists, never twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.db import get_session
from portal.history.models import CaseEvent

EVENT_LABELS = {
    "submitted": _l("Ansökan skickades in"),
    "received": _l("Ärendet markerades som mottaget (aktualiserat)"),
    "assigned": _l("Ärendet fick en handläggare"),
    "opened_with_reason": _l("Öppnades av en annan handläggare med skäl"),
    "assessment_saved": _l("Bedömning sparad"),
    "note_added": _l("Intern anteckning skriven"),
    "decision_created": _l("Beslut påbörjat"),
    "decision_published": _l("Beslut publicerat"),
    "plan_created": _l("Genomförandeplan påbörjad"),
    "plan_published": _l("Genomförandeplan publicerad"),
    "plan_answered": _l("Personen svarade på genomförandeplanen"),
    "assignment_created": _l("Uppdrag skickat till utförare"),
    "follow_up_scheduled": _l("Uppföljning planerad"),
    "follow_up_answered": _l("Personen svarade på uppföljningen"),
    "exported_json": _l("Exporterad som JSON"),
    "exported_pdf": _l("Exporterad som PDF"),
    "guardian_registered": _l("God man eller förvaltare registrerad"),
    "guardian_ended": _l("God man eller förvaltare avslutad"),
    "guardian_confirmed": _l("God man eller förvaltare bekräftad av en andra handläggare"),
    "communication_sent": _l("Kommunicering skickad till personen"),
    "communication_answered": _l("Personen svarade på kommuniceringen"),
    "appeal_submitted": _l("Överklagande kom in"),
    "appeal_timeliness_checked": _l("Rättidsprövning gjord"),
    "appeal_reconsidered": _l("Omprövning gjord"),
    "appeal_forwarded": _l("Överklagandet skickat till förvaltningsrätten"),
    "appeal_dismissed": _l("Överklagandet avvisat eftersom det kom in för sent"),
    "plan_revised": _l("Ny version av genomförandeplanen påbörjad"),
    "plan_change_requested": _l("Personen bad om en ändring i planen"),
    "plan_change_handled": _l("Önskemålet om ändring i planen är hanterat"),
    "follow_up_reviewed": _l("Handläggaren har läst svaren på uppföljningen"),
    "need_change_reported": _l("Personen meddelade att behovet har ändrats"),
    "need_change_handled": _l("Det ändrade behovet är hanterat"),
    "assignment_accepted": _l("Utföraren tog emot uppdraget"),
    "sharing_changed": _l("Personen ändrade vad utföraren får läsa"),
    "visit_recorded": _l("Utföraren skrev om ett besök som inte blev av"),
    "visit_reported": _l("Personen meddelade ett missat besök"),
    "plan_reviewed": _l("Handläggaren kommenterade genomförandeplanen"),
    "goal_views_recorded": _l("Utföraren gav sin bild av målen"),
}
# An answer to a plan is one act whether it agreed or asked for a change.
_SAME_ACT = {"plan_change_requested": "plan_answered"}
PROXY_ACTED = "proxy_acted"  # the notification kind: "someone acted in your name"


def record_event(actor, application, kind: str, record=None) -> CaseEvent:
    """Add one history row for `application`; the request commits it.

    When an ombud acted, the person is told (without content) that someone
    acted in their name, once per request however many steps it took.
    """
    if kind not in EVENT_LABELS:
        raise ValueError(f"unknown case event {kind}")
    event = CaseEvent(
        application_id=application.id,
        kind=kind,
        actor_kind=actor.kind,
        actor_staff_id=actor.staff_id,
        actor_client_id=actor.client_id,
        proxy_authority_id=actor.proxy_authority_id,
        record_type=record.__tablename__ if record is not None else None,
        record_id=getattr(record, "id", None),
    )
    get_session().add(event)
    if actor.kind == "proxy":
        _tell_person_once(actor.subject_citizen_id)
    return event


def _tell_person_once(citizen_id: int) -> None:
    from portal.messages.notify import notify_citizen

    # Kept on the request, not on `g`: an app context can outlive many requests.
    told = request.__dict__.setdefault("_proxy_acted_told", set()) if has_request_context() else set()
    if citizen_id in told:
        return
    told.add(citizen_id)
    notify_citizen(citizen_id, PROXY_ACTED)


@dataclass(frozen=True)
class HistoryItem:
    """One thing that happened, from an event or read from its record."""

    at: datetime
    kind: str
    actor_kind: str  # citizen, proxy, staff, api, system
    staff_id: int | None = None
    client_id: str | None = None
    proxy_authority_id: int | None = None
    record_type: str | None = None
    record_id: int | None = None

    @property
    def by_citizen_side(self) -> bool:
        return self.actor_kind in {"citizen", "proxy"}


def _from_event(event: CaseEvent) -> HistoryItem:
    return HistoryItem(event.at, event.kind, event.actor_kind, event.actor_staff_id, event.actor_client_id,
                       event.proxy_authority_id, event.record_type, event.record_id)


def _by_person(at, kind: str, record) -> HistoryItem:
    authority_id = getattr(record, "proxy_authority_id", None)
    return HistoryItem(at, kind, "proxy" if authority_id else "citizen", proxy_authority_id=authority_id,
                       record_type=record.__tablename__, record_id=record.id)


def _by_staff(at, kind: str, record, staff_id: int | None) -> HistoryItem:
    return HistoryItem(at, kind, "staff", staff_id=staff_id, record_type=record.__tablename__, record_id=record.id)


def _read_from_records(application) -> list[HistoryItem]:
    from portal.history import records

    found = records.case_records(application)
    items = [_by_person(application.submitted_at, "submitted", application)] if application.submitted_at else []
    items += [_by_staff(c.sent_at, "communication_sent", c, c.sent_by_id) for c in found.communications]
    items += [_by_person(c.responded_at, "communication_answered", c) for c in found.communications
              if c.responded_at]
    items += [_by_staff(d.published_at, "decision_published", d, d.officer_id) for d in found.decisions]
    items += [_by_person(a.created_at, "appeal_submitted", a) for a in found.appeals]
    items += [_by_staff(p.published_at, "plan_published", p, p.created_by_id) for p in found.plans]
    items += [_by_person(r.responded_at, "plan_answered" if r.agreed else "plan_change_requested", r)
              for r in found.plan_responses]
    items += [_by_person(f.answered_at, "follow_up_answered", f) for f in found.follow_ups if f.answered_at]
    items += [_by_person(n.created_at, "need_change_reported", n) for n in found.need_changes]
    return [item for item in items if item.at is not None]


def _not_yet_recorded(derived: list[HistoryItem], events: list[HistoryItem]) -> list[HistoryItem]:
    """The derived items no event already tells about (same act, same record)."""
    recorded = {(_SAME_ACT.get(e.kind, e.kind), e.record_type, e.record_id) for e in events}
    # An event may name the plan instead of the answer: it then stands for that plan's newest answer.
    per_plan: dict[int, int] = {}
    for e in events:
        if _SAME_ACT.get(e.kind, e.kind) == "plan_answered" and e.record_type == "implementation_plan":
            per_plan[e.record_id] = per_plan.get(e.record_id, 0) + 1
    kept = []
    for item in sorted(derived, key=lambda i: i.at, reverse=True):
        key = (_SAME_ACT.get(item.kind, item.kind), item.record_type, item.record_id)
        plan_id = _plan_of(item)
        if key in recorded:
            continue
        if plan_id is not None and per_plan.get(plan_id):
            per_plan[plan_id] -= 1
            continue
        kept.append(item)
    return kept


def _plan_of(item: HistoryItem) -> int | None:
    if item.record_type != "plan_response":
        return None
    from portal.plans.models import PlanResponse

    return get_session().get(PlanResponse, item.record_id).plan_id


def case_history(application) -> list[HistoryItem]:
    """Everything that happened to the case, newest first."""
    query = select(CaseEvent).where(CaseEvent.application_id == application.id)
    events = [_from_event(event) for event in get_session().scalars(query)]
    items = events + _not_yet_recorded(_read_from_records(application), events)
    return sorted(items, key=lambda item: item.at, reverse=True)


# -- the handläggare's timeline (the case page's "Historik") ------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    who: str

    @property
    def label(self) -> str:
        return str(EVENT_LABELS[self.kind])


def timeline(application) -> list[TimelineEntry]:
    """Everything that happened to the case, newest first, each with who did it for whom."""
    items = case_history(application)
    names = _StaffSideNames(items)
    return [TimelineEntry(item.at, item.kind, names.who(item)) for item in items]


class _StaffSideNames:
    """Who did it, as the handläggare reads it; each person loaded once."""

    def __init__(self, items: list[HistoryItem]):
        from portal.people.models import StaffUser
        from portal.proxies.models import ProxyAuthority

        db = get_session()
        staff_ids = {i.staff_id for i in items if i.staff_id}
        authority_ids = {i.proxy_authority_id for i in items if i.proxy_authority_id}
        self.staff = {s.id: s.name for s in db.scalars(select(StaffUser).where(StaffUser.id.in_(staff_ids)))}
        self.ombud = {a.id: a.proxy.name
                      for a in db.scalars(select(ProxyAuthority).where(ProxyAuthority.id.in_(authority_ids)))}

    def who(self, item: HistoryItem) -> str:
        if item.by_citizen_side:
            if item.proxy_authority_id in self.ombud:
                return str(_l("%(proxy)s (ombud) för personen", proxy=self.ombud[item.proxy_authority_id]))
            return str(_l("Personen"))
        if item.actor_kind == "api":
            return str(_l("Verksamhetssystem (%(client)s)", client=item.client_id))
        if item.actor_kind == "staff":
            return self.staff.get(item.staff_id, str(_l("Personal")))
        return str(_l("Mitt stöd, automatiskt"))
