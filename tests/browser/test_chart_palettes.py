"""The charts on /min-utveckling read in light, dark and forced-colours palettes (issue 18):
words keep 4.5:1 and lines 3:1 against what is behind them, and the demo data draws the star."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import login_in_browser
from tests.browser.test_focus_and_reflow import contrast, seed_demo

pytestmark = pytest.mark.browser

PALETTES = {
    "light": {"color_scheme": "light", "forced_colors": "none"},
    "dark": {"color_scheme": "dark", "forced_colors": "none"},
    "forced-light": {"color_scheme": "light", "forced_colors": "active"},
    "forced-dark": {"color_scheme": "dark", "forced_colors": "active"},
}

# Computed colours of every chart word and line, and the first opaque background behind the chart.
_CHART_COLOURS = """svg => {
  const opaque = c => c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c);
  let node = svg.parentElement, background = 'rgb(255, 255, 255)';
  while (node) {
    const c = getComputedStyle(node).backgroundColor;
    if (opaque(c)) { background = c; break; }
    node = node.parentElement;
  }
  const words = [...svg.querySelectorAll('.chart-ink')].map(t => [t.textContent, getComputedStyle(t).fill]);
  const lines = [...svg.querySelectorAll('polyline, line[class^="series-"]')]
    .map(l => [l.getAttribute('class'), getComputedStyle(l).stroke]);
  return {background, words, lines};
}"""


def test_charts_read_in_every_palette(page, live_server):
    seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Anna Andersson")
    page.goto(live_server.url + "/min-utveckling")
    expect(page.locator("svg.chart-radar")).to_be_visible()  # the demo's three areas make a star
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for name, media in PALETTES.items():
        page.emulate_media(**media)
        page.screenshot(path=str(ARTIFACTS / f"charts-{name}.png"), full_page=True)
        for chart in page.locator("svg.chart").all():
            colours = chart.evaluate(_CHART_COLOURS)
            for text, fill in colours["words"]:
                if contrast(fill, colours["background"]) < 4.5:
                    problems.append(f"{name}: word {text!r} {fill} on {colours['background']}")
            for series, stroke in colours["lines"]:
                if contrast(stroke, colours["background"]) < 3:
                    problems.append(f"{name}: line {series} {stroke} on {colours['background']}")
    assert not problems, "\n".join(problems)
