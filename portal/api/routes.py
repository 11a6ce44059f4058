"""The integration API: /api/v1/… for case-management systems.

This module holds what every endpoint shares (the blueprint, tokens, error
bodies, reading an application); each process step adds its own endpoints in
its package's api.py (decisions, plans, followups).

Every call goes through the same gate as the staff pages (an API client is
an actor of kind "api" bound to one unit), so foreign or unknown ids are 404
and every read and write lands in the access log with the client's id.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import IntegerConverter

from portal.access.gate import Permission, load_for, unit_records
from portal.api.auth import (
    TOKEN_LIFETIME,
    api_actor,
    authenticate_client,
    issue_token,
    require_scope,
)
from portal.api.body import BadRequest, checked_body
from portal.api.openapi import openapi_document
from portal.api.schemas import MAX_ID
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.states import InvalidTransition
from portal.domain.vocabulary import AccessAction
from portal.investigation.export import application_document, iso_time
from portal.validation import CODES, ValidationFailed
from portal.web.urls import external_url, public_base

bp = Blueprint("api", __name__, url_prefix="/api/v1")
LIST_LIMIT = 100
# RFC 3339 date-time: a full date, "T", a time and an offset (Z or ±hh:mm), nothing else.
RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})")


class RecordId(IntegerConverter):
    """<id:…> in API paths: digits only, so "-1" or "abc" match no route (the API's 404)."""

    def __init__(self, map, *args, **kwargs):
        # No max here: a converter refusing a value makes Werkzeug answer 405 when
        # another method has the same path, so the range is checked in _id_in_range.
        super().__init__(map)


# Before any route of the blueprint is added, so its rules can use <id:…>.
bp.record_once(lambda state: state.app.url_map.converters.setdefault("id", RecordId))


@bp.url_value_preprocessor
def _id_in_range(_endpoint, values):
    """An id no record can have (2^31 and more) is no record: 404, not a database error."""
    if any(isinstance(value, int) and value > MAX_ID for value in (values or {}).values()):
        abort(404)


def _error(status: int, error: str, description: str, **extra):
    response = jsonify(error=error, error_description=description, **extra)
    response.status_code = status
    return response


def _not_found_response():
    return _error(404, "not_found", "No such record for this client.")


def _not_allowed_response(error: MethodNotAllowed):
    response = _error(405, "method_not_allowed", "This method is not allowed here.")
    response.headers["Allow"] = ", ".join(sorted(error.valid_methods or ()))
    return response


@bp.before_app_request
def _unrouted():
    """A path under /api/v1 that matches no route (a bad id, a wrong method) gets the API's error body.

    Routing fails before Flask knows the blueprint, so the blueprint's error
    handlers would not run and the web's error page would answer instead.
    """
    failed = request.routing_exception
    if failed is None or not (request.path + "/").startswith(bp.url_prefix + "/"):
        return None
    if isinstance(failed, MethodNotAllowed):
        response = _not_allowed_response(failed)
    elif isinstance(failed, NotFound):
        response = _not_found_response()
    else:
        return None  # a redirect (trailing slash) is routing's own answer
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(404)
def _not_found(_error_):
    return _not_found_response()


@bp.errorhandler(405)
def _not_allowed(error: MethodNotAllowed):
    return _not_allowed_response(error)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return _error(error.code, error.name.lower().replace(" ", "_"), error.description or error.name)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    """The API's error body for a fault too (the request's writes are rolled back)."""
    # Log the type only: a message could carry personal data.
    current_app.logger.error("unhandled %s on %s", type(error).__name__, request.endpoint)
    return _error(500, "server_error", "Something went wrong on our side; nothing was saved.")


@bp.errorhandler(InvalidTransition)
def _conflict(_error_):
    return _error(409, "conflict", "The application's state does not allow this (e.g. it is withdrawn or closed).")


@bp.errorhandler(ValidationFailed)
def _invalid(failed: ValidationFailed):
    errors = [
        {"field": field, "code": code, "message": CODES.get(code, "Invalid value.")}
        for field, code in failed.errors.items()
    ]
    return _error(422, "validation_failed", "Some fields are not valid.", errors=errors)


@bp.errorhandler(BadRequest)
def _bad_request(_error_):
    return _error(400, "invalid_request", "Send a JSON object with Content-Type application/json.")


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def json_body(schema_name: str) -> dict:
    """The JSON object of the request, valid against the document's input schema `schema_name`."""
    return checked_body(schema_name)


@contextmanager
def refused_write_logged(application: Application):
    """A create that fails (400/409/422) leaves nothing behind and is logged as refused.

    The gate has already logged the create before the input was checked, so
    on failure the request's writes (that entry, any draft) are rolled back
    and one "denied" entry is written instead; the request then commits it.
    """
    record_id, citizen_id = application.id, application.citizen_id
    try:
        yield
    except (BadRequest, ValidationFailed, InvalidTransition):
        get_session().rollback()
        log_access(api_actor(), AccessAction.DENIED, "application", record_id, citizen_id, outcome="denied")
        raise


@bp.post("/token")
def token():
    """OAuth 2 token endpoint, grant type client_credentials, client_secret_basic."""
    client = authenticate_client()
    if client is None:
        response = _error(401, "invalid_client", "Unknown client or wrong secret.")
        response.headers["WWW-Authenticate"] = 'Basic realm="mitt-stod-api"'
        return response
    # RFC 6749 3.2: parameters must not be repeated; grant_type is required.
    if any(len(request.form.getlist(name)) > 1 for name in request.form):
        return _error(400, "invalid_request", "A parameter is repeated.")
    if not request.form.get("grant_type"):
        return _error(400, "invalid_request", "grant_type is missing; use grant_type=client_credentials.")
    if request.form["grant_type"] != "client_credentials":
        return _error(400, "unsupported_grant_type", "Use grant_type=client_credentials.")
    requested = request.form.get("scope", "").split() or list(client.scopes)
    if not set(requested) <= set(client.scopes):
        return _error(400, "invalid_scope", "The client may not have one of these scopes.")
    access_token = issue_token(client, requested)
    return jsonify(
        access_token=access_token,
        token_type="Bearer",  # noqa: S106 - a type name
        expires_in=int(TOKEN_LIFETIME.total_seconds()),
        scope=" ".join(requested),
    )


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(public_base()))


