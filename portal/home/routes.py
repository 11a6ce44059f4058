"""/mitt-stod: the person's ansökningar and, from every later step, what is theirs now."""

from __future__ import annotations

from flask import Blueprint

from portal.access import Permission, current_actor, is_allowed
from portal.access.gate import own_records
from portal.applications import helpers, labels, services, steps
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.auth.decorators import citizen_required
from portal.db import get_session
from portal.domain.life_areas import get_life_area
from portal.domain.vocabulary import AccessAction
from portal.home.panels import home_panels
from portal.web.rendering import render

bp = Blueprint("home", __name__)


@bp.get("/mitt-stod")
@citizen_required
def home():
    actor = current_actor()
    query = own_records(Application).order_by(Application.created_at.desc())
    applications = [
        application
        for application in get_session().scalars(query)
        if is_allowed(actor, Permission.READ_APPLICATION, application)
    ]
    for application in applications:
        log_access(actor, AccessAction.READ, "application", application.id, application.citizen_id)
    drafts = [a for a in applications if services.is_draft(a)]
    sent = [a for a in applications if not services.is_draft(a)]
    return render(
        "home/home.html", drafts=drafts, sent=sent, panels=home_panels(actor),
        labels=labels, area_name=labels.area_name, get_life_area=get_life_area,
        may_start=services.may_start_application(actor),
        resume_url=lambda a: helpers.step_url(a, steps.resume_step(a.current_step, services.area_codes(a))),
    )  # fmt: skip
