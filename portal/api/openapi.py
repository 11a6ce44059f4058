"""The OpenAPI 3.1 document served at /api/v1/openapi.json.

OpenAPI 3.1 schemas are JSON Schema 2020-12, so the shipped application
schema is embedded as it is (its $id keeps its own $defs references working).
"""

from __future__ import annotations

from copy import deepcopy

from portal.investigation.export import application_schema
from portal.validation import CODES

LEVEL = {"enum": [0, 1, 2, 3, 4, 8, 9, None]}
DAY = {"type": "string", "format": "date"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors() -> dict:
    return {
        "400": _json(_ref("Error"), "The body is not a JSON object."),
        "401": _json(_ref("Error"), "Missing, unknown or expired token (invalid_token)."),
        "403": _json(_ref("Error"), "The token lacks the scope (insufficient_scope)."),
        "404": _json(_ref("Error"), "Unknown id, or a case of another unit."),
        "422": _json(_ref("ValidationError"), "Some fields are not valid; see `errors`."),
    }


def _operation(summary: str, scope: str, ok: dict, body: str | None = None, params=None) -> dict:
    operation = {
        "summary": summary,
        "security": [{"clientCredentials": [scope]}],
        "responses": ok | _errors(),
        "parameters": params or [],
    }
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return operation


APPLICATION_ID = {"name": "application_id", "in": "path", "required": True, "schema": {"type": "integer"}}

DECISION_IN = {
    "type": "object",
    "required": ["items"],
    "properties": {
        "plain_summary": {"type": "string", "description": "Easy-Swedish summary; required when publish is true."},
        "decided_on": DAY,
        "publish": {
            "type": "boolean",
            "default": False,
            "description": "Publish now: the person sees it and is notified; "
            "the appeal deadline is set to three weeks later.",
        },
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["service", "outcome", "motivation", "life_areas"],
                "properties": {
                    "service": {
                        "type": "string",
                        "description": "Insats code, e.g. home_help, housing_support, contact_person.",
                    },
                    "outcome": {"enum": ["granted", "partly_granted", "refused"]},
                    "motivation": {"type": "string"},
                    "plain_reason": {"type": "string"},
                    "legal_basis": {"type": "string", "description": "Defaults to the insats's usual paragraph."},
                    "support_kind": {"enum": ["supportive", "compensatory"]},
                    "valid_from": DAY,
                    "valid_to": DAY,
                    "extent": {"type": "string"},
                    "life_areas": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["life_area"],
                            "properties": {
                                "life_area": {"type": "string"},
                                "assessed_level": LEVEL,
                                "intended_level": LEVEL,
                                "goal_id": {"type": "integer"},
                            },
                        },
                    },
                },
            },
        },
    },
}
PLAN_IN = {
    "type": "object",
    "required": ["decision_id", "participation_text", "sub_goals"],
    "properties": {
        "decision_id": {"type": "integer"},
        "participation_text": {"type": "string"},
        "wishes_text": {"type": "string"},
        "next_review_on": DAY,
        "publish": {"type": "boolean", "default": False},
        "sub_goals": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["life_area", "text", "activities"],
                "properties": {
                    "life_area": {"type": "string"},
                    "goal_id": {"type": "integer"},
                    "text": {"type": "string"},
                    "activities": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["what", "when_text", "who"],
                            "properties": {
                                "what": {"type": "string"},
                                "when_text": {"type": "string"},
                                "who": {"type": "string"},
                                "own_part": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}
FOLLOW_UP_IN = {
    "type": "object",
    "required": ["due_on"],
    "properties": {
        "due_on": DAY,
        "decision_id": {"type": "integer"},
        "goal_ids": {"type": "array", "items": {"type": "integer"}},
        "questionnaires": {"type": "array", "items": {"enum": ["quality", "life"]}},
    },
    "description": "At least one goal or one questionnaire.",
}


def openapi_document(server_url: str) -> dict:
    application = deepcopy(application_schema())
    application.pop("$schema", None)
    created = {"type": "object", "description": "The created record."}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mitt stöd integration API",
            "version": "1.0.0",
            "description": "For case-management systems: new applications, beslut, "
            "genomförandeplaner and uppföljning. A client belongs to one unit "
            "and sees only that unit's cases. Every call is written to the "
            "access log with the client's id.",
        },
        "servers": [{"url": f"{server_url}/api/v1"}],
        "paths": {
            "/applications": {
                "get": _operation(
                    "New applications since a time (oldest first, at most 100)",
                    "applications:read",
                    {"200": _json({"type": "object"}, "The applications.")},
                    params=[{"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}}],
                )
            },
            "/applications/{application_id}": {
                "get": _operation(
                    "One application with the assessment (same document as the staff JSON export)",
                    "applications:read",
                    {"200": _json(_ref("Application"), "The application.")},
                    params=[APPLICATION_ID],
                )
            },
            "/applications/{application_id}/decisions": {
                "post": _operation(
                    "Record a beslut",
                    "decisions:write",
                    {"201": _json(created, "Recorded.")},
                    "DecisionInput",
                    [APPLICATION_ID],
                )
            },
            "/applications/{application_id}/plans": {
                "post": _operation(
                    "Record a genomförandeplan",
                    "plans:write",
                    {"201": _json(created, "Recorded.")},
                    "PlanInput",
                    [APPLICATION_ID],
                )
            },
            "/applications/{application_id}/follow-ups": {
                "post": _operation(
                    "Request a follow-up",
                    "followups:write",
                    {"201": _json(created, "Scheduled.")},
                    "FollowUpInput",
                    [APPLICATION_ID],
                ),
                "get": _operation(
                    "Follow-ups and their results",
                    "followups:read",
                    {"200": _json({"type": "object"}, "The follow-ups.")},
                    params=[APPLICATION_ID],
                ),
            },
        },
        "components": {
            "securitySchemes": {
                "clientCredentials": {
                    "type": "oauth2",
                    "description": "client_secret_basic; tokens live 10 minutes.",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": f"{server_url}/api/v1/token",
                            "scopes": {
                                "applications:read": "List and read applications of the unit.",
                                "decisions:write": "Record beslut.",
                                "plans:write": "Record genomförandeplaner.",
                                "followups:read": "Read follow-ups and their results.",
                                "followups:write": "Request follow-ups.",
                            },
                        }
                    },
                }
            },
            "schemas": {
                "Application": application,
                "DecisionInput": DECISION_IN,
                "PlanInput": PLAN_IN,
                "FollowUpInput": FOLLOW_UP_IN,
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
                },
                "ValidationError": {
                    "type": "object",
                    "required": ["error", "errors"],
                    "properties": {
                        "error": {"const": "validation_failed"},
                        "errors": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["field", "code"],
                                "properties": {
                                    "field": {"type": "string", "description": "Path, e.g. items[0].outcome"},
                                    "code": {"enum": sorted(CODES)},
                                    "message": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    }
