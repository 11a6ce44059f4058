"""Operations on a case: inbox, assigning, receiving, assessing, notes.

Services take the acting context, change data, write the access log and
flush; the request commits once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.access.gate import unit_records
from portal.applications.models import (
    Application,
    Assessment,
    Goal,
    NeedDescription,
    RelatedFactor,
    SelfAssessment,
)
from portal.audit.services import log_access
from portal.casework.history import record_event
from portal.casework.models import InternalNote
from portal.casework.validation import Checker, ValidationFailed
from portal.db import get_session
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, StaffRole, SupportKind
from portal.modelbase import utcnow
from portal.people.identity import pnr_lookup_hash
from portal.people.models import Citizen, StaffUser

INBOX_VIEWS = ("new", "mine", "open")
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED.value,
    ApplicationStatus.RECEIVED.value,
    ApplicationStatus.INVESTIGATING.value,
)
SORTS = {
    "newest": (Application.submitted_at.desc(),),
    "oldest": (Application.submitted_at.asc(),),
    "name": (Citizen.family_name.asc(), Citizen.given_name.asc()),
}
FACTOR_KINDS = ("body_function", "health", "environment", "personal", "aid")
FACTOR_EFFECTS = ("facilitating", "hindering")


def inbox(
    actor, view: str = "new", sort: str = "newest", life_area: str | None = None, search: str = ""
) -> list[Application]:
    """The unit's submitted cases for one inbox view; drafts never appear."""
    query = unit_records(Application, actor).join(Citizen, Application.citizen_id == Citizen.id)
    if view == "new":
        query = query.where(Application.status == ApplicationStatus.SUBMITTED.value)
    else:
        query = query.where(Application.status.in_(OPEN_STATUSES))
    if view == "mine":
        query = query.where(Application.assigned_officer_id == actor.staff_id)
    if life_area:
        query = query.where(Application.needs.any(NeedDescription.life_area == life_area))
    query = _search(query, search.strip())
    query = query.order_by(*SORTS.get(sort, SORTS["newest"]), Application.id)
    query = query.options(selectinload(Application.needs))  # the list shows each case's areas
    return list(get_session().scalars(query).unique())


def _search(query, text: str):
    """Search by personnummer (exact, through the keyed hash) or by name."""
    if not text:
        return query
    try:
        pnr = parse_personnummer(text)
    except InvalidPersonnummer:
        pattern = f"%{text.lower()}%"
        full_name = Citizen.given_name + " " + Citizen.family_name
        return query.where(or_(*(c.ilike(pattern) for c in (Citizen.given_name, Citizen.family_name, full_name))))
    return query.where(Citizen.pnr_hash == pnr_lookup_hash(pnr.canonical))


def colleagues(actor) -> list[StaffUser]:
    """Case officers of the actor's unit, who can be given a case."""
    query = (
        select(StaffUser)
        .where(
            StaffUser.unit_id == actor.unit_id,
            StaffUser.active.is_(True),
            StaffUser.role.in_((StaffRole.CASE_OFFICER.value, StaffRole.ADMIN.value)),
        )
        .order_by(StaffUser.family_name, StaffUser.given_name)
    )
    return list(get_session().scalars(query))


def assign(actor, application: Application, officer_id) -> None:
    """Give the case to a case officer of the same unit."""
    officer_ids = {officer.id for officer in colleagues(actor)}
    try:
        officer_id = int(officer_id)
    except (TypeError, ValueError):
        raise ValidationFailed({"officer": "required"}) from None
    if officer_id not in officer_ids:
        raise ValidationFailed({"officer": "invalid_choice"})
    application.assigned_officer_id = officer_id
    log_access(actor, AccessAction.UPDATE, "application", application.id, application.citizen_id)
    record_event(actor, application, "assigned")
    get_session().flush()


def mark_received(actor, application: Application) -> None:
    """Aktualisera: the citizen sees the status change to "received"."""
    current = ApplicationStatus(application.status)
    if current != ApplicationStatus.SUBMITTED:
        return
    application.status = transition(current, ApplicationStatus.RECEIVED).value
    application.received_at = utcnow()
    log_access(actor, AccessAction.UPDATE, "application", application.id, application.citizen_id)
    record_event(actor, application, "received")
    get_session().flush()


