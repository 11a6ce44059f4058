"""Writing the access log. Every read or write of a person's data calls this."""

from __future__ import annotations

from portal.audit.models import AccessLogEntry
from portal.db import get_session
from portal.domain.vocabulary import AccessAction


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
    """Add an entry for `actor` (see portal.access.actor.Actor); the request commits it."""
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
    get_session().add(entry)
    return entry
