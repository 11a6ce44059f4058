"""Helpers for browser tests: log in as a person would, through the real screens."""

from __future__ import annotations

import re

CITIZEN_LOGIN = "/logga-in"
STAFF_LOGIN = "/handlaggare/logga-in"


def login_in_browser(page, base_url: str, name: str, staff: bool = False) -> None:
    """Log in through the simulated BankID as the demo person called `name`.

    Chooses "BankID på den här enheten", clicks the person by visible name and
    waits until the portal's landing page (or the saved `next` page) is shown.
    """
    page.goto(base_url.rstrip("/") + (STAFF_LOGIN if staff else CITIZEN_LOGIN))
    page.get_by_label("BankID på den här enheten").check()
    page.get_by_role("button", name=re.compile("^" + re.escape(name) + r"\b")).click()
    page.wait_for_url(_back_in_the_portal)
    page.wait_for_load_state("load")


def log_out_in_browser(page) -> None:
    """Click "Logga ut" in the header and wait for "Du är utloggad"."""
    page.locator(".site-header").get_by_role("button", name="Logga ut").click()
    page.wait_for_url(re.compile(r"/utloggad(\?|$)"))


def _back_in_the_portal(url: str) -> bool:
    return "/dev-idp/" not in url and "/auth/callback" not in url and "/logga-in" not in url


class BrowserPerson:
    """One person in their own browser context: walks pages by visible labels and runs axe
    on each page they look at (axe needs JavaScript, so only when it is on)."""

    shot_prefix = "person"

    def __init__(self, browser, base: str, name: str, js: bool = True, staff: bool = False,
                 viewport: dict | None = None):
        self.context = browser.new_context(java_script_enabled=js, locale="sv-SE",
                                           viewport=viewport or {"width": 1100, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base, self.name, self.js, self.staff = base, name, js, staff
        self.shots = 0

    def log_in(self):
        login_in_browser(self.page, self.base, self.name, staff=self.staff)
        return self

    def go(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def looks_right(self, name: str) -> None:
        from tests.browser.conftest import check_a11y

        self.shots += 1
        if self.js:
            check_a11y(self.page, f"{self.shot_prefix}-{self.shots:02d}-{name}")

    def close(self) -> None:
        self.context.close()
