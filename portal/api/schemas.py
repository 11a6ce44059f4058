"""JSON Schemas of what the API accepts: the document publishes them, and the API checks bodies with them.

One source for both, so the document never says less than the server
enforces. The services check again (they also serve the staff forms, which
send strings); rules that need the database or today's date (a goal of this
application, a date not in the past, end after start) are only in the
services and are described in the schemas' descriptions.
"""

from __future__ import annotations

from portal.domain.life_areas import LIFE_AREA_CODES
from portal.domain.services import SERVICE_TYPES
from portal.domain.vocabulary import DecisionOutcome, SupportKind
from portal.followups.questionnaires import QUESTIONNAIRES
from portal.validation import LEVELS, MAX_TEXT

# The largest id a record can have: ids are `integer` columns, 32-bit in PostgreSQL
# (SQLite would take 64 bits; the API promises the same on both).
MAX_ID = 2**31 - 1

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
OPTIONAL_ID = {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID}
LEVEL = {
    "enum": [*sorted(LEVELS), None],
    "description": "ICF qualifier: 0-4, 8 (not specified), 9 (not applicable); null when not graded.",
}
DAY = {
    "type": "string",
    "format": "date",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "A calendar date, YYYY-MM-DD (RFC 3339 full-date).",
    "examples": ["2030-06-01"],
}
LIFE_AREA = {"enum": list(LIFE_AREA_CODES), "description": "Livsområde code (ICF chapter d1-d9, or an IBIC area)."}
SERVICE = {"enum": sorted(service.code for service in SERVICE_TYPES), "description": "Insats code."}


def text(max_length: int = MAX_TEXT, *, required: bool = True, description: str | None = None) -> dict:
    """A string of at most `max_length` characters; a required one has a non-space character."""
    schema: dict = {"type": "string", "maxLength": max_length}
    if required:
        schema |= {"minLength": 1, "pattern": r"\S"}
    if description:
        schema["description"] = description
    return schema


