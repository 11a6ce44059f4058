"""Small pieces the application views share: loading a draft, step URLs, form values."""

from __future__ import annotations

from flask import abort, current_app, redirect, request, session

from portal.access import Permission, load_for
from portal.applications import services, steps
from portal.applications.models import Application

SHOW_PICTOGRAMS = "show_pictograms"


def step_url(application: Application, step: str, back_to_check: bool = False) -> str:
    url = f"/ansokan/{application.id}/{step}"
    return f"{url}?tillbaka={steps.RETURN_TO_CHECK}" if back_to_check else url


def returning_to_check() -> bool:
    return request.args.get("tillbaka") == steps.RETURN_TO_CHECK


def form_action() -> str:
    """The page's own URL, keeping the "back to the check page" flag."""
    return request.path + (f"?tillbaka={steps.RETURN_TO_CHECK}" if returning_to_check() else "")


def load_application(application_id: int, edit: bool = False) -> Application:
    """Through the access gate: 404 (and a log entry) unless it is the actor's to see."""
    permission = Permission.EDIT_APPLICATION if edit else Permission.READ_APPLICATION
    return load_for(Application, application_id, permission)


def load_draft(application_id: int, edit: bool = False) -> Application:
    """A draft the actor may see or change; a sent application goes to its receipt."""
    application = load_application(application_id, edit=edit)
    if not services.is_draft(application):
        abort(redirect(f"/ansokan/{application.id}/kvitto", code=303))
    return application


def remember_step(application: Application, step: str) -> None:
    application.current_step = step


def saved(application: Application) -> None:
    """Called after every save: the draft is kept for another full period."""
    services.keep_draft(application, current_app.config["DRAFT_RETENTION_DAYS"])


def after_save(application: Application, step: str):
    """303 to the next page, or back to the check page after an "Ändra".

    The draft remembers that page now, not when it is shown: a person who
    leaves after saving (or whose browser never follows the redirect)
    continues there from Mitt stöd.
    """
    target = steps.CHECK if returning_to_check() else steps.next_step(step, services.area_codes(application))
    return go_to_step(application, target)


def go_to_step(application: Application, step: str):
    remember_step(application, step)
    return redirect(step_url(application, step), code=303)


def back_url(application: Application, step: str) -> str:
    if returning_to_check():
        return step_url(application, steps.CHECK)
    previous = steps.previous_step(step, services.area_codes(application))
    return step_url(application, previous) if previous else "/mitt-stod"


def texts(fields, source) -> dict[str, str]:
    """Form text fields as typed (missing ones empty); line endings made plain."""
    return {name: (source.get(name) or "").replace("\r\n", "\n") for name in fields}


def pending_form(step_path: str):
    """What the person had typed on this page when their session ran out, once."""
    from portal.web.citizen_views import pending_form as bound_pending_form

    # Typed text may have been stashed by the page's own POST or by an autosave.
    return bound_pending_form(step_path) or bound_pending_form(step_path + "/spara")


def show_pictograms() -> bool:
    return session.get(SHOW_PICTOGRAMS, True)
