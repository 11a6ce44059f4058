"""Mitt stöd home, starting an ansökan, and choosing livsområden.

Every view goes load → authorise → act through the access gate (helpers.load_*).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, session

from portal.access import current_actor
from portal.applications import help_choose, helpers, labels, services, steps, validation
from portal.applications.models import Application
from portal.auth.decorators import citizen_required
from portal.domain.life_areas import LIFE_AREAS, get_life_area, is_life_area_code
from portal.validation import MAX_OPEN_DRAFTS
from portal.web.rendering import render, safe_next

bp = Blueprint("applications", __name__)
SUGGESTIONS = "area_suggestions"  # session: {application id: [codes]} from "Hjälp mig välja"


@bp.context_processor
def _labels():
    return {
        "labels": labels,
        "area_name": labels.area_name,
        "area_explanation": labels.area_explanation,
        "area_names": lambda items: ", ".join(labels.area_name(item.area) for item in items),
        "get_life_area": get_life_area,
        "show_pictograms": helpers.show_pictograms(),
        "max_text": validation.MAX_TEXT,
        "step_url": helpers.step_url,
    }


@bp.route("/ansokan/ny", methods=["GET", "POST"])
@citizen_required
def start():
    actor = current_actor()
    if not services.may_start_application(actor):
        abort(404)
    drafts = services.open_drafts(actor.subject_citizen_id)
    if len(drafts) >= MAX_OPEN_DRAFTS:
        # Said plainly, with the way back to what is already started.
        return render("applications/too_many_drafts.html", drafts=drafts, limit=MAX_OPEN_DRAFTS)
    values = {"filled_in_by": "proxy" if actor.kind == "proxy" else ""}
    errors = {}
    if request.method == "POST":
        values["filled_in_by"] = request.form.get("filled_in_by", values["filled_in_by"])
        errors = validation.check_filled_in_by(values["filled_in_by"])
        if not errors:
            application = services.create_draft(
                actor, values["filled_in_by"], current_app.config["DRAFT_RETENTION_DAYS"]
            )
            return redirect(helpers.step_url(application, steps.AREAS), code=303)
    return render("applications/start.html", values=values, errors=errors, has_errors=bool(errors))


@bp.route("/ansokan/<int:application_id>/vem", methods=["GET", "POST"])
@citizen_required
def who(application_id: int):
    application = helpers.load_draft(application_id, edit=request.method == "POST")
    values = {"filled_in_by": application.filled_in_by or ""}
    errors = {}
    if request.method == "POST":
        values["filled_in_by"] = request.form.get("filled_in_by", "")
        errors = validation.check_filled_in_by(values["filled_in_by"])
        if not errors:
            services.set_filled_in_by(current_actor(), application, values["filled_in_by"])
            helpers.saved(application)
            return helpers.go_to_step(application, steps.CHECK)
    return render(
        "applications/start.html", application=application, values=values, errors=errors,
        has_errors=bool(errors),
    )  # fmt: skip


@bp.get("/ansokan/<int:application_id>")
@citizen_required
def resume(application_id: int):
    application = helpers.load_draft(application_id)
    step = steps.resume_step(application.current_step, services.area_codes(application))
    return redirect(helpers.step_url(application, step), code=303)


@bp.route("/ansokan/<int:application_id>/omraden", methods=["GET", "POST"])
@citizen_required
def areas(application_id: int):
    application = helpers.load_draft(application_id, edit=request.method == "POST")
    errors = {}
    if request.method == "POST":
        chosen = [code for code in request.form.getlist("areas") if is_life_area_code(code)]
        errors = validation.check_areas(chosen)
        if not errors:
            return _save_areas(application, chosen)
        suggested = False
    else:
        helpers.remember_step(application, steps.AREAS)
        chosen, suggested = _areas_to_show(application)
    return render(
        "applications/areas.html", application=application, life_areas=LIFE_AREAS,
        chosen=chosen, suggested=suggested, errors=errors, has_errors=bool(errors),
        action=helpers.form_action(), back=helpers.back_url(application, steps.AREAS),
    )  # fmt: skip


def _areas_to_show(application: Application) -> tuple[list[str], bool]:
    pending = helpers.pending_form(request.path)
    if pending is not None:
        return pending.getlist("areas"), False
    suggestions = session.get(SUGGESTIONS, {})
    suggested = suggestions.pop(str(application.id), None)
    if suggested is not None:
        session[SUGGESTIONS] = suggestions
        return sorted(set(services.area_codes(application)) | set(suggested)), True
    return services.area_codes(application), False


def _save_areas(application: Application, chosen: list[str]):
    before = set(services.area_codes(application))
    services.set_life_areas(application, chosen)
    helpers.saved(application)
    added = [code for code in services.area_codes(application) if code not in before]
    if helpers.returning_to_check() and added:
        # A new area has questions to answer first; the normal order leads back.
        return helpers.go_to_step(application, steps.area_step(added[0]))
    return helpers.after_save(application, steps.AREAS)


@bp.route("/ansokan/<int:application_id>/hjalp-att-valja", methods=["GET", "POST"])
@citizen_required
def help_me_choose(application_id: int):
    application = helpers.load_draft(application_id, edit=request.method == "POST")
    answers: list[str] = []
    errors = {}
    if request.method == "POST":
        answers = request.form.getlist("answers")
        errors = validation.check_help_choose(help_choose.suggested_areas(answers))
        if not errors:
            suggestions = session.get(SUGGESTIONS, {})
            suggestions[str(application.id)] = help_choose.suggested_areas(answers)
            session[SUGGESTIONS] = suggestions
            return redirect(helpers.step_url(application, steps.AREAS), code=303)
    return render(
        "applications/help_choose.html", application=application, answers=answers,
        statements=help_choose.STATEMENTS, errors=errors, has_errors=bool(errors),
    )  # fmt: skip


@bp.post("/ansokan/bilder")
@citizen_required
def toggle_pictograms():
    session[helpers.SHOW_PICTOGRAMS] = request.form.get("pictograms") == "on"
    return redirect(safe_next(request.form.get("next"), "/mitt-stod"), code=303)
