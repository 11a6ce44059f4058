"""Check your answers, send, receipt, and the two PDFs.

Sending is idempotent: the check page carries the draft's one-time token;
a second POST (double click, back button, a retry after a network error)
finds the application already sent and lands on the same receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import Response, abort, current_app, flash, redirect, request
from flask_babel import gettext as _

from portal.access import current_actor
from portal.applications import helpers, services, steps, summary
from portal.applications.models import Application
from portal.applications.routes import bp
from portal.auth.decorators import citizen_required
from portal.db import get_session
from portal.domain import clock
from portal.pdf import render_pdf
from portal.people.identity import masked_pnr
from portal.people.models import Citizen, Unit
from portal.web.rendering import render


def _contact_by(application: Application) -> date:
    """The promise on the receipt: a handläggare gets in touch by this day."""
    days = current_app.config.get("APPLICATION_CONTACT_DAYS", 14)
    return application.submitted_at.date() + timedelta(days=days)


def _receipt_url(application: Application) -> str:
    return f"/ansokan/{application.id}/kvitto"


def _render_check(application: Application, problems: list[summary.Problem]):
    errors = {f"{p.step}#{p.field}": p.message for p in problems}
    return render(
        "applications/check.html", application=application,
        areas=summary.area_summaries(application), contact=summary.contact_values(application),
        goal_area_name=summary.goal_area_name, problems=problems, errors=errors,
        has_errors=bool(problems), token=services.submission_token(application),
        back=helpers.step_url(application, steps.CONTACT),
    )  # fmt: skip


@bp.get("/ansokan/<int:application_id>/kontrollera")
@citizen_required
def check(application_id: int):
    application = helpers.load_draft(application_id)
    helpers.remember_step(application, steps.CHECK)
    return _render_check(application, [])


@bp.post("/ansokan/<int:application_id>/skicka")
@citizen_required
def send(application_id: int):
    application = helpers.load_application(application_id, edit=True)
    if not services.is_draft(application):
        return redirect(_receipt_url(application), code=303)
    token = request.form.get("submission_token", "")
    if not application.submission_token or token != application.submission_token:
        flash(_("Sidan var gammal. Kontrollera dina svar och skicka igen."), "warning")
        return redirect(helpers.step_url(application, steps.CHECK), code=303)
    problems = summary.problems(application)
    if problems:
        return _render_check(application, problems)
    services.submit(current_actor(), application)
    return redirect(_receipt_url(application), code=303)


def _sent(application_id: int) -> Application:
    application = helpers.load_application(application_id)
    if services.is_draft(application):
        abort(redirect(helpers.step_url(application, steps.CHECK), code=303))
    return application


@bp.get("/ansokan/<int:application_id>/kvitto")
@citizen_required
def receipt(application_id: int):
    application = _sent(application_id)
    return render(
        "applications/receipt.html", application=application,
        areas=summary.area_summaries(application), contact=summary.contact_values(application),
        goal_area_name=summary.goal_area_name, contact_by=_contact_by(application),
    )  # fmt: skip


@dataclass(frozen=True)
class DocumentOwner:
    """What makes a printed document stand alone: whose it is and where it was sent."""

    name: str
    personnummer: str  # masked, see portal.people.identity.masked_pnr
    unit: str | None


def _owner(application: Application) -> DocumentOwner:
    db = get_session()
    citizen = db.get(Citizen, application.citizen_id)
    unit = db.get(Unit, application.unit_id) if application.unit_id else None
    return DocumentOwner(citizen.name, masked_pnr(citizen.pnr_encrypted), unit.name if unit else None)


def _pdf(data: bytes, filename: str) -> Response:
    return Response(
        data,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/ansokan/<int:application_id>/kvitto.pdf")
@citizen_required
def receipt_pdf(application_id: int):
    application = _sent(application_id)
    data = render_pdf("pdf/receipt.html", application=application, owner=_owner(application), printed_on=clock.today(),
                      areas=summary.area_summaries(application), contact_by=_contact_by(application))  # fmt: skip
    return _pdf(data, f"kvitto-{application.reference}.pdf")


@bp.get("/ansokan/<int:application_id>/ansokan.pdf")
@citizen_required
def application_pdf(application_id: int):
    application = _sent(application_id)
    data = render_pdf(
        "pdf/application.html", application=application, owner=_owner(application), printed_on=clock.today(),
        areas=summary.area_summaries(application), contact=summary.contact_values(application),
        goal_area_name=summary.goal_area_name,
    )  # fmt: skip
    return _pdf(data, f"ansokan-{application.reference}.pdf")
