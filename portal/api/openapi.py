"""The OpenAPI 3.1 document served at /api/v1/openapi.json.

OpenAPI 3.1 schemas are JSON Schema 2020-12. The shipped application schema
is embedded with its $defs moved to components (ApplicationTimestamp, …):
validators resolve "#/$defs/…" against the whole document, not the schema's
own $id. What the API accepts comes from portal.api.schemas, the same schemas
the API checks bodies with. Links let a client (or Schemathesis) follow an
application from the list to its beslut, plans and follow-ups.
"""

from __future__ import annotations

from copy import deepcopy

from portal.api.auth import SCOPES, TOKEN_LIFETIME
from portal.api.schemas import DAY, ID, INPUTS, LEVEL, LIFE_AREA, MAX_ID
from portal.investigation.export import application_schema
from portal.validation import CODES

NULLABLE_DAY = {"type": ["string", "null"], "format": "date"}
TIMESTAMP = {"type": ["string", "null"], "format": "date-time", "description": "UTC, RFC 3339 with Z."}
STRING_OR_NULL = {"type": ["string", "null"]}
SCOPE_TEXT = {
    "applications:read": "List and read applications of the unit.",
    "decisions:write": "Record beslut.",
    "plans:write": "Record genomförandeplaner.",
    "followups:read": "Read follow-ups and their results.",
    "followups:write": "Request follow-ups.",
    "assignments:read": "An utförare unit: read its active uppdrag.",
    "plans:read": "An utförare unit: read the plans of its active uppdrag.",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _def_name(name: str) -> str:
    return "Application" + "".join(part.capitalize() for part in name.split("_"))


def _hoisted(node):
    """The schema with "#/$defs/x" references pointing at components/schemas/ApplicationX."""
    if isinstance(node, dict):
        return {
            key: _ref(_def_name(value.removeprefix("#/$defs/")))["$ref"]
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/")
            else _hoisted(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_hoisted(value) for value in node]
    return node


def application_components() -> dict:
    schema = deepcopy(application_schema())
    for keyword in ("$schema", "$id"):
        schema.pop(keyword, None)
    defs = schema.pop("$defs", {})
    components = {"Application": _hoisted(schema)}
    components |= {_def_name(name): _hoisted(definition) for name, definition in defs.items()}
    return components


def _json(schema: dict, description: str, links: dict | None = None) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if links:
        response["links"] = links
    return response


def _errors(write: bool) -> dict:
    responses = {
        "401": _json(_ref("Error"), "Missing, unknown or expired token (invalid_token)."),
        "403": _json(_ref("Error"), "The token lacks the scope (insufficient_scope)."),
        "404": _json(_ref("Error"), "Unknown id, an id not a positive 32-bit integer, or another unit's case."),
        "422": _json(_ref("ValidationError"), "Some fields or parameters are not valid; see `errors`."),
        "default": _json(_ref("Error"), "Any other error: 405 (with Allow) for a method the path does not have, 500."),
    }
    if write:
        responses["400"] = _json(_ref("Error"), "The body is not a JSON object (invalid_request).")
        responses["409"] = _json(_ref("Error"), "The application's state does not allow it, e.g. withdrawn (conflict).")
    return responses


def _link(operation_id: str, description: str, body: dict | None = None, source: str = "$request.path.application_id"):
    link = {"operationId": operation_id, "parameters": {"application_id": source}, "description": description}
    if body:
        link["requestBody"] = body
    return link


def _case_links(source: str = "$request.path.application_id") -> dict:
    return {
        "GetApplication": _link("getApplication", "The application.", source=source),
        "RecordDecision": _link("recordDecision", "Record a beslut on it.", source=source),
        "ListFollowUps": _link("listFollowUps", "Its follow-ups.", source=source),
    }


def _after_decision() -> dict:
    by_decision = {"decision_id": "$response.body#/id"}
    return _case_links() | {
        "RecordPlan": _link("recordPlan", "A genomförandeplan for this beslut.", by_decision),
        "RequestFollowUp": _link("requestFollowUp", "A follow-up of this beslut.", by_decision),
    }


APPLICATION_ID = {
    "name": "application_id",
    "in": "path",
    "required": True,
    "schema": ID,
    "description": "The application's id (from the list).",
    "example": 1,
}
SINCE = {
    "name": "since",
    "in": "query",
    "required": False,
    "description": "Only applications submitted at or after this RFC 3339 date-time (with Z or an offset).",
    "schema": {
        "type": "string",
        "format": "date-time",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
    },
    "example": "2026-01-01T00:00:00Z",
}


def _operation(operation_id: str, summary: str, scope: str, ok: dict, body: str | None = None, params=None):
    operation = {
        "operationId": operation_id,
        "summary": summary,
        "security": [{"clientCredentials": [scope]}],
        "parameters": params if params is not None else [APPLICATION_ID],
        "responses": ok | _errors(write=body is not None),
    }
    if body:
        schema = _ref(body)
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema, "example": INPUTS[body]["examples"][0]}},
        }
    return operation


