""""Vem har läst mina uppgifter": the access log of one person, as they read it.

Rows come from one indexed query (subject, time) a page at a time; the
names they mention are loaded in three small batches, so a person with a
very long log gets a page as fast as someone with a short one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, not_, select

from portal.audit.models import AccessLogEntry
from portal.dataright.labels import (
    ACTING_ACTION_LABELS,
    ACTION_LABELS,
    LISTED_LABEL,
    OTHER_RECORD,
    RECORD_LABELS,
    ROLE_LABELS,
)
from portal.db import get_session
from portal.people.models import Citizen, StaffUser, Unit

PER_PAGE = 50


@dataclass(frozen=True)
class LogRow:
    at: datetime
    what: str  # which kind of information
    action: str  # what was done
    who: str  # role and unit, an ombud's name, or "Du"
    actor_kind: str
    record_type: str
    record_id: int | None
    action_code: str


@dataclass(frozen=True)
class LogPage:
    rows: list[LogRow]
    total: int
    page: int
    pages: int


def _subject_query(subject_id: int, include_own: bool):
    query = select(AccessLogEntry).where(AccessLogEntry.subject_citizen_id == subject_id)
    if not include_own:
        own = and_(AccessLogEntry.actor_kind == "citizen", AccessLogEntry.actor_citizen_id == subject_id)
        query = query.where(not_(own))
    return query


def access_log_page(subject_id: int, page: int = 1, include_own: bool = False,
                    self_label: str | None = None) -> LogPage:
    db = get_session()
    base = _subject_query(subject_id, include_own)
    total = db.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    query = (base.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
             .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    entries = list(db.scalars(query))
    return LogPage(describe(entries, subject_id, self_label), total, page, pages)


def all_entries(subject_id: int) -> list[AccessLogEntry]:
    """Every entry about the person, newest first (for the registerutdrag)."""
    query = _subject_query(subject_id, include_own=True).order_by(
        AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
    return list(get_session().scalars(query))


def describe(entries: list[AccessLogEntry], subject_id: int, self_label: str | None = None) -> list[LogRow]:
    """Rows in words. Labels are translated once per distinct value, not per row:
    a long log repeats the same few people and kinds of data many times."""
    names = _Names(entries)
    self_label = self_label or _("Du")
    words: dict[tuple, str] = {}

    def once(key: tuple, make) -> str:
        if key not in words:
            words[key] = make()
        return words[key]

    return [
        LogRow(
            at=entry.at,
            what=once(("what", entry.record_type),
                      lambda e=entry: str(RECORD_LABELS.get(e.record_type, OTHER_RECORD))),
            action=once(("action", entry.record_type == "acting_session", entry.action),
                        lambda e=entry: _action_words(e)),
            who=once(("who", entry.actor_kind, entry.actor_citizen_id, entry.actor_staff_id,
                      entry.actor_unit_id),
                     lambda e=entry: names.who(e, subject_id, self_label)),
            actor_kind=entry.actor_kind, record_type=entry.record_type, record_id=entry.record_id,
            action_code=entry.action,
        )
        for entry in entries
    ]


def _action_words(entry: AccessLogEntry) -> str:
    if entry.action == "read" and entry.reason_code == "list":
        return str(LISTED_LABEL)
    acting = ACTING_ACTION_LABELS if entry.record_type == "acting_session" else {}
    return str(acting.get(entry.action) or ACTION_LABELS.get(entry.action, entry.action))


class _Names:
    """The people and units a page of entries mentions, loaded once."""

    def __init__(self, entries: list[AccessLogEntry]):
        db = get_session()
        staff_ids = {e.actor_staff_id for e in entries if e.actor_staff_id}
        unit_ids = {e.actor_unit_id for e in entries if e.actor_unit_id}
        citizen_ids = {e.actor_citizen_id for e in entries if e.actor_citizen_id}
        self.staff = {s.id: s for s in db.scalars(select(StaffUser).where(StaffUser.id.in_(staff_ids)))}
        unit_ids |= {s.unit_id for s in self.staff.values()}
        self.units = {u.id: u for u in db.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
        self.citizens = {c.id: c for c in db.scalars(select(Citizen).where(Citizen.id.in_(citizen_ids)))}
        self.show_staff_names = bool(current_app.config.get("PORTAL_SHOW_STAFF_NAMES", False))

    def who(self, entry: AccessLogEntry, subject_id: int, self_label: str) -> str:
        if entry.actor_kind == "citizen" and entry.actor_citizen_id == subject_id:
            return self_label
        if entry.actor_kind == "proxy":
            person = self.citizens.get(entry.actor_citizen_id)
            return _("%(name)s (ombud)", name=person.name if person else _("Okänd person"))
        if entry.actor_kind == "staff":
            return self._staff(entry)
        if entry.actor_kind == "api":
            return _("Kommunens verksamhetssystem, %(unit)s", unit=self._unit_name(entry.actor_unit_id))
        if entry.actor_kind == "system":
            return _("Mitt stöd, automatiskt")
        return _("Okänd")

    def _staff(self, entry: AccessLogEntry) -> str:
        staff = self.staff.get(entry.actor_staff_id)
        role = str(ROLE_LABELS.get(staff.role, _("Personal"))) if staff else _("Personal")
        unit = self._unit_name(entry.actor_unit_id or (staff.unit_id if staff else None))
        if staff and self.show_staff_names:
            return _("%(name)s, %(role)s, %(unit)s", name=staff.name, role=role.lower(), unit=unit)
        return _("%(role)s, %(unit)s", role=role, unit=unit)

    def _unit_name(self, unit_id: int | None) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else _("okänd enhet")
