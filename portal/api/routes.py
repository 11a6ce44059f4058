"""The integration API: /api/v1/… for case-management systems.

This module holds what every endpoint shares (the blueprint, tokens, error
bodies, reading an application); each process step adds its own endpoints in
its package's api.py (decisions, plans, followups).

Every call goes through the same gate as the staff pages (an API client is
an actor of kind "api" bound to one unit), so foreign or unknown ids are 404
and every read and write lands in the access log with the client's id.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, jsonify, request, url_for
from sqlalchemy.orm import selectinload

from portal.access.gate import Permission, load_for, unit_records
from portal.api.auth import (
    TOKEN_LIFETIME,
    api_actor,
    authenticate_client,
    issue_token,
    require_scope,
)
from portal.api.openapi import openapi_document
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.investigation.export import application_document, iso_time
from portal.validation import CODES, ValidationFailed

bp = Blueprint("api", __name__, url_prefix="/api/v1")
LIST_LIMIT = 100


class BadRequest(Exception):
    """The body is not a JSON object at all (as opposed to invalid fields: 422)."""


def _error(status: int, error: str, description: str, **extra):
    response = jsonify(error=error, error_description=description, **extra)
    response.status_code = status
    return response


@bp.errorhandler(404)
def _not_found(_error_):
    return _error(404, "not_found", "No such record for this client.")


@bp.errorhandler(405)
def _not_allowed(_error_):
    return _error(405, "method_not_allowed", "This method is not allowed here.")


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


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest
    return data


@bp.post("/token")
def token():
    """OAuth 2 token endpoint, grant type client_credentials, client_secret_basic."""
    client = authenticate_client()
    if client is None:
        response = _error(401, "invalid_client", "Unknown client or wrong secret.")
        response.headers["WWW-Authenticate"] = 'Basic realm="mitt-stod-api"'
        return response
    if request.form.get("grant_type") != "client_credentials":
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
    return jsonify(openapi_document(request.host_url.rstrip("/")))


def _since() -> datetime | None:
    raw = request.args.get("since")
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed({"since": "invalid_date"}) from None
    # Stored times are naive UTC.
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


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
                "url": url_for("api.get_application", application_id=application.id, _external=True),
            }
        )
    log_access(actor, AccessAction.READ, "application_list")
    return jsonify(applications=items, limit=LIST_LIMIT)


@bp.get("/applications/<int:application_id>")
@require_scope("applications:read")
def get_application(application_id: int):
    application = load_for(Application, application_id, Permission.OPEN_CASE, api_actor())
    return jsonify(application_document(get_session(), application))


def created(document: dict, endpoint: str, **values):
    response = jsonify(document)
    response.status_code = 201
    response.headers["Location"] = url_for(endpoint, **values)
    return response
