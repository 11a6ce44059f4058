"""What axe cannot see: every focusable element shows its focus, also in forced
colours, focused text stays readable, and no page scrolls sideways when narrow
or with WCAG's text-spacing overrides (issue 18)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import login_in_browser

pytestmark = pytest.mark.browser

MAX_ELEMENTS = 40
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)
# WCAG 1.4.12's text-spacing overrides, as a person's own stylesheet would set them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""

# Marks the focusable elements in document order and returns how many there are.
_MARK_FOCUSABLES = """([selector, limit]) => {
  const all = [...document.querySelectorAll(selector)].filter(el =>
    el.checkVisibility({visibilityProperty: true}) || el.classList.contains('skip-link'));
  all.slice(0, limit).forEach((el, i) => el.setAttribute('data-focus-probe', i));
  return Math.min(all.length, limit);
}"""

_BOX = """el => {
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  const r = el.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""

# The element's text colour and the first opaque background behind it.
_COLOURS = """el => {
  const opaque = c => c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c);
  let node = el, background = null;
  while (node && node.nodeType === 1) {
    const c = getComputedStyle(node).backgroundColor;
    if (opaque(c)) { background = c; break; }
    node = node.parentElement;
  }
  return {text: getComputedStyle(el).color, background: background || 'rgb(255, 255, 255)',
          visible: el.matches(':focus-visible'), name: el.outerHTML.slice(0, 120)};
}"""


def seed_demo(app) -> dict:
    """The demo municipality; ids of Anna's case and Cecilia's draft."""
    from portal.applications.models import Application
    from portal.decisions.models import Decision
    from portal.demo import seed
    from portal.people.models import Citizen

    with app.app_context():
        db = get_session()
        seed()
        db.commit()
        citizen = {c.given_name: c.id for c in db.scalars(select(Citizen))}
        return {
            "decision": db.scalars(select(Decision.id).where(Decision.citizen_id == citizen["Anna"])).one(),
            "case": db.scalars(select(Application.id).where(Application.citizen_id == citizen["Anna"])).one(),
            "draft": db.scalars(select(Application.id).where(Application.citizen_id == citizen["Cecilia"])).one(),
        }


def citizen_pages(ids: dict) -> list[str]:
    return ["/mitt-stod", f"/beslut/{ids['decision']}", "/min-utveckling"]


def staff_pages(ids: dict) -> list[str]:
    return ["/handlaggare/inkorg", f"/handlaggare/arenden/{ids['case']}"]


# ---- colour arithmetic (WCAG relative luminance) ----------------------------

def _rgb(css: str) -> tuple[float, float, float]:
    parts = css[css.index("(") + 1 : css.index(")")].replace("/", ",").replace(",", " ").split()
    return tuple(float(p) for p in parts[:3])


def _luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    first, second = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (first + 0.05) / (second + 0.05)


def test_contrast_arithmetic():
    assert round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 1) == 21.0
    assert round(contrast("rgb(255, 255, 255)", "rgb(255, 191, 71)"), 2) == 1.64


# ---- focus ------------------------------------------------------------------

