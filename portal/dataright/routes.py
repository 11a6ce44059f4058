"""The person's data rights: who has read my data, and the registerutdrag."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.audit.services import log_access
from portal.auth.decorators import citizen_required
from portal.dataright.extract import build_extract, pdf_view
from portal.dataright.services import access_log_page
from portal.db import get_session
from portal.domain import clock
from portal.domain.vocabulary import AccessAction
from portal.pdf import render_pdf
from portal.people.models import Citizen
from portal.proxies.permissions import actor_may
from portal.web.rendering import render

bp = Blueprint("dataright", __name__)

EXTRACT_RECORD = "registry_extract"


def _page_number() -> int:
    raw = request.args.get("sida", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 else 1


def _require(permission: Permission):
    actor = current_actor()
    if not actor_may(actor, permission):
        log_access(actor, AccessAction.DENIED, "access_log", outcome="denied")
        abort(404)
    return actor


def _require_self():
    """The registerutdrag holds everything, so only the person themselves may take it."""
    actor = current_actor()
    if actor.kind != "citizen":
        log_access(actor, AccessAction.DENIED, EXTRACT_RECORD, outcome="denied")
        abort(404)
    return actor


@bp.get("/mina-uppgifter")
@citizen_required
def overview():
    actor = _require(Permission.READ_ACCESS_LOG)
    return render("dataright/overview.html", may_download=actor.kind == "citizen")


@bp.get("/mina-uppgifter/logg")
@citizen_required
def access_log():
    actor = _require(Permission.READ_ACCESS_LOG)
    include_own = request.args.get("egna") == "1"
    subject = get_session().get(Citizen, actor.subject_citizen_id)
    self_label = _("Du") if actor.kind == "citizen" else subject.name
    page = access_log_page(actor.subject_citizen_id, _page_number(), include_own, self_label)
    log_access(actor, AccessAction.READ, "access_log", subject_citizen_id=actor.subject_citizen_id)
    return render("dataright/access_log.html", block="log", log=page, include_own=include_own,
                  subject=subject)


@bp.get("/mina-uppgifter/utdrag.json")
@citizen_required
def extract_json():
    actor = _require_self()
    data = build_extract(actor.citizen_id)
    log_access(actor, AccessAction.EXPORT, EXTRACT_RECORD, subject_citizen_id=actor.citizen_id,
               reason_code="json")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _download(body, "application/json; charset=utf-8", "json")


@bp.get("/mina-uppgifter/utdrag.pdf")
@citizen_required
def extract_pdf():
    actor = _require_self()
    data = build_extract(actor.citizen_id)
    log_access(actor, AccessAction.EXPORT, EXTRACT_RECORD, subject_citizen_id=actor.citizen_id,
               reason_code="pdf")
    pdf = render_pdf("pdf/registerutdrag.html", extract=data, **pdf_view(data))
    return _download(pdf, "application/pdf", "pdf")


def _download(body, mimetype: str, suffix: str) -> Response:
    name = f"registerutdrag-{clock.today().isoformat()}.{suffix}"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