DECISION_LIFE_AREA = {
    "type": "object",
    "required": ["life_area"],
    "properties": {
        "life_area": LIFE_AREA,
        "assessed_level": LEVEL,
        "intended_level": LEVEL,
        "goal_id": OPTIONAL_ID | {"description": "A goal of this application (else 422 unknown_goal)."},
    },
}
DECISION_ITEM = {
    "type": "object",
    "required": ["service", "outcome", "motivation", "life_areas"],
    "description": "One insats. valid_to must not be before valid_from (else 422 date_order).",
    "properties": {
        "service": SERVICE,
        "outcome": {"enum": [outcome.value for outcome in DecisionOutcome]},
        "motivation": text(),
        "plain_reason": text(required=False),
        "legal_basis": text(100, required=False, description="Defaults to the insats's usual paragraph."),
        "support_kind": {"enum": [kind.value for kind in SupportKind]},
        "valid_from": DAY,
        "valid_to": DAY,
        "extent": text(200, required=False),
        "life_areas": {"type": "array", "minItems": 1, "items": DECISION_LIFE_AREA},
    },
}
DECISION_IN = {
    "type": "object",
    "required": ["items"],
    "properties": {
        "plain_summary": text(required=False, description="Easy-Swedish summary; required when publish is true."),
        "decided_on": DAY,
        "publish": {
            "type": "boolean",
            "default": False,
            "description": "Publish now: the person sees it and is notified; the appeal deadline is "
            "set to three weeks later. A withdrawn or closed application cannot get a beslut (409).",
        },
        "items": {"type": "array", "minItems": 1, "items": DECISION_ITEM},
    },
    "if": {"required": ["publish"], "properties": {"publish": {"const": True}}},
    "then": {"required": ["plain_summary"], "properties": {"plain_summary": text()}},
    "examples": [
        {
            "plain_summary": "Du får hjälp att duscha två gånger i veckan.",
            "publish": True,
            "items": [
                {
                    "service": "home_help",
                    "outcome": "granted",
                    "motivation": "Behov vid personlig vård.",
                    "support_kind": "supportive",
                    "valid_from": "2026-01-01",
                    "valid_to": "2026-12-31",
                    "life_areas": [{"life_area": "d5", "assessed_level": 3, "intended_level": 1}],
                }
            ],
        }
    ],
}
ACTIVITY = {
    "type": "object",
    "required": ["what", "when_text", "who"],
    "properties": {
        "what": text(2000),
        "when_text": text(200),
        "who": text(200),
        "own_part": text(required=False),
    },
}
SUB_GOAL = {
    "type": "object",
    "required": ["life_area", "text", "activities"],
    "properties": {
        "life_area": LIFE_AREA,
        "goal_id": OPTIONAL_ID | {"description": "A goal of this application (else 422 unknown_goal)."},
        "text": text(2000),
        "activities": {"type": "array", "minItems": 1, "items": ACTIVITY},
    },
}
PLAN_IN = {
    "type": "object",
    "required": ["decision_id", "participation_text", "sub_goals"],
    "properties": {
        "decision_id": ID | {"description": "A beslut of this application (else 422 unknown_decision)."},
        "participation_text": text(),
        "wishes_text": text(required=False),
        "next_review_on": DAY,
        "publish": {"type": "boolean", "default": False},
        "sub_goals": {"type": "array", "minItems": 1, "items": SUB_GOAL},
    },
    "examples": [
        {
            "decision_id": 1,
            "participation_text": "Bertil var med och bestämde tiderna.",
            "next_review_on": "2026-06-01",
            "publish": True,
            "sub_goals": [
                {
                    "life_area": "d5",
                    "text": "Duscha tryggt.",
                    "activities": [{"what": "Hjälp in i duschen", "when_text": "Tis, fre 9", "who": "Hemtjänsten"}],
                }
            ],
        }
    ],
}
FOLLOW_UP_IN = {
    "type": "object",
    "required": ["due_on"],
    "description": "At least one goal or one questionnaire.",
    "properties": {
        "due_on": DAY | {"description": "Today or later (else 422 in_past)."},
        "decision_id": OPTIONAL_ID | {"description": "A beslut of this application (else 422 unknown_decision)."},
        "goal_ids": {
            "type": "array",
            "items": ID,
            "description": "Goals of this application (else 422 unknown_goal).",
        },
        "questionnaires": {"type": "array", "items": {"enum": list(QUESTIONNAIRES)}},
    },
    "anyOf": [
        {"required": ["goal_ids"], "properties": {"goal_ids": {"minItems": 1}}},
        {"required": ["questionnaires"], "properties": {"questionnaires": {"minItems": 1}}},
    ],
    "examples": [{"due_on": "2030-01-15", "questionnaires": ["quality", "life"]}],
}

# An utförare's system records the plan of one uppdrag: no decision_id, and every delmål has a date.
ASSIGNMENT_PLAN_IN = {
    "type": "object",
    "required": ["participation_text", "sub_goals"],
    "properties": {
        "participation_text": text(description="How the person took part and which wishes were taken into account."),
        "wishes_text": text(required=False),
        "others_text": text(1000, required=False),
        "next_review_on": DAY,
        "publish": {"type": "boolean", "default": False, "description": "Share the plan with the person."},
        "sub_goals": {"type": "array", "minItems": 1, "items": SUB_GOAL | {
            "required": ["life_area", "text", "due_on", "activities"],
            "properties": SUB_GOAL["properties"] | {"due_on": DAY}}},
    },
    "examples": [
        {
            "participation_text": "Anna och Karin skrev planen hemma hos Anna.",
            "publish": True,
            "sub_goals": [
                {
                    "life_area": "d5",
                    "text": "Duscha tryggt två gånger i veckan.",
                    "due_on": "2030-06-01",
                    "activities": [{"what": "Hjälp in i duschen", "when_text": "Tis, fre 9", "who": "Hemtjänsten"}],
                }
            ],
        }
    ],
}

INPUTS = {"DecisionInput": DECISION_IN, "PlanInput": PLAN_IN, "FollowUpInput": FOLLOW_UP_IN,
          "AssignmentPlanInput": ASSIGNMENT_PLAN_IN}