def _token_operation() -> dict:
    return {
        "operationId": "issueToken",
        "summary": "OAuth 2 token (client credentials, client_secret_basic)",
        "security": [{"clientBasic": []}],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["grant_type"],
                        "properties": {
                            "grant_type": {"const": "client_credentials"},
                            "scope": {"type": "string", "description": "Space-separated; default: all the client's."},
                        },
                    },
                    "example": {"grant_type": "client_credentials", "scope": "applications:read"},
                }
            },
        },
        "responses": {
            "200": _json(_ref("Token"), "A bearer token."),
            "400": _json(
                _ref("Error"),
                "invalid_request (grant_type missing or a parameter repeated), unsupported_grant_type, invalid_scope.",
            ),
            "401": _json(_ref("Error"), "Unknown client or wrong secret (invalid_client)."),
            "default": _json(_ref("Error"), "405 (with Allow) for another method, 500."),
        },
    }


def _id_param(name: str, what: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": ID, "description": what, "example": 1}


def _provider_paths() -> dict:
    """The utförare's own system: its unit's active uppdrag, and their plans."""
    assignment = [_id_param("assignment_id", "The uppdrag's id (from the list).")]
    return {
        "/assignments": {"get": _operation("listAssignments", "The unit's active uppdrag (oldest first)",
                                           "assignments:read",
                                           {"200": _json(_ref("AssignmentList"), "The uppdrag.")}, params=[])},
        "/assignments/{assignment_id}": {"get": _operation(
            "getAssignment", "One uppdrag: insats, livsområden with levels, inriktning, goals, dates",
            "assignments:read", {"200": _json(_ref("Assignment"), "The uppdrag.")}, params=assignment)},
        "/assignments/{assignment_id}/plans": {"post": _operation(
            "recordAssignmentPlan", "Record (and optionally share) the genomförandeplan of an uppdrag",
            "plans:write", {"201": _json(_ref("Plan"), "Recorded.")}, "AssignmentPlanInput", params=assignment)},
        "/plans/{plan_id}": {"get": _operation(
            "getPlan", "One plan of an active uppdrag of the unit", "plans:read",
            {"200": _json(_ref("Plan"), "The plan.")}, params=[_id_param("plan_id", "The plan's id.")])},
    }


def _paths() -> dict:
    listed = "$response.body#/applications/0/id"
    return _provider_paths() | {
        "/token": {"post": _token_operation()},
        "/applications": {
            "get": _operation(
                "listApplications",
                "New applications since a time (oldest first, at most 100)",
                "applications:read",
                {"200": _json(_ref("ApplicationList"), "The applications.", _case_links(listed))},
                params=[SINCE],
            )
        },
        "/applications/{application_id}": {
            "get": _operation(
                "getApplication",
                "One application with the assessment (same document as the staff JSON export)",
                "applications:read",
                {"200": _json(_ref("Application"), "The application.", _case_links())},
            )
        },
        "/applications/{application_id}/decisions": {
            "post": _operation(
                "recordDecision",
                "Record a beslut",
                "decisions:write",
                {"201": _json(_ref("ApplicationDecision"), "Recorded.", _after_decision())},
                "DecisionInput",
            )
        },
        "/applications/{application_id}/plans": {
            "post": _operation(
                "recordPlan",
                "Record a genomförandeplan",
                "plans:write",
                {"201": _json(_ref("Plan"), "Recorded.", _case_links())},
                "PlanInput",
            )
        },
        "/applications/{application_id}/follow-ups": {
            "post": _operation(
                "requestFollowUp",
                "Request a follow-up",
                "followups:write",
                {"201": _json(_ref("FollowUp"), "Scheduled.", _case_links())},
                "FollowUpInput",
            ),
            "get": _operation(
                "listFollowUps",
                "Follow-ups and their results",
                "followups:read",
                {"200": _json(_ref("FollowUpList"), "The follow-ups.")},
            ),
        },
    }


def _object(properties: dict, **extra) -> dict:
    return {"type": "object", "required": list(properties), "properties": properties} | extra


def _output_schemas() -> dict:
    application_id = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    activity = _object({"what": {"type": "string"}, "when_text": {"type": "string"}, "who": {"type": "string"},
                        "own_part": STRING_OR_NULL})  # fmt: skip
    sub_goal = _object({"id": {"type": "integer"}, "life_area": LIFE_AREA, "goal_id": {"type": ["integer", "null"]},
                        "text": {"type": "string"}, "activities": {"type": "array", "items": activity}})  # fmt: skip
    evaluation = _object({"goal_id": {"type": "integer"}, "attainment": STRING_OR_NULL, "level_now": LEVEL})
    answer = _object({"questionnaire": {"type": "string"}, "version": {}, "question": {"type": "string"}, "value": {}})
    return {
        "ApplicationList": _object(
            {
                "applications": {
                    "type": "array",
                    "maxItems": 100,
                    "items": _object(
                        {
                            "id": application_id,
                            "reference": STRING_OR_NULL,
                            "status": {"type": "string"},
                            "submitted_at": TIMESTAMP,
                            "life_areas": {"type": "array", "items": LIFE_AREA},
                            "url": {"type": "string", "format": "uri"},
                        }
                    ),
                },
                "limit": {"const": 100},
            }
        ),
        "Plan": _object(
            {
                "id": {"type": "integer"},
                "decision_id": {"type": ["integer", "null"]},
                "status": {"enum": ["draft", "published", "superseded"]},
                "version": {"type": "integer"},
                "participation_text": {"type": "string"},
                "wishes_text": STRING_OR_NULL,
                "next_review_on": NULLABLE_DAY,
                "published_at": TIMESTAMP,
                "sub_goals": {"type": "array", "items": sub_goal},
            }
        ),
        "FollowUp": _object(
            {
                "id": {"type": "integer"},
                "due_on": DAY,
                "status": {"type": "string"},
                "decision_id": {"type": ["integer", "null"]},
                "questionnaires": {"type": "array", "items": {"enum": ["quality", "life"]}},
                "answered_at": TIMESTAMP,
                "filled_in_by": STRING_OR_NULL,
                "goal_evaluations": {"type": "array", "items": evaluation},
                "survey_answers": {"type": "array", "items": answer},
            }
        ),
        "FollowUpList": _object({"follow_ups": {"type": "array", "items": _ref("FollowUp")}}),
        "Assignment": _object(
            {
                "id": {"type": "integer"},
                "status": {"enum": ["sent", "accepted", "ended"]},
                "service": {"type": "string"},
                "support_kind": STRING_OR_NULL,
                "description": {"type": "string"},
                "goals_text": {"type": "string"},
                "starts_on": NULLABLE_DAY,
                "ends_on": NULLABLE_DAY,
                "life_areas": {"type": "array", "items": _object(
                    {"life_area": LIFE_AREA, "assessed_level": LEVEL, "intended_level": LEVEL})},
                "shared_life_areas": {"type": "array", "items": LIFE_AREA},
                "plan_id": {"type": ["integer", "null"]},
            }
        ),
        "AssignmentList": _object({"assignments": {"type": "array", "items": _ref("Assignment")}}),
        "Token": _object(
            {
                "access_token": {"type": "string"},
                "token_type": {"const": "Bearer"},
                "expires_in": {"const": int(TOKEN_LIFETIME.total_seconds())},
                "scope": {"type": "string"},
            }
        ),
        "Error": {
            "type": "object",
            "required": ["error", "error_description"],
            "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
            "examples": [{"error": "not_found", "error_description": "No such record for this client."}],
        },
        "ValidationError": {
            "type": "object",
            "required": ["error", "error_description", "errors"],
            "properties": {
                "error": {"const": "validation_failed"},
                "error_description": {"type": "string"},
                "errors": {
                    "type": "array",
                    "minItems": 1,
                    "items": _object(
                        {
                            "field": {"type": "string", "description": "Path, e.g. items[0].outcome"},
                            "code": {"enum": sorted(CODES)},
                            "message": {"type": "string"},
                        }
                    ),
                },
            },
        },
    }


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mitt stöd integration API",
            "version": "1.1.0",
            "description": "For case-management systems: new applications, beslut, "
            "genomförandeplaner and uppföljning. A client belongs to one unit "
            "and sees only that unit's cases. Every call is written to the "
            "access log with the client's id; a refused write is logged as denied. "
            "Error codes: " + "; ".join(f"{code}: {text}" for code, text in sorted(CODES.items())),
        },
        "servers": [{"url": f"{server_url}/api/v1"}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "clientBasic": {"type": "http", "scheme": "basic", "description": "client_id and client_secret."},
                "clientCredentials": {
                    "type": "oauth2",
                    "description": "client_secret_basic; tokens live 10 minutes.",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": f"{server_url}/api/v1/token",
                            "scopes": {scope: SCOPE_TEXT[scope] for scope in SCOPES},
                        }
                    },
                },
            },
            "schemas": application_components() | INPUTS | _output_schemas(),
        },
    }
