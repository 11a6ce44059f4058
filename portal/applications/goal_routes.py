"""Own goals: add one at a time, change or remove them, then go on.

A goal needs words, a livsområde and a time to follow it up; a level is
optional. The add form keeps what was typed when something is missing.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request
from flask_babel import gettext as _

from portal.applications import helpers, services, steps, validation
from portal.applications.models import Application, Goal
from portal.applications.routes import bp
from portal.auth.decorators import citizen_required
from portal.domain import clock
from portal.modelbase import utcnow
from portal.web.rendering import render

GOALS_URL = "/ansokan/<int:application_id>/mal"
GOAL_FIELDS = ("goal_text", "goal_area", "goal_level", "goal_follow_up")
# Hidden field: the id of the goal autosave created from the add form, so it is stored once.
WRITING_FIELD = "goal_id"


def _blank(application: Application) -> dict:
    codes = services.area_codes(application)
    # With one area chosen there is nothing to choose: tick it.
    return {"goal_text": "", "goal_area": codes[0] if len(codes) == 1 else "", "goal_level": "",
            "goal_follow_up": ""}  # fmt: skip


def _render_goals(application: Application, values: dict, errors: dict, restored=False, writing=None):
    return render(
        "applications/goals.html", application=application, values=values, errors=errors,
        has_errors=bool(errors), restored=restored, action=helpers.form_action(),
        back=helpers.back_url(application, steps.GOALS), writing=writing,
        shown_goals=[goal for goal in application.goals if goal is not writing],
    )  # fmt: skip


def _goal_being_written(application: Application) -> Goal | None:
    """The goal autosave already stored from the add form (its id comes back with the form)."""
    raw = request.form.get(WRITING_FIELD, "")
    return services.goal_of(application, int(raw)) if raw.isdigit() and len(raw) < 10 else None


@bp.get(GOALS_URL)
@citizen_required
def goals(application_id: int):
    application = helpers.load_draft(application_id)
    helpers.remember_step(application, steps.GOALS)
    pending = helpers.pending_form(request.path)
    values = helpers.texts(GOAL_FIELDS, pending) if pending is not None else _blank(application)
    return _render_goals(application, values, {}, restored=pending is not None)


@bp.post(GOALS_URL)
@citizen_required
def goals_post(application_id: int):
    application = helpers.load_draft(application_id, edit=True)
    values = helpers.texts(GOAL_FIELDS, request.form)
    adding = request.form.get("action") == "add"
    writing = _goal_being_written(application) or services.goal_with_words(application, values)
    if adding or values["goal_text"].strip():
        errors = validation.check_goal(values, services.area_codes(application))
        if writing is None and not errors:
            errors = validation.check_goal_room(services.goal_areas(application), values["goal_area"])
        if errors:
            return _render_goals(application, values, errors, writing=writing)
        if writing is None:
            services.add_goal(application, values)
        else:
            services.fill_goal(writing, values)
        helpers.saved(application)
        if adding:
            helpers.remember_step(application, steps.GOALS)
            return redirect(helpers.form_action(), code=303)
    elif writing is not None:
        # The words were deleted after autosave stored them: the person gave up on this goal.
        services.remove_goal(application, writing)
    if not application.goals:
        return _render_goals(application, values, {"goal_text": _("Skriv minst ett mål.")})
    return helpers.after_save(application, steps.GOALS)


@bp.route(GOALS_URL + "/spara", methods=["GET", "POST"])
@citizen_required
def autosave_goals(application_id: int):
    if request.method == "GET":
        return redirect(request.path.removesuffix("/spara"), code=303)
    application = helpers.load_draft(application_id, edit=True)
    values = helpers.texts(GOAL_FIELDS, request.form)
    writing = _goal_being_written(application)
    if writing is None and values["goal_text"].strip() and services.goal_with_words(application, values):
        # The form was sent first and stored these words; the form no longer holds a goal.
        return render_template("applications/_goal_saved.html", saved=True, writing_id="", values=values,
                               saved_at=utcnow())  # fmt: skip
    goal = services.autosave_goal(application, writing, values, new=True)
    if goal is not None:
        helpers.saved(application)
    return render_template("applications/_goal_saved.html", saved=goal is not None, writing_id=goal.id if goal else "",
                           values=values, saved_at=utcnow())  # fmt: skip


def _goal(application: Application, goal_id: int) -> Goal:
    goal = services.goal_of(application, goal_id)
    if goal is None:
        abort(404)
    return goal


def _goal_values(goal: Goal) -> dict:
    months = "3" if goal.follow_up_on else ""  # autosave keeps a goal before a time is chosen
    if goal.follow_up_on and goal.created_at:
        days = (goal.follow_up_on - goal.created_at.date()).days
        months = min(validation.FOLLOW_UP_MONTHS, key=lambda m: abs(int(m) * 30.4 - days))
    level = goal.wanted_level
    return {"goal_text": goal.text, "goal_area": goal.life_area,
            "goal_level": "" if level is None else str(level), "goal_follow_up": months}  # fmt: skip


@bp.route(GOALS_URL + "/<int:goal_id>", methods=["GET", "POST"])
@citizen_required
def goal_edit(application_id: int, goal_id: int):
    application = helpers.load_draft(application_id, edit=request.method == "POST")
    goal = _goal(application, goal_id)
    errors = {}
    if request.method == "POST":
        values = helpers.texts(GOAL_FIELDS, request.form)
        errors = validation.check_goal(values, services.area_codes(application))
        errors = errors or validation.check_goal_room(services.goal_areas(application, goal), values["goal_area"])
        if not errors:
            services.fill_goal(goal, values, today=goal.created_at.date() if goal.created_at else clock.today())
            helpers.saved(application)
            back = steps.CHECK if helpers.returning_to_check() else steps.GOALS
            return redirect(helpers.step_url(application, back), code=303)
    else:
        pending = helpers.pending_form(request.path)
        values = helpers.texts(GOAL_FIELDS, pending) if pending is not None else _goal_values(goal)
    back_step = steps.CHECK if helpers.returning_to_check() else steps.GOALS
    return render(
        "applications/goal_edit.html", application=application, goal=goal, values=values,
        errors=errors, has_errors=bool(errors), action=helpers.form_action(),
        back=helpers.step_url(application, back_step),
    )  # fmt: skip


@bp.route(GOALS_URL + "/<int:goal_id>/spara", methods=["GET", "POST"])
@citizen_required
def autosave_goal_edit(application_id: int, goal_id: int):
    if request.method == "GET":
        return redirect(request.path.removesuffix("/spara"), code=303)
    application = helpers.load_draft(application_id, edit=True)
    goal = _goal(application, goal_id)
    values = helpers.texts(GOAL_FIELDS, request.form)
    if not values["goal_text"].strip():
        return ""  # a goal keeps its words until new ones are written; nothing was saved
    services.autosave_goal(application, goal, values, new=False)
    helpers.saved(application)
    return render_template("applications/_save_status.html", saved_at=utcnow())


@bp.post(GOALS_URL + "/<int:goal_id>/ta-bort")
@citizen_required
def goal_remove(application_id: int, goal_id: int):
    application = helpers.load_draft(application_id, edit=True)
    services.remove_goal(application, _goal(application, goal_id))
    helpers.saved(application)
    back = steps.CHECK if helpers.returning_to_check() else steps.GOALS
    return redirect(helpers.step_url(application, back), code=303)
