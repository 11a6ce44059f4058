"""The citizen's beslut, genomförandeplan and uppföljning, change over time, and messages.

URLs: /beslut/<id>, /beslut/<id>.pdf, /beslut/<id>/overklaga (+ kvitto),
/plan/<id> (+ andra), /uppfoljning/<id>/… (one topic per page), /min-utveckling,
/meddelanden; for staff /handlaggare/meddelanden and /handlaggare/meddelanden/<citizen_id>.
For other packages: `home_panels(actor)` (start page), `unread_messages_for_unit`,
`follow_up_results` (queries.py) and `plan_responses` (services.py).
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.citizen_case import decisions, followups, labels, messages, plans, progress  # noqa: F401
    from portal.citizen_case.routes import bp

    app.register_blueprint(bp)
    labels.init_app(app)


def home_panels(actor) -> dict:
    """What /mitt-stod shows from this package (see templates/citizen_case/_home_panels.html)."""
    from portal.citizen_case.queries import home_panels as panels

    return panels(actor)
