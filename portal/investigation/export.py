"""The application and its assessment as one JSON document.

The same function feeds the staff export and the API's "fetch one
application", and its output follows portal/api/schema/application.schema.json
(tests validate it). Keys are stable English names; levels are ICF qualifiers.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from importlib import resources

from portal.applications.models import Application
from portal.decisions.services import decisions_for
from portal.domain.life_areas import CATALOGUE_VERSION, get_life_area
from portal.investigation.services import case_areas
from portal.people.identity import decrypt_pnr
from portal.people.models import Citizen, Unit

SCHEMA_VERSION = "1.0"
NEED_FIELDS = {
    "today": "today_text",
    "resources": "resources_text",
    "difficulties": "difficulties_text",
    "wanted_help": "wanted_help_text",
    "what_matters": "what_matters_text",
}


@cache
def application_schema() -> dict:
    text = resources.files("portal.api").joinpath("schema/application.schema.json").read_text("utf-8")
    return json.loads(text)


def iso_time(value: datetime | None) -> str | None:
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def application_document(db, application: Application) -> dict:
    citizen = db.get(Citizen, application.citizen_id)
    unit = db.get(Unit, application.unit_id) if application.unit_id else None
    return {
        "schema_version": SCHEMA_VERSION,
        "catalogue_version": CATALOGUE_VERSION,
        "id": application.id,
        "reference": application.reference,
        "status": application.status,
        "unit": unit.code if unit else None,
        "submitted_at": iso_time(application.submitted_at),
        "received_at": iso_time(application.received_at),
        "decided_at": iso_time(application.decided_at),
        "filled_in_by": application.filled_in_by,
        "by_proxy": application.proxy_authority_id is not None,
        "person": {
            "personnummer": decrypt_pnr(citizen.pnr_encrypted),
            "given_name": citizen.given_name,
            "family_name": citizen.family_name,
            "birth_date": iso_day(citizen.birth_date),
            "protected_identity": bool(citizen.protected_identity),
        },
        "contact": {
            "phone": application.contact_phone,
            "email": application.contact_email,
            "interpreter_language": application.interpreter_language,
            "communication_support": application.communication_support or "",
        },
        "consents": [
            {"kind": c.kind, "name": c.name, "contact": c.contact, "given": c.given} for c in application.consents
        ],
        "life_areas": [_area(area) for area in case_areas(application)],
        "decisions": [decision_document(d) for d in decisions_for(application)],
    }


def _area(area) -> dict:
    catalogue = get_life_area(area.code)
    own, assessment = area.self_assessment, area.assessment
    return {
        "code": area.code,
        "icf_chapter": catalogue.icf_chapter,
        "name": catalogue.official_name_sv,
        "own_words": {key: getattr(area.need, attr) if area.need else "" for key, attr in NEED_FIELDS.items()},
        "self_assessment": None
        if own is None
        else {
            "icf_category": own.icf_category,
            "current_level": own.current_level,
            "wanted_level": own.wanted_level,
            "recorded_at": iso_time(own.recorded_at),
        },
        "goals": [
            {"id": g.id, "text": g.text, "wanted_level": g.wanted_level, "follow_up_on": iso_day(g.follow_up_on)}
            for g in area.goals
        ],
        "assessment": None
        if assessment is None
        else {
            "icf_category": assessment.icf_category,
            "assessed_level": assessment.assessed_level,
            "intended_level": assessment.intended_level,
            "support_kind": assessment.support_kind,
            "recorded_at": iso_time(assessment.recorded_at),
            "related_factors": [
                {"kind": f.kind, "effect": f.effect, "description": f.description} for f in assessment.related_factors
            ],
        },
        "levels_differ": area.levels_differ,
    }


def decision_document(decision) -> dict:
    return {
        "id": decision.id,
        "status": decision.status,
        "decided_on": iso_day(decision.decided_on),
        "published_at": iso_time(decision.published_at),
        "appeal_deadline": iso_day(decision.appeal_deadline),
        "plain_summary": decision.plain_summary,
        "items": [
            {
                "id": item.id,
                "service": item.service,
                "outcome": item.outcome,
                "legal_basis": item.legal_basis,
                "motivation": item.motivation,
                "support_kind": item.support_kind,
                "valid_from": iso_day(item.valid_from),
                "valid_to": iso_day(item.valid_to),
                "extent": item.extent,
                "life_areas": [
                    {
                        "life_area": a.life_area,
                        "assessed_level": a.assessed_level,
                        "intended_level": a.intended_level,
                        "goal_id": a.goal_id,
                    }
                    for a in item.life_areas
                ],
            }
            for item in decision.items
        ],
    }