def _shot(page: Page, box: dict) -> Image.Image:
    pad = 8
    clip = {"x": max(box["x"] - pad, 0), "y": max(box["y"] - pad, 0),
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    return Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled"))).convert("RGB")


def _union(a: dict, b: dict) -> dict:
    x, y = min(a["x"], b["x"]), min(a["y"], b["y"])
    right = max(a["x"] + a["width"], b["x"] + b["width"])
    bottom = max(a["y"] + a["height"], b["y"] + b["height"])
    return {"x": x, "y": y, "width": max(right - x, 1), "height": max(bottom - y, 1)}


def focus_problems(page: Page, label: str) -> list[str]:
    """Focus every focusable element (keyboard modality) and say where focus is not seen or not readable."""
    page.keyboard.press("Tab")  # the keyboard was used: programmatic focus now shows :focus-visible
    count = page.evaluate(_MARK_FOCUSABLES, [FOCUSABLE, MAX_ELEMENTS])
    assert count > 0, f"nothing focusable on {page.url}"
    problems = []
    for index in range(count):
        element = page.locator(f'[data-focus-probe="{index}"]')
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        unfocused_box = element.evaluate(_BOX)
        element.evaluate("el => el.focus()")
        focused_box = element.evaluate(_BOX)
        colours = element.evaluate(_COLOURS)
        box = _union(unfocused_box, focused_box)
        focused = _shot(page, box)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        unfocused = _shot(page, box)
        where = f"{label} {page.url} {colours['name']}"
        if not colours["visible"]:
            problems.append(f"not :focus-visible: {where}")
        if ImageChops.difference(focused, unfocused).getbbox() is None:
            problems.append(f"no visible change on focus: {where}")
        ratio = contrast(colours["text"], colours["background"])
        if ratio < 4.5:
            problems.append(f"focused text {ratio:.2f}:1 ({colours['text']} on {colours['background']}): {where}")
    return problems


def assert_focus_visible(page: Page, base: str, paths: list[str], name: str) -> None:
    problems = []
    for forced in ("none", "active"):
        page.emulate_media(forced_colors=forced)
        for path in paths:
            page.goto(base + path)
            problems += focus_problems(page, f"[forced-colors: {forced}]")
    page.emulate_media(forced_colors="none")
    assert not problems, "\n".join(problems)


def test_citizen_pages_show_focus_in_every_palette(page, live_server):
    ids = seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Anna Andersson")
    assert_focus_visible(page, live_server.url, citizen_pages(ids), "citizen")


def test_check_page_shows_focus_on_every_change_link(page, live_server):
    ids = seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Cecilia Carlsson")
    page.goto(f"{live_server.url}/ansokan/{ids['draft']}/kontrollera")
    expect(page.get_by_role("link", name="Ändra").first).to_be_visible()
    assert_focus_visible(page, live_server.url, [f"/ansokan/{ids['draft']}/kontrollera"], "check")


def test_staff_pages_show_focus_in_every_palette(page, live_server):
    ids = seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Eva Ek", staff=True)
    assert_focus_visible(page, live_server.url, staff_pages(ids), "staff")


def test_focused_header_link_screenshots(page, live_server):
    """Screenshots for people to look at: the menu link and "Logga ut" focused, normal and forced."""
    seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Anna Andersson")
    page.goto(live_server.url + "/mitt-stod")
    ARTIFACTS.mkdir(exist_ok=True)
    page.keyboard.press("Tab")
    for forced in ("none", "active"):
        page.emulate_media(forced_colors=forced)
        page.locator(".main-nav a").first.focus()
        page.locator(".site-header").screenshot(path=str(ARTIFACTS / f"focus-menu-{forced}.png"))
        page.locator(".site-header").get_by_role("button", name="Logga ut").focus()
        page.locator(".site-header").screenshot(path=str(ARTIFACTS / f"focus-logout-{forced}.png"))


# ---- reflow -----------------------------------------------------------------

REFLOW_VIEWPORTS = (
    ({"width": 320, "height": 640}, 1),
    ({"width": 640, "height": 450}, 2),  # 1280 × 900 CSS px at 200 % zoom
)


def sideways_scroll(browser, base: str, login: tuple[str, bool], paths: list[str], name: str) -> list[str]:
    """Open each page narrow, with text spacing overridden, and say which scroll sideways and why."""
    problems = []
    for viewport, scale in REFLOW_VIEWPORTS:
        # bypass_csp: the portal forbids inline styles; the override is the person's, not the page's.
        context = browser.new_context(locale="sv-SE", viewport=viewport, device_scale_factor=scale, bypass_csp=True)
        page = context.new_page()
        login_in_browser(page, base, login[0], staff=login[1])
        for path in paths:
            page.goto(base + path)
            page.add_style_tag(content=TEXT_SPACING)
            widths = page.evaluate(_WIDER_THAN_VIEWPORT)
            if widths["scroll"] > widths["client"]:
                problems.append(f"{viewport['width']}px: {path} is {widths['scroll']}px wide; "
                                f"too wide: {widths['culprits']}")
            slug = path.strip("/").replace("/", "-") or "start"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"reflow-{name}-{viewport['width']}-{slug}.png"), full_page=True)
        context.close()
    return problems


# The page's widths, and the innermost elements that stick out past the viewport.
_WIDER_THAN_VIEWPORT = """() => {
  const html = document.documentElement, limit = html.clientWidth;
  const culprits = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > limit + 1 && el.checkVisibility())
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > limit + 1))
    .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + el.className + ' ' + el.textContent.trim().slice(0, 40));
  return {scroll: html.scrollWidth, client: limit, culprits};
}"""


def test_citizen_pages_reflow_at_320_px_with_text_spacing(browser, live_server):
    ids = seed_demo(live_server.app)
    problems = sideways_scroll(browser, live_server.url, ("Anna Andersson", False), citizen_pages(ids), "citizen")
    problems += sideways_scroll(browser, live_server.url, ("Cecilia Carlsson", False),
                                [f"/ansokan/{ids['draft']}/kontrollera"], "check")
    assert not problems, "\n".join(problems)


def test_staff_pages_reflow_at_320_px_with_text_spacing(browser, live_server):
    ids = seed_demo(live_server.app)
    problems = sideways_scroll(browser, live_server.url, ("Eva Ek", True), staff_pages(ids), "staff")
    assert not problems, "\n".join(problems)