@dataclass
class AreaView:
    """One livsområde of a case: the person's words and levels next to the officer's."""

    code: str
    need: NeedDescription | None
    self_assessment: SelfAssessment | None
    goals: list[Goal] = field(default_factory=list)
    assessment: Assessment | None = None

    @property
    def levels_differ(self) -> bool:
        """IBIC: a difference between the person's and the officer's view must show."""
        own = self.self_assessment.current_level if self.self_assessment else None
        assessed = self.assessment.assessed_level if self.assessment else None
        return own is not None and assessed is not None and own != assessed

    @property
    def goals_differ(self) -> bool:
        wanted = self.self_assessment.wanted_level if self.self_assessment else None
        intended = self.assessment.intended_level if self.assessment else None
        return wanted is not None and intended is not None and wanted != intended


def latest_levels(application: Application) -> tuple[dict[str, SelfAssessment], dict[str, Assessment]]:
    """The person's and the handläggare's latest levels per livsområde for this application."""
    db = get_session()
    own = {
        s.life_area: s
        for s in db.scalars(
            select(SelfAssessment)
            .where(SelfAssessment.application_id == application.id)
            .order_by(SelfAssessment.recorded_at)
        )
    }
    assessed = {
        a.life_area: a
        for a in db.scalars(
            select(Assessment).where(Assessment.application_id == application.id).order_by(Assessment.recorded_at)
        )
    }
    return own, assessed


def case_areas(application: Application) -> list[AreaView]:
    own, assessed = latest_levels(application)
    codes = [need.life_area for need in application.needs]
    codes += [code for code in [*own, *(g.life_area for g in application.goals)] if code not in codes]
    needs = {need.life_area: need for need in application.needs}
    return [
        AreaView(
            code,
            needs.get(code),
            own.get(code),
            [g for g in application.goals if g.life_area == code],
            assessed.get(code),
        )
        for code in codes
    ]


def save_assessment(actor, application: Application, life_area: str, data: dict) -> Assessment:
    """The officer's bedömt and avsett funktionstillstånd for one livsområde."""
    check = Checker(data)
    assessed_level = check.level("assessed_level", required=True)
    intended_level = check.level("intended_level", required=True)
    support_kind = check.choice("support_kind", {k.value for k in SupportKind}, required=False)
    factors = _factors(data, check)
    check.done()
    db = get_session()
    assessment = db.scalars(
        select(Assessment).where(Assessment.application_id == application.id, Assessment.life_area == life_area)
    ).first()
    if assessment is None:
        assessment = Assessment(
            application_id=application.id,
            citizen_id=application.citizen_id,
            life_area=life_area,
            officer_id=actor.staff_id,
        )
        db.add(assessment)
    assessment.officer_id = actor.staff_id or assessment.officer_id
    assessment.assessed_level, assessment.intended_level = assessed_level, intended_level
    assessment.support_kind, assessment.recorded_at = support_kind, utcnow()
    assessment.related_factors = factors
    db.flush()
    log_access(actor, AccessAction.UPDATE, "assessment", assessment.id, application.citizen_id)
    record_event(actor, application, "assessment_saved", assessment)
    return assessment


def _factors(data: dict, check: Checker) -> list[RelatedFactor]:
    """Related factors come as factor_kind / factor_effect / factor_text lists (one per row)."""
    kinds, effects, texts = (data.get(k) or [] for k in ("factor_kind", "factor_effect", "factor_text"))
    factors = []
    for index, (kind, effect, text) in enumerate(zip(kinds, effects, texts, strict=False)):
        row = Checker({"kind": kind, "effect": effect, "text": text}, prefix=f"factor_{index}_")
        if not (text or "").strip():
            continue
        kind = row.choice("kind", FACTOR_KINDS)
        effect = row.choice("effect", FACTOR_EFFECTS)
        description = row.text("text", max_len=1000)
        check.merge(row)
        factors.append(RelatedFactor(kind=kind or "", effect=effect or "", description=description))
    return factors


def add_note(actor, application: Application, body: str) -> InternalNote:
    check = Checker({"body": body})
    text = check.text("body", max_len=5000)
    check.done()
    note = InternalNote(
        application_id=application.id, citizen_id=application.citizen_id, author_id=actor.staff_id, body=text
    )
    db = get_session()
    db.add(note)
    db.flush()
    log_access(actor, AccessAction.CREATE, "internal_note", note.id, application.citizen_id)
    record_event(actor, application, "note_added", note)
    return note


def notes(application: Application) -> list[tuple[InternalNote, str]]:
    db = get_session()
    query = (
        select(InternalNote, StaffUser)
        .join(StaffUser, InternalNote.author_id == StaffUser.id)
        .where(InternalNote.application_id == application.id)
        .order_by(InternalNote.created_at.desc())
    )
    return [(note, author.name) for note, author in db.execute(query)]


def citizen_of(application: Application) -> Citizen:
    return get_session().get(Citizen, application.citizen_id)
