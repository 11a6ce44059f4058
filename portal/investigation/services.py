"""Operations of the utredning: the officer's assessment per livsområde, and internal notes.

Services take the acting context, change data, write the access log and
flush; the request commits once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from portal.applications.models import Application, Goal, NeedDescription, SelfAssessment
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.life_areas import LIFE_AREAS, get_category
from portal.domain.vocabulary import AccessAction, SupportKind
from portal.history.services import record_event
from portal.investigation.models import Assessment, InternalNote, RelatedFactor
from portal.modelbase import utcnow
from portal.people.models import StaffUser
from portal.validation import Checker

FACTOR_KINDS = ("body_function", "health", "environment", "personal", "aid")
FACTOR_EFFECTS = ("facilitating", "hindering")
_CATEGORY_ORDER = {c.code: i for i, c in enumerate(c for area in LIFE_AREAS for c in area.categories)}


@dataclass
class AreaView:
    """One livsområde of a case: the person's words and levels next to the officer's."""

    code: str
    need: NeedDescription | None
    self_assessment: SelfAssessment | None
    goals: list[Goal] = field(default_factory=list)
    assessment: Assessment | None = None
    # The optional "Vill du svara mer noga?" answers per ICF category; never the area's level.
    detailed: list[SelfAssessment] = field(default_factory=list)

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

    @property
    def detailed_answers(self) -> list[tuple[str, int | None]]:
        """(ICF category name, level now) for each detailed answer."""
        return [(category_name(row.icf_category), row.current_level) for row in self.detailed]


def latest_levels(application: Application) -> tuple[dict[str, SelfAssessment], dict[str, Assessment]]:
    """The person's and the handläggare's latest levels per livsområde for this application.

    The area's level is always the row without an ICF category: the detailed
    answers share the area code and (after sending) the same recorded_at.
    """
    db = get_session()
    own = {
        s.life_area: s
        for s in db.scalars(
            select(SelfAssessment)
            .where(SelfAssessment.application_id == application.id, SelfAssessment.icf_category.is_(None))
            .order_by(SelfAssessment.recorded_at, SelfAssessment.id)
        )
    }
    assessed = {
        a.life_area: a
        for a in db.scalars(
            select(Assessment)
            .where(Assessment.application_id == application.id, Assessment.icf_category.is_(None))
            .order_by(Assessment.recorded_at, Assessment.id)
        )
    }
    return own, assessed


def detailed_self_assessments(application: Application) -> dict[str, list[SelfAssessment]]:
    """The person's answers per ICF category, by livsområde, in catalogue order."""
    query = select(SelfAssessment).where(
        SelfAssessment.application_id == application.id, SelfAssessment.icf_category.is_not(None)
    )
    rows = sorted(get_session().scalars(query), key=lambda r: _CATEGORY_ORDER.get(r.icf_category, len(_CATEGORY_ORDER)))
    detailed: dict[str, list[SelfAssessment]] = {}
    for row in rows:
        detailed.setdefault(row.life_area, []).append(row)
    return detailed


def category_name(category_code: str) -> str:
    """The official ICF name staff read for a category code (the code itself if unknown)."""
    try:
        return get_category(category_code)[1].name_sv
    except KeyError:
        return category_code


def case_areas(application: Application) -> list[AreaView]:
    own, assessed = latest_levels(application)
    detailed = detailed_self_assessments(application)
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
            detailed.get(code, []),
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


