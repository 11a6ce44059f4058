"""Making a PDF is bounded work: it holds no database lock while it renders, and
a document over the page limit or a rendering over the time limit is refused
with a clear page."""

from __future__ import annotations

import sqlite3

from portal import pdf


def _another_writer_gets_through(app) -> bool:
    """Whether a second process could write to the database right now, without waiting."""
    url = app.config["DATABASE_URL"]
    if not url.startswith("sqlite"):
        return True  # PostgreSQL never locks a table for an insert; the session check covers it
    connection = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def test_no_database_lock_is_held_while_the_pdf_renders(app, client, sent, monkeypatch):
    from flask import request

    from portal.db import _KEY

    seen = {}
    render = pdf._render_in_child

    def spy(*args):
        seen["open_session"] = _KEY in request.__dict__
        seen["writer_got_through"] = _another_writer_gets_through(app)
        return render(*args)

    monkeypatch.setattr(pdf, "_render_in_child", spy)
    response = client.get(f"/ansokan/{sent}/ansokan.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert seen == {"open_session": False, "writer_got_through": True}


def test_a_pdf_over_the_page_limit_is_refused_with_a_clear_page(app, client, sent):
    app.config["PDF_MAX_PAGES"] = 1
    response = client.get(f"/ansokan/{sent}/ansokan.pdf")
    assert response.status_code == 503
    assert "Dokumentet blev för långt för en PDF-fil" in response.get_data(as_text=True)


def test_a_pdf_over_the_time_limit_is_stopped(app, client, sent):
    app.config["PDF_TIME_LIMIT_SECONDS"] = 0.001
    response = client.get(f"/ansokan/{sent}/ansokan.pdf")
    assert response.status_code == 503
    assert "Det gick inte att göra PDF-filen" in response.get_data(as_text=True)
