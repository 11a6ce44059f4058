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
from portal.history.next_steps import appeal_status_text
from portal.home.panels import home_panels
from portal.home.wording import represented
from portal.web.citizen_views import may
from portal.web.plain_labels import PLAN_STATUS_TEXT
from portal.web.rendering import render

bp = Blueprint("home", __name__)


def _applications(actor) -> tuple[list[Application], list[Application]]:
    """(drafts the actor may go on with, sent ansökningar the actor may read); each read is logged."""
    query = own_records(Application, actor).order_by(Application.created_at.desc())
    drafts, sent = [], []
    for application in get_session().scalars(query):
        if services.is_draft(application):
            if is_allowed(actor, Permission.EDIT_APPLICATION, application):
                drafts.append(application)
        elif is_allowed(actor, Permission.READ_APPLICATION, application):
            sent.append(application)
    for application in drafts + sent:
        log_access(actor, AccessAction.READ, "application", application.id, application.citizen_id)
    return drafts, sent


@bp.get("/mitt-stod")
@citizen_required
def home():
    actor = current_actor()
    drafts, sent = _applications(actor)
    return render(
        "home/home.html", drafts=drafts, sent=sent, panels=home_panels(actor), person=represented(actor),
        may_see_applications=may(actor, Permission.READ_APPLICATION),
        labels=labels, area_name=labels.area_name, get_life_area=get_life_area,
        appeal_status_text=appeal_status_text, plan_status_text=PLAN_STATUS_TEXT,
        may_start=services.may_start_application(actor),
        resume_url=lambda a: helpers.step_url(a, steps.resume_step(a.current_step, services.area_codes(a))),
    )  # fmt: skip
