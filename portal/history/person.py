"""The person's own view of a case: where it is in the process, what happened and who did it, what comes next.

Everything is worded for the reader: the person ("Du skickade …", "David
Andersson (ombud) skickade … för dig") or their ombud ("Du skickade … för
Anna Andersson"). Only what is meant for the person is shown: no internal
notes, exports or openings with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.db import get_session
from portal.domain import clock
from portal.domain.caseflow import CaseStage
from portal.domain.states import ApplicationStatus
from portal.history.records import CaseRecords, case_records
from portal.history.services import HistoryItem, case_history
from portal.web.plain_labels import date_text

# What each kind of event is, as the rest of a sentence after who did it.
CITIZEN_EVENT_LABELS = {
    "submitted": _l("skickade ansökan"),
    "received": _l("tog emot ansökan"),
    "communication_sent": _l("skickade en kommunicering att läsa och svara på"),
    "communication_answered": _l("svarade på kommuniceringen"),
    "decision_published": _l("skrev ett beslut"),
    "appeal_submitted": _l("skickade ett överklagande"),
    "appeal_timeliness_checked": _l("kontrollerade om överklagandet kom in i tid"),
    "appeal_reconsidered": _l("prövade beslutet en gång till"),
    "appeal_forwarded": _l("skickade överklagandet till förvaltningsrätten"),
    "appeal_dismissed": _l("avvisade överklagandet för att det kom in för sent"),
    "assignment_created": _l("gav utföraren ett uppdrag"),
    "plan_published": _l("skrev en genomförandeplan"),
    "plan_answered": _l("svarade på genomförandeplanen"),
    "plan_change_requested": _l("bad om en ändring i genomförandeplanen"),
    "plan_change_handled": _l("tog hand om önskemålet om en ändring i planen"),
    "follow_up_scheduled": _l("bestämde en dag för uppföljning"),
    "follow_up_answered": _l("svarade på uppföljningen"),
    "follow_up_reviewed": _l("läste svaren på uppföljningen"),
    "need_change_reported": _l("berättade att behovet har ändrats"),
    "need_change_handled": _l("tog hand om att behovet har ändrats"),
    "guardian_registered": _l("skrev in en god man eller förvaltare"),
    "guardian_ended": _l("skrev att en god man eller förvaltare slutar"),
    "guardian_confirmed": _l("bekräftade en god man eller förvaltare"),
    "assignment_accepted": _l("tog emot uppdraget"),
    "sharing_changed": _l("ändrade vad utföraren får läsa"),
    "visit_recorded": _l("skrev om ett besök som inte blev av"),
    "visit_reported": _l("berättade om ett besök som inte blev av"),
}

STEPS = (
    (CaseStage.NEW, _l("Ansökan skickad")),
    (CaseStage.INVESTIGATING, _l("Handläggaren utreder")),
    (CaseStage.COMMUNICATING, _l("Kommunicering")),
    (CaseStage.DECIDED, _l("Beslut")),
    (CaseStage.DELIVERING, _l("Genomförandeplan")),
    (CaseStage.FOLLOW_UP_DUE, _l("Uppföljning")),
)
STEP_STATE_TEXT = {
    "done": _l("Klart"),
    "current": _l("Här är ärendet nu"),
    "skipped": _l("Behövdes inte"),
    "later": _l("Senare"),
}
_BEFORE_INVESTIGATION = {ApplicationStatus.SUBMITTED.value}


@dataclass(frozen=True)
class Step:
    stage: CaseStage
    label: str
    state: str  # done, current, skipped, later

    @property
    def state_text(self) -> str:
        return str(STEP_STATE_TEXT[self.state])


@dataclass(frozen=True)
class CaseStory:
    application: object
    steps: list[Step]
    happened: list[tuple[object, str]]  # (when, sentence), oldest first
    next_steps: list[tuple[str, str | None]]  # (sentence, link or None)
    records: CaseRecords


def current_stage(application, found: CaseRecords, today: date) -> CaseStage:
    """Where the case is, in the six steps the person sees."""
    if found.decisions and any(f.answered_at or f.due_on <= today for f in found.follow_ups):
        return CaseStage.FOLLOW_UP_DUE
    if found.current_plans:
        return CaseStage.DELIVERING
    if found.decisions:
        return CaseStage.DECIDED
    if found.communications:
        return CaseStage.COMMUNICATING
    if application.status in _BEFORE_INVESTIGATION:
        return CaseStage.NEW
    return CaseStage.INVESTIGATING


def steps(application, found: CaseRecords, today: date) -> list[Step]:
    """The six steps, each marked done, current, skipped or later (none for a withdrawn ansökan)."""
    if application.status == ApplicationStatus.WITHDRAWN.value:
        return []
    now = current_stage(application, found, today)
    order = [stage for stage, _label in STEPS]
    result = []
    for stage, label in STEPS:
        if stage == now:
            state = "current"
        elif order.index(stage) > order.index(now):
            state = "later"
        elif stage == CaseStage.COMMUNICATING and not found.communications:
            state = "skipped"
        else:
            state = "done"
        result.append(Step(stage, str(label), state))
    return result


class Wording:
    """Who did it, in the reader's words; each person loaded once per page."""

    def __init__(self, reader):
        from portal.people.models import Citizen

        self.reader = reader
        self.person_name = get_session().get(Citizen, reader.subject_citizen_id).name
        self.show_staff_names = bool(current_app.config.get("PORTAL_SHOW_STAFF_NAMES", False))
        self._staff: dict = {}
        self._authorities: dict = {}

    def sentence(self, item: HistoryItem) -> str:
        done, when = str(CITIZEN_EVENT_LABELS[item.kind]), date_text(item.at)
        if item.by_citizen_side:
            return self._citizen_side(item.proxy_authority_id, done, when)
        return _("%(who)s %(done)s %(date)s.", who=self._other(item), done=done, date=when)

    def _citizen_side(self, authority_id: int | None, done: str, when: str) -> str:
        authority = self._authority(authority_id)
        if authority is None:
            if self.reader.kind == "citizen":
                return _("Du %(done)s %(date)s.", done=done, date=when)
            return _("%(name)s %(done)s %(date)s.", name=self.person_name, done=done, date=when)
        if authority.proxy_id == self.reader.citizen_id and self.reader.kind == "proxy":
            return _("Du %(done)s för %(name)s %(date)s.", done=done, name=self.person_name, date=when)
        if self.reader.kind == "citizen":
            return _("%(proxy)s (ombud) %(done)s för dig %(date)s.", proxy=authority.proxy.name, done=done,
                     date=when)
        return _("%(proxy)s (ombud) %(done)s för %(name)s %(date)s.", proxy=authority.proxy.name, done=done,
                 name=self.person_name, date=when)

    def _authority(self, authority_id: int | None):
        from portal.proxies.models import ProxyAuthority

        if authority_id is None:
            return None
        if authority_id not in self._authorities:
            self._authorities[authority_id] = get_session().get(ProxyAuthority, authority_id)
        return self._authorities[authority_id]

    def _other(self, item: HistoryItem) -> str:
        from portal.people.models import StaffUser

        if item.actor_kind == "api":
            return _("Kommunens verksamhetssystem")
        if item.actor_kind != "staff":
            return _("Mitt stöd")
        if item.staff_id not in self._staff:
            self._staff[item.staff_id] = get_session().get(StaffUser, item.staff_id) if item.staff_id else None
        staff = self._staff[item.staff_id]
        provider = staff is not None and staff.role in ("provider", "provider_manager")
        if staff is not None and self.show_staff_names:
            if provider:
                return _("%(name)s (utförare)", name=staff.name)
            return _("%(name)s (handläggare)", name=staff.name)
        return _("Utföraren") if provider else _("Handläggaren")


