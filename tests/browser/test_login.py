"""Logging in and out in real Chromium, through the simulated BankID screens."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.auth.models import WebSession
from portal.auth.sessions import COOKIE_NAME, token_hash
from portal.db import get_session
from portal.devidp.identities import demo_identity
from portal.domain.personnummer import parse_personnummer
from portal.people.services import get_or_create_unit, upsert_staff
from tests.browser.conftest import check_a11y

from .helpers import log_out_in_browser, login_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def eva(live_server):
    """Eva Ek, handläggare, in the staff table (staff are never created at login)."""
    identity = demo_identity("eva")
    with live_server.app.app_context():
        unit = get_or_create_unit("norr", "Biståndsenheten Norr")
        upsert_staff(parse_personnummer(identity.personnummer), "Eva", "Ek", "case_officer", unit)
        get_session().commit()
    return identity


def session_row(app, page):
    token = next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE_NAME)
    with app.extensions["db_engine"].connect() as connection:
        return connection.execute(
            select(WebSession).where(WebSession.token_hash == token_hash(token))
        ).first()


def test_citizen_logs_in_with_bankid_on_this_device_and_logs_out(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Logga in med BankID").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in med BankID")
    check_a11y(page, "login_bankid_start")

    login_in_browser(page, live_server.url, "Anna Andersson")

    assert page.url.endswith("/mitt-stod")
    expect(page.locator(".site-header")).to_contain_text("Anna Andersson")
    check_a11y(page, "login_citizen_landing")
    log_out_in_browser(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Du är utloggad")
    expect(page.locator(".site-header")).not_to_contain_text("Anna Andersson")
    check_a11y(page, "login_logged_out")


def test_citizen_logs_in_with_bankid_on_another_device(page, live_server):
    live_server.app.config["DEVIDP_INSTANT"] = False  # show the waiting screen
    page.goto(live_server.url + "/logga-in")
    page.get_by_label("BankID på en annan enhet").check()
    page.get_by_role("button", name=re.compile(r"^Anna Andersson\b")).click()

    expect(page.get_by_text("Öppna BankID-appen och skanna QR-koden.")).to_be_visible()
    check_a11y(page, "login_bankid_other_device")
    page.wait_for_url(re.compile(r"/mitt-stod$"), timeout=15_000)

    expect(page.locator(".site-header")).to_contain_text("Anna Andersson")
    log_out_in_browser(page)


def test_cancelling_at_bankid_shows_a_calm_page(page, live_server):
    page.goto(live_server.url + "/logga-in")
    page.get_by_role("link", name="Avbryt").click()

    expect(page.get_by_text("Du avbröt inloggningen.")).to_be_visible()
    expect(page.get_by_role("link", name="Försök igen")).to_have_attribute("href", "/logga-in")
    check_a11y(page, "login_cancelled")


def test_case_officer_logs_in_to_the_staff_area(page, live_server, eva):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Logga in som personal").click()

    login_in_browser(page, live_server.url, "Eva Ek", staff=True)

    assert page.url.endswith("/handlaggare/")
    expect(page.locator("main")).to_contain_text("Biståndsenheten Norr")
    expect(page.locator("main")).to_contain_text("Handläggare")
    expect(page.locator(".site-header")).to_contain_text("Eva Ek")
    check_a11y(page, "login_staff_home")
    log_out_in_browser(page)


def test_back_button_after_logout_shows_no_personal_data(page, live_server, eva):
    login_in_browser(page, live_server.url, "Eva Ek", staff=True)
    expect(page.locator("main")).to_contain_text("Till ärendena")
    log_out_in_browser(page)

    page.go_back()
    page.wait_for_load_state("load")

    assert "/handlaggare/" not in page.url or "logga-in" in page.url
    expect(page.locator("body")).not_to_contain_text("Till ärendena")
    expect(page.locator("body")).not_to_contain_text("Inloggad:")


def _wait_for_newer_last_seen(app, page, before, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if session_row(app, page).last_seen_at > before:
            return
        time.sleep(0.1)
    raise AssertionError("the server did not extend the session")


def test_timeout_dialog_warns_continues_and_finally_logs_out(page, live_server, eva):
    app = live_server.app
    app.config["SESSION_IDLE_MINUTES"] = 0.2  # 12 seconds: warning after 6
    login_in_browser(page, live_server.url, "Eva Ek", staff=True)
    dialog = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(dialog).to_be_hidden()

    expect(dialog).to_be_visible(timeout=10_000)
    assert page.evaluate("() => document.activeElement.closest('dialog') !== null")
    expect(dialog).to_contain_text("Det du har skrivit är sparat.")
    check_a11y(page, "login_timeout_dialog")
    before = session_row(app, page).last_seen_at
    dialog.get_by_role("button", name="Fortsätt").click()
    expect(dialog).to_be_hidden()
    _wait_for_newer_last_seen(app, page, before)

    expect(dialog).to_be_visible(timeout=10_000)
    before = session_row(app, page).last_seen_at
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    _wait_for_newer_last_seen(app, page, before)
    assert page.url.endswith("/handlaggare/")

    page.wait_for_url(re.compile(r"/session-slut$"), timeout=20_000)
    expect(page.get_by_text("Det du skrev är sparat.")).to_be_visible()
    expect(page.locator(".site-header")).not_to_contain_text("Eva Ek")
    assert session_row(app, page).staff_id is None
    check_a11y(page, "login_session_ended")


def test_without_javascript_there_is_no_dialog_and_login_works(no_js_page, live_server, eva):
    no_js_page.goto(live_server.url + "/handlaggare/logga-in")
    no_js_page.get_by_role("button", name=re.compile(r"^Eva Ek\b")).click()

    no_js_page.wait_for_url(re.compile(r"/handlaggare/$"))
    expect(no_js_page.locator("main")).to_contain_text("Till ärendena")
    expect(no_js_page.get_by_role("alertdialog")).to_have_count(0)
    expect(no_js_page.locator("#timeout-dialog")).to_be_hidden()


def test_refused_login_shows_a_calm_page_with_try_again(page, live_server):
    page.goto(live_server.url + "/auth/callback?code=made-up&state=made-up")

    expect(page.get_by_text("Inloggningen gick inte. Försök igen.")).to_be_visible()
    expect(page.get_by_role("link", name="Försök igen")).to_have_attribute("href", "/logga-in")
    check_a11y(page, "login_refused")
