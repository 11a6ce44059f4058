"""“Mitt behov har ändrats”: the person (or an ombud who may apply) tells the handläggare
that their needs changed in one or more livsområden, and the handläggare handles it.

A need change goes to the person's latest sent ansökan: its unit and its case,
like a message. Each function takes the acting context, changes data, writes the
access log and flushes; the request commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from portal.access.gate import Permission, own_records
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.life_areas import LIFE_AREA_CODES, is_life_area_code
from portal.domain.vocabulary import AccessAction
from portal.followups.models import NeedChange, NeedChangeArea
from portal.history.services import record_event
from portal.messages.services import case_of
from portal.modelbase import utcnow
from portal.validation import InvalidInput, checked_text
from portal.web.citizen_views import may

TEXT_MAX_CHARS = 2000
LEVEL_VALUES = {"0": 0, "1": 1, "2": 2, "3": 3, "4": 4}
DONT_KNOW = "none"
_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class AreaChange:
    """What the person wrote for one livsområde, as sent (the level still as the form's value)."""

    life_area: str
    text: str | None
    level: str | None  # "0".."4", "none" (vet inte) or nothing


def may_report(actor) -> bool:
    """Whether the start page should offer “Mitt behov har ändrats” to this actor."""
    return actor.is_citizen_side and may(actor, Permission.REPORT_NEED_CHANGE) \
        and case_of(actor.subject_citizen_id) is not None


def need_change_reference(token: str) -> str:
    """The receipt number follows from the form's one-time token, so a double click finds one report."""
    return f"ÄB-{token[:12].upper()}"


def find_need_change(citizen_id: int, token: str | None) -> NeedChange | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    query = select(NeedChange).where(NeedChange.reference == need_change_reference(token),
                                     NeedChange.citizen_id == citizen_id)
    return get_session().scalars(query).first()


def chosen_areas(codes) -> list[str]:
    """Known life-area codes in catalogue order, each once."""
    wanted = {code for code in codes if is_life_area_code(code)}
    return [code for code in LIFE_AREA_CODES if code in wanted]


def _checked(changes: list[AreaChange], token: str | None) -> tuple[list[tuple[str, str, int | None]], dict]:
    errors: dict[str, str] = {}
    rows = []
    for change in changes:
        text = checked_text(f"text_{change.life_area}", change.text, TEXT_MAX_CHARS, errors)
        level = change.level or DONT_KNOW
        if level != DONT_KNOW and level not in LEVEL_VALUES:
            errors[f"level_{change.life_area}"] = "invalid_choice"
        rows.append((change.life_area, text, LEVEL_VALUES.get(level)))
    if not changes or any(not is_life_area_code(change.life_area) for change in changes):
        errors["life_areas"] = "empty"
    if not _TOKEN.fullmatch(token or ""):
        errors["token"] = "invalid"  # noqa: S105 - an error code, not a secret
    return rows, errors


def report_need_change(actor, changes: list[AreaChange], token: str | None) -> NeedChange:
    """Send the change to the person's case. The same token twice gives the same report."""
    rows, errors = _checked(changes, token)
    citizen_id = actor.subject_citizen_id
    application = case_of(citizen_id)
    if application is None:
        errors.setdefault("life_areas", "no_case")
    if errors:
        raise InvalidInput(errors)
    existing = find_need_change(citizen_id, token)
    if existing is not None:
        return existing
    need_change = NeedChange(citizen_id=citizen_id, application_id=application.id, unit_id=application.unit_id,
                             proxy_authority_id=actor.proxy_authority_id, reference=need_change_reference(token))
    need_change.areas = [NeedChangeArea(life_area=code, text=text, current_level=level) for code, text, level in rows]
    db = get_session()
    db.add(need_change)
    db.flush()
    log_access(actor, AccessAction.CREATE, "need_change", need_change.id, citizen_id)
    record_event(actor, application, "need_change_reported", need_change)
    return need_change


def own_need_change(actor, need_change_id: int) -> NeedChange | None:
    """One of the acting person's own reports (None if it is someone else's), with the read logged."""
    query = own_records(NeedChange, actor).where(NeedChange.id == need_change_id)
    need_change = get_session().scalars(query).first()
    if need_change is not None:
        log_access(actor, AccessAction.READ, "need_change", need_change.id, need_change.citizen_id)
    return need_change


def need_changes_for(application: Application) -> list[NeedChange]:
    query = (select(NeedChange).where(NeedChange.application_id == application.id)
             .order_by(NeedChange.created_at.desc(), NeedChange.id.desc()))
    return list(get_session().scalars(query))


def handle_need_change(actor, application: Application, need_change: NeedChange) -> bool:
    """The handläggare has dealt with it. True if this call marked it; a second click changes nothing."""
    if need_change.handled_at is not None:
        return False
    need_change.handled_at, need_change.handled_by_id = utcnow(), actor.staff_id
    log_access(actor, AccessAction.UPDATE, "need_change", need_change.id, need_change.citizen_id)
    record_event(actor, application, "need_change_handled", need_change)
    get_session().flush()
    return True
