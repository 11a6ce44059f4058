"""The timeout dialog warns before the absolute session limit too, and always says
how much time is really left (issue 18, WCAG 2.2.1)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_a11y
from tests.browser.helpers import login_in_browser
from tests.browser.test_focus_and_reflow import seed_demo

pytestmark = pytest.mark.browser


def test_absolute_limit_is_warned_before_and_ends_the_session(page, live_server):
    seed_demo(live_server.app)
    live_server.app.config["SESSION_ABSOLUTE_HOURS"] = 20 / 3600  # 20 seconds in all, however busy
    login_in_browser(page, live_server.url, "Eva Ek", staff=True)
    dialog = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_contain_text("Du kan inte vara inloggad hur länge som helst.")
    expect(dialog).to_contain_text(re.compile(r"Om \d+ sekunder loggas du ut\."))
    expect(dialog.get_by_role("button", name="Fortsätt")).to_be_hidden()  # it could not keep its promise
    expect(dialog.get_by_role("button", name="Jag förstår")).to_be_focused()
    check_a11y(page, "session-absolute-limit-dialog")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.wait_for_url(re.compile(r"/session-slut$"), timeout=25_000)
    expect(page.locator(".site-header")).not_to_contain_text("Eva Ek")


def test_idle_warning_says_the_real_time_left(page, live_server):
    seed_demo(live_server.app)
    live_server.app.config["SESSION_IDLE_MINUTES"] = 0.2  # 12 seconds: warning after 6
    login_in_browser(page, live_server.url, "Eva Ek", staff=True)
    dialog = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_contain_text(re.compile(r"Du har inte gjort något på en stund\. Om \d+ sekunder loggas du ut\."))
    expect(dialog).not_to_contain_text("två minuter")
    expect(dialog.get_by_role("button", name="Jag förstår")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Fortsätt")).to_be_focused()
    dialog.get_by_role("button", name="Fortsätt").click()
    expect(dialog).to_be_hidden()
