"""The public pages in real Chromium: axe-clean, and usable without JavaScript."""

import pytest

from tests.browser.conftest import check_a11y

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("/", "Mitt stöd"),
    ("/tillganglighet", "Tillgänglighet för Mitt stöd"),
    ("/personuppgifter", "Så använder vi dina personuppgifter"),
    ("/finns-inte", "Sidan finns inte"),
]


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_is_accessible(page, live_server, path, heading):
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator("html").get_attribute("lang") == "sv"
    check_a11y(page, name="public" + path.replace("/", "_"))


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_works_without_javascript(no_js_page, live_server, path, heading):
    no_js_page.goto(live_server.url + path)
    assert no_js_page.get_by_role("heading", level=1).inner_text() == heading
    check_a11y_ready = no_js_page.get_by_role("link", name="Hoppa till innehållet")
    assert check_a11y_ready.count() == 1


def test_skip_link_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_language_switch_to_english_and_back_without_javascript(no_js_page, live_server):
    no_js_page.goto(live_server.url + "/tillganglighet")
    no_js_page.get_by_role("button", name="In English").click()
    assert no_js_page.locator("html").get_attribute("lang") == "en"
    assert no_js_page.url.endswith("/tillganglighet")
    no_js_page.get_by_role("button", name="På svenska").click()
    assert no_js_page.locator("html").get_attribute("lang") == "sv"
