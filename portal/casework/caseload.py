"""The handläggare's caseload: every case of the unit, its stage, and what needs action.

The shell only composes: each process step's `caseload` module answers for the whole
unit in a fixed number of queries, and this module merges their facts and items,
filters, sorts and cuts one page. So a page costs the same number of queries whether
the unit has ten cases or ten thousand (the number of rows read grows, not the round
trips).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.access.gate import unit_records
from portal.applications.models import Application, NeedDescription
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions import caseload as decisions
from portal.domain.caseflow import ActionItem, ActionKind, CaseFacts, CaseStage, case_stage
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.vocabulary import AccessAction
from portal.followups import caseload as followups
from portal.messages import caseload as messages
from portal.people.identity import pnr_lookup_hash
from portal.people.models import Citizen, StaffUser
from portal.plans import caseload as plans

PAGE_SIZE = 25
LIST_READ = "list"  # the access log's reason code for a person shown in a list
VIEWS = ("atgard", "mina", "alla")  # behöver åtgärd, mina ärenden, enhetens ärenden
SORTS = {
    "newest": (Application.submitted_at.desc(),),
    "oldest": (Application.submitted_at.asc(),),
    "name": (Citizen.family_name.asc(), Citizen.given_name.asc()),
}
_STEPS = (decisions, plans, followups, messages)


@dataclass(frozen=True)
class CaseloadQuery:
    view: str = "atgard"
    stage: CaseStage | None = None
    life_area: str | None = None
    action: ActionKind | None = None
    sort: str = "newest"
    search: str = ""
    page: int = 1


@dataclass
class CaseRow:
    application: Application
    citizen_name: str
    stage: CaseStage
    officer_name: str | None
    actions: list[ActionItem] = field(default_factory=list)
    protected_identity: bool = False  # skyddad identitet: marked on the row


@dataclass
class CaseloadPage:
    rows: list[CaseRow]
    page: int
    pages: int
    total: int


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def needs_action(unit_id: int, today: date) -> list[ActionItem]:
    """Everything in the unit's cases that waits for a handläggare, the oldest first.

    A new case (status submitted, not yet taken up) comes from the shell; every other
    kind from its process step (see each step's `caseload.needs_action`).
    """
    query = select(Application.id, Application.citizen_id, Application.submitted_at).where(
        Application.unit_id == unit_id, Application.status == "submitted"
    )
    items = [ActionItem(ActionKind.NEW_CASE, row.id, row.citizen_id, row.submitted_at or today, "application", row.id)
             for row in get_session().execute(query)]
    for step in _STEPS:
        items += step.needs_action(unit_id, today)
    return sorted(items, key=lambda item: (_day(item.since), item.application_id))


def action_counts(unit_id: int, today: date) -> dict[ActionKind, int]:
    """How many items of each kind wait in the unit (the staff start page)."""
    counts: dict[ActionKind, int] = defaultdict(int)
    for item in needs_action(unit_id, today):
        counts[item.kind] += 1
    return dict(counts)


def stages(unit_id: int, statuses: dict[int, str], today: date) -> dict[int, CaseStage]:
    """{case id: stage} for the given cases, from the facts every step offers."""
    decided, appealed = decisions.decided_cases(unit_id), decisions.appealed_cases(unit_id)
    communicating, delivering = decisions.communicating_cases(unit_id), plans.delivering_cases(unit_id)
    due = followups.follow_up_due_dates(unit_id)
    return {
        case_id: case_stage(
            CaseFacts(status, communication_pending=case_id in communicating, decided=case_id in decided,
                      plan_published=case_id in delivering, appeal_open=case_id in appealed,
                      follow_up_due_on=due.get(case_id)),
            today,
        )
        for case_id, status in statuses.items()
    }


def _search(query, text: str):
    """By personnummer (exact, through the keyed hash) or by a part of the name."""
    if not text:
        return query
    try:
        pnr = parse_personnummer(text)
    except InvalidPersonnummer:
        # As typed: SQLite folds only ASCII letters, so lowering "Åsa" here would miss "Åsa" there.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        full_name = Citizen.given_name + " " + Citizen.family_name
        names = (Citizen.given_name, Citizen.family_name, full_name)
        return query.where(or_(*(name.ilike(pattern, escape="\\") for name in names)))
    return query.where(Citizen.pnr_hash == pnr_lookup_hash(pnr.canonical))


def _candidates(actor, wanted: CaseloadQuery) -> list[tuple[int, str]]:
    """(id, status) of the unit's cases that match the view, area and search, in order."""
    query = (
        unit_records(Application, actor)
        .with_only_columns(Application.id, Application.status)
        .join(Citizen, Application.citizen_id == Citizen.id)
    )
    if wanted.view == "mina":
        query = query.where(Application.assigned_officer_id == actor.staff_id)
    if wanted.life_area:
        query = query.where(Application.needs.any(NeedDescription.life_area == wanted.life_area))
    query = _search(query, wanted.search.strip())
    query = query.order_by(*SORTS.get(wanted.sort, SORTS["newest"]), Application.id.desc())
    return [(row.id, row.status) for row in get_session().execute(query)]


def caseload(actor, wanted: CaseloadQuery, today: date) -> CaseloadPage:
    """One page of the unit's caseload; every case shown is written to the access log."""
    candidates = _candidates(actor, wanted)
    stage_of = stages(actor.unit_id, dict(candidates), today)
    actions: dict[int, list[ActionItem]] = defaultdict(list)
    for item in needs_action(actor.unit_id, today):
        actions[item.application_id].append(item)
    chosen = [
        case_id for case_id, _status in candidates
        if (wanted.view != "atgard" or actions.get(case_id))
        and (wanted.stage is None or stage_of[case_id] == wanted.stage)
        and (wanted.action is None or any(item.kind == wanted.action for item in actions.get(case_id, ())))
    ]
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    page = min(max(wanted.page, 1), pages)
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = _rows(actor, shown, stage_of, actions)
    for row in rows:
        # "list": the person was shown in a list, which the log keeps apart from opening the case.
        log_access(actor, AccessAction.READ, "application", row.application.id, row.application.citizen_id,
                   reason_code=LIST_READ)
    get_session().flush()
    return CaseloadPage(rows, page, pages, len(chosen))


def _rows(actor, case_ids: list[int], stage_of, actions) -> list[CaseRow]:
    if not case_ids:
        return []
    db = get_session()
    query = select(Application).where(Application.id.in_(case_ids)).options(selectinload(Application.needs))
    by_id = {application.id: application for application in db.scalars(query)}
    people = {c.id: c for c in db.scalars(select(Citizen).where(
        Citizen.id.in_({a.citizen_id for a in by_id.values()})))}
    staff = {s.id: s.name for s in db.scalars(select(StaffUser).where(StaffUser.unit_id == actor.unit_id))}
    rows = []
    for case_id in case_ids:
        application = by_id[case_id]
        person = people.get(application.citizen_id)
        rows.append(CaseRow(application, person.name if person else "", stage_of[case_id],
                            staff.get(application.assigned_officer_id), actions.get(case_id, []),
                            protected_identity=bool(person and person.protected_identity)))
    return rows
