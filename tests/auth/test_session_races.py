"""Two requests of one person never overwrite each other's session (issue 11, finding 13).

A page and its assets, or htmx polling beside a form, run at the same time
on the same session. Neither may replace the cookie, the CSRF token or a
change the other one made.
"""

from __future__ import annotations

import threading

import pytest
from flask import session

from portal.auth.sessions import COOKIE_NAME
from tests.conftest import _forget_cached_csrf_token, csrf_token

from .conftest import session_of

WAIT = 10  # seconds an event may take before the test fails instead of hanging


def switch_language(client, token: str, locale: str = "en"):
    """The language form, which every page has: a real CSRF-checked POST."""
    return client.post("/sprak", data={"csrf_token": token, "locale": locale, "next": "/"})


@pytest.mark.parametrize("logged_in", [True, False])
def test_form_works_after_the_page_asked_for_a_missing_static_file(
    client, login_as, make_citizen, logged_in
):
    if logged_in:
        login_as(make_citizen())
    token = csrf_token(client, "/tillganglighet")

    _forget_cached_csrf_token()  # each request of a browser starts afresh
    assert client.get("/static/css/not-installed-yet.css").status_code == 404
    _forget_cached_csrf_token()
    response = switch_language(client, token)

    assert response.status_code == 303
    assert session_of(client)["locale"] == "en"


@pytest.fixture
def slow_poll(app):
    """An htmx-style poll that changes the session and is held mid-flight."""
    entered, release = threading.Event(), threading.Event()

    def poll():
        session["polled"] = session.get("polled", 0) + 1
        entered.set()
        assert release.wait(WAIT)
        return "ok"

    app.add_url_rule("/test/poll", "slow_poll", poll)
    return entered, release


def test_form_sent_while_a_poll_is_in_flight_keeps_both_changes(
    app, client, login_as, make_citizen, slow_poll
):
    entered, release = slow_poll
    login_as(make_citizen())
    token = csrf_token(client, "/tillganglighet")
    other_tab = app.test_client()
    other_tab.set_cookie(COOKIE_NAME, client.get_cookie(COOKIE_NAME).value)
    polled = {}
    poller = threading.Thread(target=lambda: polled.update(response=other_tab.get("/test/poll")))
    poller.start()
    assert entered.wait(WAIT)

    sent = switch_language(client, token)
    release.set()
    poller.join(WAIT)

    assert sent.status_code == 303
    assert polled["response"].status_code == 200
    stored = session_of(client)
    assert stored["locale"] == "en" and stored["polled"] == 1
    assert switch_language(client, csrf_token(client, "/tillganglighet"), "sv").status_code == 303


@pytest.fixture
def failing_page(app):
    def fail():
        session["half_done"] = True
        raise RuntimeError("a fault after a session change")

    app.add_url_rule("/test/fails", "failing_page", fail)
    return "/test/fails"


def test_a_failed_request_keeps_no_session_change_but_its_form_works(
    client, login_as, make_citizen, failing_page
):
    login_as(make_citizen())

    token = csrf_token(client, failing_page)

    assert "half_done" not in session_of(client)
    assert switch_language(client, token).status_code == 303
