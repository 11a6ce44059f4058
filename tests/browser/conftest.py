"""Real Chromium through Playwright, against the app served on a free port.

`live_server` serves the app in a thread (werkzeug, threaded, so the portal
can call the simulated identity provider on the same port). `page` is a
Chromium page; `check_a11y(page)` runs axe-core and fails on any WCAG 2.1
A/AA violation. Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from portal import create_app
from tests.conftest import _empty_tables, make_config

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_config(database_url, instance_dir):
    """Override in a module to change the served app's settings."""
    return make_config(database_url, instance_dir)


@pytest.fixture
def live_server(live_config, instance_dir):
    app = create_app(live_config, instance_path=str(instance_dir))
    server = LiveServer(app)
    # Issuer URLs depend on the port, known only now.
    app.config.setdefault("PORTAL_PUBLIC_URL", server.url)
    app.config["PORTAL_PUBLIC_URL"] = server.url
    app.config["DEVIDP_ISSUER"] = f"{server.url}/dev-idp"
    app.config["PORTAL_OIDC_ISSUER"] = f"{server.url}/dev-idp"
    app.config["PORTAL_STAFF_OIDC_ISSUER"] = f"{server.url}/dev-idp"
    server.start()
    yield server
    server.stop()
    _empty_tables(app)
    app.extensions["db_engine"].dispose()


@pytest.fixture
def app(live_server):
    """In browser tests the app under test is the served one."""
    return live_server.app


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1100, "height": 900})
    yield context
    context.close()


@pytest.fixture
def no_js_context(browser):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page


@pytest.fixture
def no_js_page(no_js_context):
    page = no_js_context.new_page()
    page.set_default_timeout(10_000)
    yield page


_axe = Axe()


def check_a11y(page, name: str | None = None) -> None:
    """Fail on any axe-core WCAG 2.1 A/AA violation; save a screenshot when named."""
    if name:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    summary = [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    ]
    assert not violations, f"axe violations on {page.url}:\n" + "\n".join(summary)