def _since() -> datetime | None:
    """The `since` parameter: absent, or one RFC 3339 date-time with an offset (else 422)."""
    values = request.args.getlist("since")
    if not values:
        return None
    if len(values) > 1 or not RFC3339.fullmatch(values[0]):
        raise ValidationFailed({"since": "invalid_datetime"})
    try:
        moment = datetime.fromisoformat(values[0].upper().replace("Z", "+00:00"))
        # Stored times are naive UTC; an offset can push a time out of the calendar.
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise ValidationFailed({"since": "invalid_datetime"}) from None


@bp.get("/applications")
@require_scope("applications:read")
def list_applications():
    """Applications of the client's unit submitted at or after `since`, oldest first."""
    since = _since()
    actor = api_actor()
    query = unit_records(Application, actor).where(Application.submitted_at.is_not(None))
    if since is not None:
        query = query.where(Application.submitted_at >= since)
    query = (
        query.order_by(Application.submitted_at, Application.id)
        .limit(LIST_LIMIT)
        .options(selectinload(Application.needs))
    )
    items = []
    for application in get_session().scalars(query):
        log_access(actor, AccessAction.READ, "application", application.id, application.citizen_id)
        items.append(
            {
                "id": application.id,
                "reference": application.reference,
                "status": application.status,
                "submitted_at": iso_time(application.submitted_at),
                "life_areas": [need.life_area for need in application.needs],
                "url": external_url("api.get_application", application_id=application.id),
            }
        )
    log_access(actor, AccessAction.READ, "application_list")
    return jsonify(applications=items, limit=LIST_LIMIT)


@bp.get("/applications/<id:application_id>")
@require_scope("applications:read")
def get_application(application_id: int):
    application = load_for(Application, application_id, Permission.OPEN_CASE, api_actor())
    return jsonify(application_document(get_session(), application))


def created(document: dict, endpoint: str, **values):
    response = jsonify(document)
    response.status_code = 201
    response.headers["Location"] = url_for(endpoint, **values)
    return response
