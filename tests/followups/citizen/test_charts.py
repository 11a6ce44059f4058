"""Charts: SVG with a text alternative, readable without colour, same numbers as the table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own output, not untrusted data

import pytest

from portal.followups import charts
from tests.conftest import csrf_token
from tests.followups.citizen.test_answering import answer_all

SVG = "{http://www.w3.org/2000/svg}"
WORDS = ("Inga", "Lätta", "Måttliga", "Stora", "Totala")


def _text(title="Sköta din kropp", description="Du sa: måttliga."):
    return charts.ChartText(title, description, WORDS)


def test_a_line_chart_has_a_title_a_description_and_one_marker_per_answer():
    series = [charts.Series("self", "Du sa", (2, 1)), charts.Series("assessed", "Handläggaren", (3, None))]
    svg = charts.line_chart("c1", ["Ansökan\n1 jan 2026", "Uppföljning\n1 jul 2026"], series,
                            charts.Series("goal", "Mål", (1,)), _text())
    root = ET.fromstring(svg)  # noqa: S314
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Sköta din kropp"
    assert root.find(f"{SVG}desc").text == "Du sa: måttliga."
    markers = [(e.get("data-series"), e.get("data-value")) for e in root.iter() if e.get("data-series")]
    assert markers == [("goal", "1"), ("self", "2"), ("self", "1"), ("assessed", "3")]


def test_series_differ_by_pattern_and_marker_not_only_colour():
    styles = list(charts.STYLES.values())
    assert len({s.dash for s in styles}) == len(styles)
    assert len({s.marker for s in styles}) == len(styles)


def test_words_in_a_chart_are_escaped():
    svg = charts.radar_chart("c2", ["<b>A</b>", "B", "C"], [charts.Series("self", "x & y", (0, 1, 2))],
                             _text(title="<script>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg
    ET.fromstring(svg)  # noqa: S314  # still well-formed


def test_a_star_needs_three_areas():
    with pytest.raises(ValueError):
        charts.radar_chart("c3", ["A", "B"], [charts.Series("self", "x", (0, 1))], _text())


def _svg_values(svg_html: str, series: str) -> list[str]:
    root = ET.fromstring(svg_html)  # noqa: S314
    return [e.get("data-value") for e in root.iter() if e.get("data-series") == series]


def _table_values(page: str, table_id: str, series: str) -> list[str]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [v for v in re.findall(rf'data-series="{series}" data-value="([^"]*)"', table) if v != "None"]


def _chart(page: str, chart_id: str) -> str:
    start = page.index("<svg", page.index(f'id="{chart_id}-title"') - 600)
    return page[start:page.index("</svg>", start) + len("</svg>")]


def test_the_page_shows_the_chart_and_a_table_with_the_same_numbers(make_case, login_as):
    case = make_case(areas=("d4", "d5", "d6"))
    client = login_as(case.citizen)
    before = client.get("/min-utveckling").get_data(as_text=True)
    assert 'id="chart-star-title"' in before
    client.post(f"/uppfoljning/{case.follow_up.id}/skicka",
                data={"csrf_token": answer_all(client, case.follow_up.id, levels=("1", "0", "none"))})
    page = client.get("/min-utveckling").get_data(as_text=True)
    for code in ("d4", "d5", "d6"):
        svg = _chart(page, f"chart-{code}")
        for series in ("self", "assessed", "goal"):
            assert _svg_values(svg, series) == _table_values(page, f"table-{code}", series), (code, series)
    assert _svg_values(_chart(page, "chart-d4"), "self") == ["2", "1"]  # the line changed
    star = _chart(page, "chart-star")
    for series in ("first", "self", "assessed", "goal"):
        assert _svg_values(star, series) == _table_values(page, "table-star", series), series
    assert "Uppföljning" in page and csrf_token(client, "/min-utveckling")
