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
