"""Writing the access log. Every read or write of a person's data calls this."""

from __future__ import annotations

from flask import has_request_context, request

from portal.audit.models import AccessLogEntry
from portal.db import get_session
from portal.domain.vocabulary import AccessAction

# Per request: the rows already written, so one page view is one row per record read,
# however many parts of the page load the same record.
_WRITTEN = "_portal_access_log_written"


def log_access(
    actor,
    action: AccessAction,
    record_type: str,
    record_id: int | None = None,
    subject_citizen_id: int | None = None,
    *,
    reason_code: str | None = None,
    outcome: str = "ok",
) -> AccessLogEntry:
    """Add an entry for `actor` (see portal.access.actor.Actor); the request commits it.

    An identical entry already written in this request is not written again.
    Outside a request (CLI, jobs) every call writes.
    """
    key = (
        actor.kind, actor.citizen_id, actor.staff_id, actor.client_id, actor.unit_id, actor.proxy_authority_id,
        action.value, record_type, record_id, subject_citizen_id, outcome, reason_code,
    )  # fmt: skip
    written = _written_in_request()
    session = get_session()
    earlier = written.get(key) if written is not None else None
    # A rollback in the request drops the earlier entry, so it must be written again.
    if earlier is not None and earlier in session:
        return earlier
    entry = AccessLogEntry(
        actor_kind=actor.kind,
        actor_citizen_id=actor.citizen_id,
        actor_staff_id=actor.staff_id,
        actor_client_id=actor.client_id,
        actor_unit_id=actor.unit_id,
        proxy_authority_id=actor.proxy_authority_id,
        subject_citizen_id=subject_citizen_id,
        action=action.value,
        record_type=record_type,
        record_id=record_id,
        reason_code=reason_code,
        outcome=outcome,
    )
    session.add(entry)
    if written is not None:
        written[key] = entry
    return entry


def _written_in_request() -> dict | None:
    # On the request, not on `g`: in tests one app context spans many requests.
    if not has_request_context():
        return None
    return request.__dict__.setdefault(_WRITTEN, {})
