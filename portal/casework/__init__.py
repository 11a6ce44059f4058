"""The handläggare's shell: the caseload (every case of the unit, where it is in the process,
what needs action) and the case page, which composes what each process step offers."""

from flask import Flask

from portal.domain import clock


def action_summary() -> list[tuple[str, str, int]]:
    """(kind, words, count) of what needs action in the logged-in handläggare's unit, in the
    order of the process (the staff start page)."""
    from portal.access.actor import current_actor
    from portal.access.gate import has_case_role
    from portal.casework.caseload import action_counts
    from portal.web.staff_labels import ACTION

    actor = current_actor()
    counts = action_counts(actor.unit_id, clock.today()) if has_case_role(actor) else {}
    return [(kind, str(words), counts[kind]) for kind, words in ACTION.items() if counts.get(kind)]


def init_app(app: Flask) -> None:
    """Registers the staff shell's blueprint, and the start page's counts of what needs action
    (a template helper, because the start page belongs to the login)."""
    from portal.access.gate import has_case_role
    from portal.casework import routes  # noqa: F401
    from portal.casework.helpers import bp

    app.register_blueprint(bp)
    app.jinja_env.globals["caseload_action_summary"] = action_summary
    app.jinja_env.globals["has_case_role"] = has_case_role