def what_happened(application, wording: Wording) -> list[tuple[object, str]]:
    items = [item for item in case_history(application) if item.kind in CITIZEN_EVENT_LABELS]
    return [(item.at, wording.sentence(item)) for item in reversed(items)]


def case_story(application, wording: Wording, today: date | None = None) -> CaseStory:
    from portal.history.next_steps import next_steps

    today = today or clock.today()
    found = case_records(application)
    return CaseStory(application, steps(application, found, today), what_happened(application, wording),
                     next_steps(wording.reader, application, found, today), found)


def sent_applications(reader) -> list:
    """The person's sent ansökningar, newest first."""
    from portal.access.gate import own_records
    from portal.applications.models import Application

    query = (own_records(Application, reader)
             .where(Application.submitted_at.is_not(None), Application.status != ApplicationStatus.DRAFT.value)
             .order_by(Application.submitted_at.desc(), Application.id.desc()))
    return list(get_session().scalars(query))


def mark_proxy_notices_read(reader) -> None:
    """The person has now seen what was done in their name."""
    from portal.history.services import PROXY_ACTED
    from portal.messages.models import Notification
    from portal.modelbase import utcnow

    if reader.kind != "citizen":
        return
    query = select(Notification).where(Notification.citizen_id == reader.citizen_id,
                                       Notification.kind == PROXY_ACTED, Notification.read_at.is_(None))
    for notification in get_session().scalars(query):
        notification.read_at = utcnow()
