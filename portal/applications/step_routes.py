"""The question pages: the five questions per area, self-assessment, and contact.

Each page: GET shows the saved draft (or what was typed before the session
ran out); POST saves what was typed, always, then shows errors or goes on
with a 303. `…/spara` is the same save for autosave and answers a fragment.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request

from portal.applications import helpers, services, steps, summary, validation
from portal.applications.models import Application
from portal.applications.routes import bp
from portal.auth.decorators import citizen_required
from portal.domain.life_areas import get_life_area, is_life_area_code
from portal.modelbase import utcnow
from portal.web.rendering import render

AREA_URL = "/ansokan/<int:application_id>/omrade/<code>"
ASSESSMENT_URL = AREA_URL + "/skattning"
CONTACT_URL = "/ansokan/<int:application_id>/kontakt"


def _saved_status():
    return render_template("applications/_save_status.html", saved_at=utcnow())


def _back_to_page():
    """A GET on an autosave URL (e.g. after logging in again) goes to its page."""
    return redirect(request.path.removesuffix("/spara"), code=303)


# -- the five questions ---------------------------------------------------------


def _need(application: Application, code: str):
    need = services.need_for(application, code) if is_life_area_code(code) else None
    if need is None:
        abort(404)
    return need


def _save_need(application_id: int, code: str):
    application = helpers.load_draft(application_id, edit=True)
    need = _need(application, code)
    values = helpers.texts(validation.NEED_FIELDS, request.form)
    services.save_need(need, values)
    helpers.saved(application)
    return application, values, validation.check_need(values)


@bp.route(AREA_URL, methods=["GET", "POST"])
@citizen_required
def area_questions(application_id: int, code: str):
    step = steps.area_step(code)
    if request.method == "POST":
        application, values, errors = _save_need(application_id, code)
        if not errors:
            return helpers.after_save(application, step)
        restored = False
    else:
        application = helpers.load_draft(application_id)
        values = services.need_values(_need(application, code))
        pending = helpers.pending_form(request.path)
        restored = pending is not None
        values = helpers.texts(validation.NEED_FIELDS, pending) if restored else values
        errors = {}
        helpers.remember_step(application, step)
    return render(
        "applications/area.html", application=application, area=get_life_area(code),
        values=values, errors=errors, has_errors=bool(errors), restored=restored,
        action=helpers.form_action(), back=helpers.back_url(application, step),
    )  # fmt: skip


@bp.route(AREA_URL + "/spara", methods=["GET", "POST"])
@citizen_required
def autosave_area(application_id: int, code: str):
    if request.method == "GET":
        return _back_to_page()
    _save_need(application_id, code)
    return _saved_status()


# -- self-assessment ---------------------------------------------------------------


def _assessment_values(application: Application, code: str) -> dict:
    values = {"current_level": "", "wanted_level": ""}
    for row in services.assessments_for(application, code):
        if row.icf_category is None:
            values["current_level"] = _level_value(row.current_level)
            values["wanted_level"] = _level_value(row.wanted_level)
        else:
            values[f"cat_{row.icf_category}"] = _level_value(row.current_level)
    return values


def _level_value(level: int | None) -> str:
    return validation.DONT_KNOW if level is None else str(level)


def _assessment_form(source, code: str) -> dict:
    values = helpers.texts(("current_level", "wanted_level"), source)
    for category in get_life_area(code).categories:
        values[f"cat_{category.code}"] = source.get(f"cat_{category.code}", "")
    return values


def _save_assessment(application_id: int, code: str):
    application = helpers.load_draft(application_id, edit=True)
    _need(application, code)
    values = _assessment_form(request.form, code)
    categories = {c.code: values[f"cat_{c.code}"] for c in get_life_area(code).categories}
    services.save_assessment(application, code, values["current_level"], values["wanted_level"], categories)
    helpers.saved(application)
    return application, values, validation.check_assessment(values)


@bp.route(ASSESSMENT_URL, methods=["GET", "POST"])
@citizen_required
def assessment(application_id: int, code: str):
    step = steps.assessment_step(code)
    if request.method == "POST":
        application, values, errors = _save_assessment(application_id, code)
        if not errors:
            return helpers.after_save(application, step)
        restored = False
    else:
        application = helpers.load_draft(application_id)
        _need(application, code)
        pending = helpers.pending_form(request.path)
        restored = pending is not None
        values = _assessment_form(pending, code) if restored else _assessment_values(application, code)
        errors = {}
        helpers.remember_step(application, step)
    return render(
        "applications/assessment.html", application=application, area=get_life_area(code),
        values=values, errors=errors, has_errors=bool(errors), restored=restored,
        action=helpers.form_action(), back=helpers.back_url(application, step),
    )  # fmt: skip


@bp.route(ASSESSMENT_URL + "/spara", methods=["GET", "POST"])
@citizen_required
def autosave_assessment(application_id: int, code: str):
    if request.method == "GET":
        return _back_to_page()
    _save_assessment(application_id, code)
    return _saved_status()


# -- contact, consent, interpreter ------------------------------------------------

CONTACT_FIELDS = (
    "phone", "email", "interpreter_language", "communication_support",
    *(f"consent_{kind}_{part}" for kind in validation.CONSENT_KINDS for part in ("given", "name", "contact")),
)  # fmt: skip


def _save_contact(application_id: int):
    application = helpers.load_draft(application_id, edit=True)
    values = helpers.texts(CONTACT_FIELDS, request.form)
    errors = validation.check_contact(values)
    services.save_contact(application, values, errors)
    helpers.saved(application)
    return application, values, errors


@bp.route(CONTACT_URL, methods=["GET", "POST"])
@citizen_required
def contact(application_id: int):
    if request.method == "POST":
        application, values, errors = _save_contact(application_id)
        if not errors:
            return helpers.after_save(application, steps.CONTACT)
        restored = False
    else:
        application = helpers.load_draft(application_id)
        pending = helpers.pending_form(request.path)
        restored = pending is not None
        values = helpers.texts(CONTACT_FIELDS, pending) if restored else _contact_defaults(application)
        errors = {}
        helpers.remember_step(application, steps.CONTACT)
    return render(
        "applications/contact.html", application=application, values=values, errors=errors,
        has_errors=bool(errors), restored=restored, action=helpers.form_action(),
        back=helpers.back_url(application, steps.CONTACT),
    )  # fmt: skip


def _contact_defaults(application: Application) -> dict:
    """The saved answers; phone and e-mail start from what the person gave us before."""
    values = summary.contact_values(application)
    if not application.contact_phone and not application.contact_email:
        from portal.db import get_session
        from portal.people.models import Citizen

        citizen = get_session().get(Citizen, application.citizen_id)
        values["phone"], values["email"] = citizen.phone or "", citizen.email or ""
    return values


@bp.route(CONTACT_URL + "/spara", methods=["GET", "POST"])
@citizen_required
def autosave_contact(application_id: int):
    if request.method == "GET":
        return _back_to_page()
    _save_contact(application_id)
    return _saved_status()
