"""The case history: codes for what happened, and a timeline to show.

Events are rows in case_event; a few steps the citizen takes (submitting,
answering a plan or a follow-up) are read from their own records so the
citizen-side code needs to know nothing about the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
}


def record_event(actor, application, kind: str, record=None) -> CaseEvent:
    """Add one history row for `application`; the request commits it."""
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
    return event


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    who: str

    @property
    def label(self) -> str:
        return str(EVENT_LABELS[self.kind])


def timeline(application) -> list[TimelineEntry]:
    """Everything that happened to the case, newest first."""
    from portal.decisions.models import Decision
    from portal.followups.models import FollowUp
    from portal.people.models import StaffUser
    from portal.plans.models import ImplementationPlan, PlanResponse

    db = get_session()
    staff_names = {s.id: s.name for s in db.scalars(select(StaffUser).where(StaffUser.unit_id == application.unit_id))}
    entries = []
    for event in db.scalars(select(CaseEvent).where(CaseEvent.application_id == application.id)):
        entries.append(TimelineEntry(event.at, event.kind, _who(event, staff_names)))
    if application.submitted_at:
        entries.append(TimelineEntry(application.submitted_at, "submitted", _citizen_side(application)))
    responses = db.scalars(
        select(PlanResponse)
        .join(ImplementationPlan, PlanResponse.plan_id == ImplementationPlan.id)
        .join(Decision, ImplementationPlan.decision_id == Decision.id)
        .where(Decision.application_id == application.id)
    )
    entries += [TimelineEntry(r.responded_at, "plan_answered", _citizen_side(r)) for r in responses]
    answered = db.scalars(
        select(FollowUp).where(FollowUp.application_id == application.id, FollowUp.answered_at.is_not(None))
    )
    entries += [TimelineEntry(f.answered_at, "follow_up_answered", _citizen_side(f)) for f in answered]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _citizen_side(record) -> str:
    """"Personen", or "X (ombud) för personen" when an ombud did it."""
    from portal.proxies.models import ProxyAuthority

    authority_id = getattr(record, "proxy_authority_id", None)
    authority = get_session().get(ProxyAuthority, authority_id) if authority_id else None
    if authority is None:
        return str(_l("Personen"))
    return str(_l("%(proxy)s (ombud) för personen", proxy=authority.proxy.name))


def _who(event: CaseEvent, staff_names: dict[int, str]) -> str:
    if event.actor_kind == "api":
        return str(_l("Verksamhetssystem (%(client)s)", client=event.actor_client_id))
    if event.actor_staff_id is not None:
        return staff_names.get(event.actor_staff_id, str(_l("Personal")))
    return str(_l("Personen"))
