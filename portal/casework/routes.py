"""The staff shell: the caseload and the case page, which composes what every process step offers.

load → authorise (through the gate) → act."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import OPEN_CASE_REASONS, Permission, unit_records
from portal.applications.models import Application
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.casework import caseload, services
from portal.casework.helpers import bp
from portal.db import get_session
from portal.domain import clock
from portal.domain.caseflow import ActionKind, CaseStage
from portal.domain.life_areas import LIFE_AREAS, get_life_area, is_life_area_code
from portal.domain.vocabulary import AccessAction
from portal.history.services import record_event, timeline
from portal.investigation import services as investigation
from portal.people.identity import decrypt_pnr
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import THEN_MESSAGES, citizen_of, open_case, remember_reason, see_case


@bp.route("/inkorg", methods=["GET", "POST"])
@staff_required
def inbox():
    """The caseload. Filters and the page number go in the query string; a search is POSTed
    (the pager too, while searching), so a name or personnummer never ends up in a URL."""
    actor = current_actor()
    wanted = _caseload_query()
    result = caseload.caseload(actor, wanted, clock.today())
    return render(
        "casework/inbox.html",
        result=result,
        wanted=wanted,
        stages=list(CaseStage),
        action_kinds=list(ActionKind),
        life_areas=LIFE_AREAS,
        action_url=action_url,
        labels=labels,
    )


def _choice(value, allowed, default=None):
    return value if value in allowed else default


def _caseload_query() -> caseload.CaseloadQuery:
    args = request.args
    searching = request.method == "POST"
    page = (request.form if searching else args).get("sida", "1")
    return caseload.CaseloadQuery(
        # A search looks through every case of the unit, whatever the tab.
        view="alla" if searching else _choice(args.get("visa"), caseload.VIEWS, "atgard"),
        stage=CaseStage(args["steg"]) if args.get("steg") in set(CaseStage) else None,
        life_area=args.get("omrade") if is_life_area_code(args.get("omrade")) else None,
        action=ActionKind(args["atgard"]) if args.get("atgard") in set(ActionKind) else None,
        sort=_choice(args.get("sortera"), caseload.SORTS, "newest"),
        search=request.form.get("sok", "")[:100] if searching else "",
        page=int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1,
    )


# Where each kind of item is dealt with: a part of the case page, or the person's messages.
ACTION_ANCHORS = {
    ActionKind.APPEAL: "beslut",
    ActionKind.COMMUNICATION_ANSWERED: "beslut",
    ActionKind.PLAN_CHANGE: "planer",
    ActionKind.FOLLOW_UP_ANSWERED: "uppfoljning",
    ActionKind.FOLLOW_UP_DUE: "uppfoljning",
    ActionKind.FOLLOW_UP_OVERDUE: "uppfoljning",
    ActionKind.NEED_CHANGE: "uppfoljning",
}


def action_url(item) -> str:
    if item.kind == ActionKind.MESSAGE:
        return url_for("messages.staff_thread", citizen_id=item.citizen_id)
    url = url_for("casework.case", application_id=item.application_id)
    anchor = ACTION_ANCHORS.get(item.kind)
    return f"{url}#{anchor}" if anchor else url


@bp.get("/arenden/<int:application_id>")
@staff_required
def case(application_id: int):
    application = open_case(application_id)
    return render_case(application)


def render_case(application, errors=None, values=None, error_area=None, status=200):
    actor = current_actor()
    citizen = citizen_of(application)
    show_pnr = request.args.get("personnummer") == "visa"
    pnr = decrypt_pnr(citizen.pnr_encrypted)
    if show_pnr:
        log_access(actor, AccessAction.READ, "personnummer", citizen.id, citizen.id)
    context = dict(
        application=application,
        citizen=citizen,
        labels=labels,
        colleagues=services.colleagues(actor),
        personnummer=f"{pnr[:8]}-{pnr[8:]}" if show_pnr else f"{pnr[:8]}-****",
        show_pnr=show_pnr,
        areas=investigation.case_areas(application),
        notes=investigation.notes(application),
        history=timeline(application),
        errors=errors or {},
        values=values or {},
        error_area=error_area,
        has_errors=bool(errors),
        life_area_of=get_life_area,
    )
    for section in _case_sections():
        context.update(section(application))
    return render("casework/case.html", **context), status


def _case_sections():
    """Each process step's part of the case page, in the order of the process."""
    from portal.decisions.staff_routes import case_section as decision_section
    from portal.followups.staff_routes import case_section as follow_up_section
    from portal.plans.staff_routes import case_section as plan_section
    from portal.proxies.guardian_routes import case_section as guardian_section

    return (decision_section, plan_section, follow_up_section, guardian_section)


@bp.route("/arenden/<int:application_id>/skal", methods=["GET", "POST"])
@staff_required
def reason(application_id: int):
    """A case assigned to a colleague: say why you open it (a code, logged with every open)."""
    query = unit_records(Application).where(Application.id == application_id)
    application = get_session().scalars(query).first()
    if application is None:
        abort(404)
    errors = {}
    if request.method == "POST":
        chosen = request.form.get("reason")
        if chosen in OPEN_CASE_REASONS:
            remember_reason(application_id, chosen)
            opened = open_case(application_id)
            record_event(current_actor(), opened, "opened_with_reason")
            if request.args.get("till") == THEN_MESSAGES:
                return redirect(url_for("messages.staff_thread", citizen_id=opened.citizen_id), code=303)
            return see_case(opened)
        errors = {"reason": _("Välj varför du öppnar ärendet")}
    return render(
        "casework/reason.html", application=application, errors=errors, has_errors=bool(errors), labels=labels
    ), 422 if errors else 200


@bp.post("/arenden/<int:application_id>/tilldela")
@staff_required
def assign(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    officer = request.form.get("officer")
    if officer == "me":
        officer = current_actor().staff_id
    try:
        services.assign(current_actor(), application, officer)
    except ValidationFailed:
        flash(_("Välj en handläggare."), "error")
        return see_case(application)
    flash(_("Ärendet har fått en handläggare."), "success")
    if request.form.get("from") == "inbox":
        return redirect(url_for("casework.inbox"), code=303)
    return see_case(application)


@bp.post("/arenden/<int:application_id>/mottagen")
@staff_required
def receive(application_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    services.mark_received(current_actor(), application)
    flash(_("Ärendet är markerat som mottaget. Personen ser det nu."), "success")
    return see_case(application)
