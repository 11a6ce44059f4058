"""The person's appeal (överklagande) of a beslut.

Each function takes the acting context (the person, or an ombud acting for
them), changes data, writes the access log and flushes; the request commits.
The views have already loaded the record through the access gate.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.services import log_access
from portal.db import get_session
from portal.decisions.models import Appeal, Decision
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event
from portal.validation import InvalidInput, checked_text

APPEAL_MAX_CHARS = 5000
_TOKEN = re.compile(r"[0-9a-f]{32}")


def appeal_reference(token: str) -> str:
    """The receipt number follows from the form's one-time token, so a double click finds one appeal."""
    return f"ÖK-{token[:12].upper()}"


def find_appeal(decision: Decision, token: str) -> Appeal | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    query = select(Appeal).where(Appeal.reference == appeal_reference(token), Appeal.decision_id == decision.id)
    return get_session().scalars(query).first()


def submit_appeal(actor, decision: Decision, text: str | None, token: str | None) -> Appeal:
    """The person's appeal, sent to the case. The same token twice gives the same appeal."""
    errors: dict[str, str] = {}
    text = checked_text("text", text, APPEAL_MAX_CHARS, errors)
    if not _TOKEN.fullmatch(token or ""):
        errors["token"] = "invalid"  # noqa: S105 - an error code, not a secret
    if errors:
        raise InvalidInput(errors)
    existing = find_appeal(decision, token)
    if existing is not None:
        return existing
    appeal = Appeal(decision_id=decision.id, citizen_id=decision.citizen_id,
                    proxy_authority_id=actor.proxy_authority_id, text=text,
                    reference=appeal_reference(token))
    db = get_session()
    db.add(appeal)
    db.flush()
    log_access(actor, AccessAction.CREATE, "appeal", appeal.id, decision.citizen_id)
    if decision.application_id is not None:
        record_event(actor, db.get(Application, decision.application_id), "appeal_submitted", appeal)
    return appeal


def appeals_for(decision: Decision) -> list[Appeal]:
    query = select(Appeal).where(Appeal.decision_id == decision.id).order_by(Appeal.created_at)
    return list(get_session().scalars(query))


