"""A write that fails must not put what the person typed into the server log.

The database refuses the INSERT (as a broken constraint or a full disk would);
the person gets the 500 page, and neither the log records nor stderr hold
the words they typed (SQLAlchemy puts statement parameters into its error
messages unless the engine hides them).
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import event

SECRET_WORDS = "Min hemliga text om min son Kalle"


@pytest.fixture
def failing_goal_insert(app):
    """Every INSERT into the goal table fails in the database driver."""
    engine = app.extensions["db_engine"]
    dbapi = engine.dialect.dbapi

    def refuse(_conn, _cursor, statement, _parameters, _context, _many):
        if statement.lstrip().upper().startswith("INSERT INTO GOAL"):
            raise dbapi.IntegrityError("injected failure")

    event.listen(engine, "before_cursor_execute", refuse)
    yield
    event.remove(engine, "before_cursor_execute", refuse)


@pytest.mark.parametrize("autosave", [False, True], ids=["form-fails-at-commit", "autosave-fails-in-view"])
def test_failed_goal_write_shows_500_and_keeps_typed_text_out_of_the_log(
    app, flow, failing_goal_insert, caplog, capfd, autosave
):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: Flask handles and logs it
    application_id = flow.start()
    flow.choose(application_id, "d5")
    caplog.set_level(logging.DEBUG)
    if autosave:
        data = {"goal_text": SECRET_WORDS, "goal_area": "d5", "goal_level": "", "goal_follow_up": "3"}
        response = flow.post(f"/ansokan/{application_id}/mal/spara", data, headers={"HX-Request": "true"})
    else:
        response = flow.add_goal(application_id, text=SECRET_WORDS)
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Något blev fel hos oss" in page
    assert "Logga ut" in page, "the header still lets the person log out"
    assert caplog.records, "the failure is logged (without the words)"
    assert SECRET_WORDS not in caplog.text
    assert SECRET_WORDS not in "".join(capfd.readouterr())
