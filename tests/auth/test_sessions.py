"""Server-side sessions: cookie, new id at login, timeouts, nothing lost, logout."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import jsonify, request
from sqlalchemy import func, select, update

from portal import create_app
from portal.auth import citizen_required, oidc, take_pending_form
from portal.auth.models import WebSession
from portal.auth.sessions import COOKIE_NAME, CSRF_COOKIE_NAME, SECURE_COOKIE_NAME, token_hash
from portal.domain.personnummer import make_test_personnummer
from portal.modelbase import utcnow
from tests.conftest import csrf_token, make_config

from .conftest import CLIENT_ID, GOOD_PNR, PNR_CLAIM, access_log, come_back, leaving_form, session_of, start_login

PAGE = "/test/skriv"


@pytest.fixture
def typing_page(app):
    """A citizen page with a form, like the application steps."""

    @citizen_required
    def view():
        if request.method == "POST":
            return "sparat"
        restored = take_pending_form(request.path)
        return jsonify(restored=restored.to_dict(flat=False) if restored else None)

    app.add_url_rule(PAGE, "typing_page", view, methods=["GET", "POST"])
    return PAGE


def cookie(client) -> str | None:
    found = client.get_cookie(COOKIE_NAME)
    return found.value if found else None


def row(app, token: str):
    with app.extensions["db_engine"].connect() as connection:
        return connection.execute(
            select(WebSession).where(WebSession.token_hash == token_hash(token))
        ).first()


def move_clock(app, token: str, **ago) -> None:
    """Pretend the session was last used, or will end, at another time."""
    values = {name: utcnow() - delta for name, delta in ago.items()}
    with app.extensions["db_engine"].begin() as connection:
        connection.execute(
            update(WebSession).where(WebSession.token_hash == token_hash(token)).values(**values)
        )


def count_rows(app) -> int:
    with app.extensions["db_engine"].connect() as connection:
        return connection.execute(select(func.count()).select_from(WebSession)).scalar_one()


def test_visit_that_stores_nothing_writes_nothing(app, client):
    response = client.get("/healthz")

    assert "Set-Cookie" not in response.headers
    assert count_rows(app) == 0


def test_anonymous_visitor_gets_a_csrf_cookie_but_no_session_row(app, client):
    """Issue 11, finding 10: a cookieless GET of a public page writes no row."""
    for _ in range(3):
        client.get("/")
        client.get("/no-such-page")

    assert count_rows(app) == 0
    assert cookie(client) is None
    assert len(client.get_cookie(CSRF_COOKIE_NAME).value) == 40


def test_anonymous_visitor_gets_a_row_when_the_session_holds_more(app, client):
    client.get("/")
    csrf = client.get_cookie(CSRF_COOKIE_NAME).value

    client.get("/mitt-stod")  # remembers where the visitor was going

    assert count_rows(app) == 1
    assert len(cookie(client)) >= 43  # 256 random bits, base64url
    assert row(app, cookie(client)).citizen_id is None
    assert csrf in row(app, cookie(client)).data
    assert client.get_cookie(CSRF_COOKIE_NAME) is None


@pytest.mark.parametrize(("path", "name"), [("/mitt-stod", COOKIE_NAME), ("/", CSRF_COOKIE_NAME)])
def test_cookie_is_httponly_and_samesite_lax(client, path, name):
    header = client.get(path).headers["Set-Cookie"]

    assert header.startswith(name + "=")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Secure" not in header


def test_cookie_is_secure_with_host_prefix_when_configured(database_url, instance_dir):
    secure_app = create_app(make_config(database_url, instance_dir, SESSION_COOKIE_SECURE=True))
    try:
        header = secure_app.test_client().get("/mitt-stod", base_url="https://localhost").headers[
            "Set-Cookie"]
    finally:
        secure_app.extensions["db_engine"].dispose()

    assert header.startswith(SECURE_COOKIE_NAME + "=")
    assert SECURE_COOKIE_NAME.startswith("__Host-")
    assert "Secure" in header and "HttpOnly" in header and "Path=/" in header
    assert "Domain" not in header


def test_login_gives_a_new_session_id_and_drops_the_old_one(app, client, provider):
    client.get("/mitt-stod")
    before = cookie(client)

    come_back(client, provider, start_login(client))

    after = cookie(client)
    assert after != before
    assert row(app, before) is None
    assert row(app, after).citizen_id == session_of(client)["citizen_id"]


def test_session_row_holds_neither_personnummer_nor_the_raw_id_token(app, client, provider):
    come_back(client, provider, start_login(client))
    id_token = provider.id_token()

    data = row(app, cookie(client)).data

    assert GOOD_PNR not in data
    assert id_token.split(".")[0] not in data


def test_idle_session_expires_on_the_server(app, client, login_as, make_citizen, typing_page):
    login_as(make_citizen())
    assert client.get(typing_page).status_code == 200
    token = cookie(client)
    csrf_before = session_of(client).get("csrf_token")

    move_clock(app, token, last_seen_at=timedelta(minutes=22))
    response = client.get(typing_page)

    assert response.status_code == 303
    assert response.headers["Location"] == "/logga-in"
    assert row(app, token).citizen_id is None
    assert session_of(client).get("csrf_token") == csrf_before
    assert [e.reason_code for e in access_log(app, "logout")] == ["timeout"]


def test_activity_inside_the_idle_time_keeps_the_session(
    app, client, login_as, make_citizen, typing_page
):
    login_as(make_citizen())
    client.get(typing_page)
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=19))

    assert client.get(typing_page).status_code == 200
    assert utcnow() - row(app, cookie(client)).last_seen_at < timedelta(seconds=5)


def test_session_ends_after_its_absolute_lifetime(
    app, client, login_as, make_citizen, typing_page
):
    login_as(make_citizen())
    client.get(typing_page)
    move_clock(app, cookie(client), expires_at=timedelta(seconds=1))

    response = client.get(typing_page)

    assert response.status_code == 303
    assert "citizen_id" not in session_of(client)


def test_form_posted_after_expiry_is_kept_and_given_back_after_login(
    app, client, provider, typing_page
):
    come_back(client, provider, start_login(client))
    token = csrf_token(client, "/utloggad")
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=30))

    posted = client.post(typing_page, data={"csrf_token": token, "how_it_works": "Jag lagar mat",
                                            "areas": ["d5", "d6"]})
    assert posted.status_code == 303  # not a CSRF refusal
    assert posted.headers["Location"] == "/logga-in"
    back = come_back(client, provider, start_login(client))

    assert back.headers["Location"] == typing_page
    restored = client.get(typing_page).get_json()["restored"]
    assert restored == {"how_it_works": ["Jag lagar mat"], "areas": ["d5", "d6"]}
    assert client.get(typing_page).get_json()["restored"] is None  # only once


def test_someone_else_logging_in_after_expiry_does_not_get_the_text(
    app, client, provider, typing_page
):
    come_back(client, provider, start_login(client))
    token = csrf_token(client, "/utloggad")
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=30))
    client.post(typing_page, data={"csrf_token": token, "how_it_works": "Privat"})

    provider.claims_patch = {PNR_CLAIM: make_test_personnummer(date(1960, 1, 2), "982"),
                             "given_name": "Bertil", "family_name": "Berg"}
    come_back(client, provider, start_login(client))

    assert client.get(typing_page).get_json()["restored"] is None


def test_get_after_expiry_comes_back_to_the_same_page(app, client, provider, typing_page):
    come_back(client, provider, start_login(client))
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=30))

    client.get(typing_page + "?steg=2")
    back = come_back(client, provider, start_login(client))

    assert back.headers["Location"] == typing_page + "?steg=2"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_saved_next_never_leads_off_the_portal(client, provider, target):
    with client.session_transaction() as session:
        session["next"] = target

    back = come_back(client, provider, start_login(client))

    assert back.headers["Location"] == "/mitt-stod"


def test_htmx_request_after_expiry_sends_the_whole_page_to_login(
    app, client, login_as, make_citizen, typing_page
):
    login_as(make_citizen())
    token = csrf_token(client, "/utloggad")
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=30))

    response = client.post(typing_page, data={"text": "hej"},
                           headers={"HX-Request": "true", "X-CSRFToken": token,
                                    "HX-Current-URL": "http://localhost/ansokan/1"})

    assert response.headers["HX-Redirect"] == "/logga-in"
    assert session_of(client)["next"] == "/ansokan/1"


def test_logout_ends_the_session_first_then_sends_the_browser_to_the_provider(
    app, client, provider
):
    come_back(client, provider, start_login(client))
    old = cookie(client)

    response = client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})

    # Already logged out here, whether or not the provider ever answers.
    assert row(app, old) is None and cookie(client) is None
    assert len(access_log(app, "logout")) == 1
    assert response.status_code == 200 and "Location" not in response.headers
    assert "Inloggad:" not in response.get_data(as_text=True)
    method, action, fields = leaving_form(response)
    assert (method, action) == ("get", provider.url + "/logout")
    assert fields == {"client_id": CLIENT_ID,
                      "post_logout_redirect_uri": "http://localhost/utloggad"}
    # The portal's CSP lets this one page's form go to the provider's origin only.
    csp = response.headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.url};" in csp


def test_the_id_token_never_goes_into_a_url(app, client, provider):
    """Issue 11, finding 7: the ID token carries the personnummer; only a POST body may."""
    app.config["PORTAL_OIDC_LOGOUT_METHOD"] = "post"
    come_back(client, provider, start_login(client))

    response = client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})

    method, action, fields = leaving_form(response)
    assert (method, action) == ("post", provider.url + "/logout")
    assert fields["id_token_hint"].count(".") == 2
    assert "?" not in action and "Location" not in response.headers


def test_logout_without_a_reachable_provider_still_logs_out(app, client, provider):
    come_back(client, provider, start_login(client))
    old = cookie(client)
    provider.stop()
    oidc.clear_caches()

    response = client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})

    assert response.headers["Location"] == "/utloggad"
    assert row(app, old) is None and cookie(client) is None


def test_old_cookie_does_not_work_after_logout(
    app, client, login_as, make_citizen, typing_page
):
    login_as(make_citizen())
    old = cookie(client)
    response = client.post("/logga-ut", data={"csrf_token": csrf_token(client, "/utloggad")})
    assert response.headers["Location"] == "/utloggad"  # no provider login to end

    client.set_cookie(COOKIE_NAME, old)

    assert client.get(typing_page).status_code == 303


def test_logout_needs_the_csrf_token(client, login_as, make_citizen):
    login_as(make_citizen())

    assert client.post("/logga-ut").status_code == 400
    assert "citizen_id" in session_of(client)


def test_personal_pages_are_not_stored_by_the_browser(client, login_as, make_staff):
    login_as(make_staff(), staff=True)

    response = client.get("/handlaggare/")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_two_app_instances_share_sessions(app, client, login_as, make_staff, app_config):
    login_as(make_staff(given_name="Eva", family_name="Ek"), staff=True)
    other = create_app(app_config)
    try:
        other_client = other.test_client()
        other_client.set_cookie(COOKIE_NAME, cookie(client))
        page = other_client.get("/handlaggare/").get_data(as_text=True)
    finally:
        other.extensions["db_engine"].dispose()

    assert "Eva Ek" in page


def test_continue_extends_the_idle_time(app, client, login_as, make_citizen):
    login_as(make_citizen())
    token = csrf_token(client, "/utloggad")
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=5))

    response = client.post("/session/fortsatt", headers={"X-CSRFToken": token,
                                                         "Accept": "application/json"})

    assert response.status_code == 200 and response.get_json()["active"] is True
    assert utcnow() - row(app, cookie(client)).last_seen_at < timedelta(seconds=5)


def test_continue_without_javascript_goes_back_to_the_page(client, login_as, make_citizen):
    login_as(make_citizen())

    response = client.post("/session/fortsatt", data={
        "csrf_token": csrf_token(client, "/utloggad"), "next": "/utloggad"})

    assert response.status_code == 303 and response.headers["Location"] == "/utloggad"


def test_continue_after_expiry_says_so(app, client, login_as, make_citizen):
    login_as(make_citizen())
    token = csrf_token(client, "/utloggad")
    move_clock(app, cookie(client), last_seen_at=timedelta(minutes=30))

    response = client.post("/session/fortsatt", headers={"X-CSRFToken": token,
                                                         "Accept": "application/json"})

    assert response.status_code == 401


def test_session_ended_by_the_timeout_script_logs_out(client, login_as, make_citizen,
                                                      typing_page):
    login_as(make_citizen())
    token = csrf_token(client, "/utloggad")

    response = client.post("/session-slut", data={"csrf_token": token})

    assert response.headers["Location"] == "/session-slut"
    page = client.get("/session-slut").get_data(as_text=True)
    assert "Du loggades ut för att du inte gjorde något på 20 minuter." in page
    assert "Det du skrev är sparat." in page
    assert "Inloggad:" not in page
    assert client.get(typing_page).status_code == 303


def test_another_site_cannot_end_the_session(client, login_as, make_citizen, typing_page):
    """Issue 11, finding 14: a link or a form from elsewhere must not log anyone out."""
    login_as(make_citizen())

    assert client.get("/session-slut").headers["Location"] == "/mitt-stod"
    assert client.post("/session-slut").status_code == 400  # no CSRF token

    assert client.get(typing_page).status_code == 200


@pytest.mark.parametrize("target", ["/mitt-stod\r\nSet-Cookie: x=1", "/\t/evil.example",
                                    "/ok\x00", "/ok\x7f"])
def test_next_with_control_characters_is_ignored(client, login_as, make_citizen, target):
    """Issue 11, finding 14: these gave a 500 (no header may hold them)."""
    login_as(make_citizen())
    token = csrf_token(client, "/utloggad")

    response = client.post("/session/fortsatt", data={"csrf_token": token, "next": target})

    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_purge_removes_only_sessions_past_their_time(app, client, login_as, make_citizen):
    login_as(make_citizen())
    live = cookie(client)
    dead_client = app.test_client()
    dead_client.get("/mitt-stod")
    dead = dead_client.get_cookie(COOKIE_NAME).value
    move_clock(app, dead, expires_at=timedelta(minutes=1))

    result = app.test_cli_runner().invoke(args=["sessions", "purge"])

    assert "Removed 1 expired sessions." in result.output
    assert row(app, dead) is None and row(app, live) is not None
