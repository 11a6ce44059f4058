"""The BankID-style screens, as a person (with or without JavaScript) meets them."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import update

from portal.devidp.models import BankIdOrder

from .conftest import REDIRECT_URI, new_attempt, query_of

STATUS_MESSAGES = {
    "start": "Starta BankID-appen",
    "sign": "Skriv in din säkerhetskod i BankID-appen",
    "cancel": "Åtgärden avbröts. Försök igen.",
    "timeout": "BankID-appen svarar inte. Kontrollera att den är startad och att du har "
               "internetanslutning. Försök igen.",
}


@pytest.fixture
def slow(app):
    """Let orders progress by time, as in development."""
    app.config["DEVIDP_INSTANT"] = False
    return app


def age_order(app, order_ref: str, seconds: float) -> None:
    """Pretend the order started `seconds` ago."""
    factory = app.extensions["devidp"]["sessionmaker"]
    with factory() as session, session.begin():
        session.execute(update(BankIdOrder).where(BankIdOrder.order_ref == order_ref)
                        .values(started_at=time.time() - seconds))


def order_ref_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_start_screen_is_swedish_accessible_and_has_no_inline_code(open_start_page):
    _url, html = open_start_page(new_attempt())

    assert '<html lang="sv">' in html
    assert "Testmiljö – inte riktigt BankID" in html
    assert '<main id="main"' in html
    assert 'href="#main"' in html
    assert "<h1>Logga in med BankID</h1>" in html
    assert "Anna Andersson – Brukare – Har ett beslut och en uppföljning" in html
    assert "BankID på den här enheten" in html
    assert "BankID på en annan enhet" in html
    assert '<label for="personnummer">Personnummer</label>' in html
    assert "12 siffror, till exempel ÅÅÅÅMMDD-NNNN" in html
    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in html
    assert '/static/devidp.css' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=|\son[a-z]+=", html)
    assert re.search(r'<input type="hidden" name="csrf_token" value="[^"]+">', html)


def test_start_screen_refuses_a_post_without_csrf_token(client, open_start_page):
    url, _html = open_start_page(new_attempt())

    response = client.post(url, data={"identity": "anna"})

    assert response.status_code == 400
    assert "Location" not in response.headers


def test_cancel_link_returns_access_denied_with_state(client, open_start_page):
    attempt = new_attempt()
    url, html = open_start_page(attempt)
    cancel_url = re.search(r'href="([^"]+/cancel)"', html).group(1)

    response = client.get(cancel_url)

    assert response.status_code == 303
    assert response.headers["Location"].startswith(REDIRECT_URI + "?")
    query = query_of(response.headers["Location"])
    assert query["error"] == "access_denied"
    assert query["state"] == attempt.state
    assert "code" not in query
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("typed", "message"), [
    ("1942", "Skriv ett personnummer med 12 siffror."),
    ("abc", "Skriv ett personnummer med 12 siffror."),
    ("19420517-9826", "Personnumret stämmer inte. Kontrollera siffrorna."),
])
def test_invalid_personnummer_gets_a_message_and_keeps_the_value(
    open_start_page, submit_start, typed, message
):
    url, html = open_start_page(new_attempt())

    response = submit_start(url, html, identity="personnummer", personnummer=typed)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<title>Fel:" in page
    summary = page[page.index("devidp-error-summary"):page.index("</div>",
                                                                  page.index("devidp-error-summary"))]
    assert f'<a href="#personnummer">{message}</a>' in summary
    assert 'id="personnummer-error"' in page
    assert 'aria-invalid="true"' in page
    assert f'value="{typed}"' in page


def test_valid_unknown_personnummer_logs_in_as_test_person(
    client, open_start_page, submit_start, exchange
):
    from joserfc import jwt
    from joserfc.jwk import KeySet

    attempt = new_attempt()
    url, html = open_start_page(attempt)

    response = submit_start(url, html, identity="personnummer", personnummer="19811218-9876")

    assert response.status_code == 303
    code = query_of(response.headers["Location"])["code"]
    id_token = exchange(code, attempt.verifier).get_json()["id_token"]
    claims = jwt.decode(id_token, KeySet.import_key_set(client.get("/dev-idp/jwks").get_json())
                        ).claims
    assert claims["https://id.oidc.se/claim/personalIdentityNumber"] == "198112189876"
    assert (claims["given_name"], claims["family_name"]) == ("Test", "Person")


def test_same_device_order_moves_through_the_bankid_messages(
    slow, client, open_start_page, submit_start
):
    attempt = new_attempt()
    url, html = open_start_page(attempt)
    order_url = submit_start(url, html, identity="bertil").headers["Location"]
    ref = order_ref_of(order_url)

    page = client.get(order_url).get_data(as_text=True)
    assert STATUS_MESSAGES["start"] in page
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert 'hx-trigger="every 1s"' in page
    assert "Fortsätt" in page and "Avbryt" in page

    status_url = f"/dev-idp/order/{ref}/status"
    assert client.get(status_url + "?seen=outstanding").status_code == 204
    age_order(slow, ref, 1.5)
    fragment = client.get(status_url + "?seen=outstanding", headers={"HX-Request": "true"})
    assert STATUS_MESSAGES["sign"] in fragment.get_data(as_text=True)

    age_order(slow, ref, 2.5)
    done = client.get(status_url + "?seen=user_sign", headers={"HX-Request": "true"})
    assert done.headers["HX-Redirect"].startswith(REDIRECT_URI + "?")
    assert query_of(done.headers["HX-Redirect"])["state"] == attempt.state


def test_continue_button_without_javascript_redirects_when_complete(
    slow, client, open_start_page, submit_start
):
    attempt = new_attempt()
    url, html = open_start_page(attempt)
    order_url = submit_start(url, html, identity="anna").headers["Location"]
    page = client.get(order_url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    early = client.post(order_url, data={"csrf_token": token})
    assert early.status_code == 303
    assert early.headers["Location"].endswith(order_url)

    age_order(slow, order_ref_of(order_url), 3)
    done = client.post(order_url, data={"csrf_token": token})
    assert done.status_code == 303
    query = query_of(done.headers["Location"])
    assert query["state"] == attempt.state and query["code"]
    # The code is issued once; a second press cannot get another.
    assert client.post(order_url, data={"csrf_token": token}).status_code in (400, 404)


@pytest.mark.parametrize(("simulate", "message"), [
    ("user_cancel", STATUS_MESSAGES["cancel"]),
    ("timeout", STATUS_MESSAGES["timeout"]),
])
def test_simulated_failures_show_the_bankid_message(
    client, open_start_page, submit_start, simulate, message
):
    url, html = open_start_page(new_attempt())

    response = submit_start(url, html, identity="cecilia", simulate=simulate)

    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert "Försök igen" in page
    assert "hx-trigger" not in page  # polling stops when the order has failed


def test_other_device_shows_a_server_drawn_qr_code_with_a_text_equivalent(
    slow, client, open_start_page, submit_start
):
    url, html = open_start_page(new_attempt())

    order_url = submit_start(url, html, identity="david", device="other").headers["Location"]

    page = client.get(order_url).get_data(as_text=True)
    assert "<svg" in page and "<path" in page
    assert "Öppna BankID-appen och skanna QR-koden." in page
    assert "Bilden är en QR-kod" in page
    assert not re.search(r"\sstyle=|\son[a-z]+=", page)


def test_cancel_on_the_waiting_screen_returns_access_denied(
    slow, client, open_start_page, submit_start
):
    attempt = new_attempt()
    url, html = open_start_page(attempt)
    order_url = submit_start(url, html, identity="fredrik").headers["Location"]
    page = client.get(order_url).get_data(as_text=True)
    cancel_action = re.search(r'action="([^"]+/cancel)"', page).group(1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    response = client.post(cancel_action, data={"csrf_token": token})

    assert response.status_code == 303
    query = query_of(response.headers["Location"])
    assert query["error"] == "access_denied"
    assert query["state"] == attempt.state
    assert "code" not in query


def test_unknown_login_request_is_a_404_page(client):
    response = client.get("/dev-idp/login/does-not-exist")

    assert response.status_code == 404
    assert '<html lang="sv">' in response.get_data(as_text=True)
