"""Server-rendered SVG charts of levels over time: a star (radar) and a line per area.

Pure Python (no Flask, no database): the caller passes the numbers and the
words, already translated. Every series differs by line pattern and marker
shape as well as by colour, so the charts read in greyscale and for people
who do not see colour. Each SVG has a <title> and a <desc>; the page shows
the same numbers in a table next to it.

Colours are presentation attributes (so the SVG reads on its own, in a PDF)
plus classes (chart-ink, chart-grid, chart-paper, series-<key>) that the
stylesheet recolours for forced colours and dark schemes: any CSS rule wins
over a presentation attribute.

Levels are the ICF scale 0-4 (0 = inga svårigheter). In both charts "fewer
difficulties" is up/outwards, so a bigger star or a rising line means things
got easier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

MAX_LEVEL = 4


@dataclass(frozen=True)
class SeriesStyle:
    key: str  # also the CSS class suffix: series-<key>
    stroke: str
    dash: str  # "" = solid
    marker: str  # circle, square, triangle, diamond
    width: float = 3.0


# Dark colours (contrast ≥ 3:1 on white) that also differ in pattern and marker.
STYLES = {
    "first": SeriesStyle("first", "#6b6b78", "8 5", "square"),
    "self": SeriesStyle("self", "#1d4f91", "", "circle", 3.5),
    "assessed": SeriesStyle("assessed", "#8a4b00", "3 4", "triangle"),
    "goal": SeriesStyle("goal", "#1e6b34", "12 4 3 4", "diamond"),
}

# Background first: the person's own latest answer is drawn on top of everything.
DRAW_ORDER = ("goal", "assessed", "first", "self")


@dataclass(frozen=True)
class Series:
    key: str  # a STYLES key
    name: str
    values: tuple[int | None, ...]  # one per axis or time point; None = no answer


@dataclass(frozen=True)
class ChartText:
    title: str
    description: str
    level_names: tuple[str, ...]  # five words, for 0..4


def _marker(kind: str, x: float, y: float, style: SeriesStyle, size: float = 6.5, data: str = "") -> str:
    # `data` (data-series, data-value) lets a check compare the drawing with the table.
    common = (f'class="chart-paper series-{style.key}" fill="#ffffff" stroke="{style.stroke}" '
              f'stroke-width="2.5"{data}')
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" {common}/>'
    if kind == "square":
        return f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" {common}/>'
    if kind == "triangle":
        points = [(x, y - size * 1.2), (x + size * 1.1, y + size * 0.8), (x - size * 1.1, y + size * 0.8)]
    else:  # diamond
        points = [(x, y - size * 1.3), (x + size * 1.1, y), (x, y + size * 1.3), (x - size * 1.1, y)]
    joined = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polygon points="{joined}" {common}/>'


def _data(series: str, value: int | None) -> str:
    return f' data-series="{series}" data-value="{value}"'


def _open(chart_id: str, text: ChartText, width: int, height: int, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'class="chart chart-{kind}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="14">',
        f'<title id="{chart_id}-title">{escape(text.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(text.description)}</desc>',
    ]


def _path(points: list[tuple[float, float] | None], style: SeriesStyle, closed: bool = False) -> list[str]:
    """Lines between neighbouring points that both have a value (a gap stays a gap)."""
    parts = []
    run: list[tuple[float, float]] = []
    for point in points + ([points[0]] if closed and points else []):
        if point is None:
            if len(run) > 1:
                parts.append(run)
            run = []
        else:
            run.append(point)
    if len(run) > 1:
        parts.append(run)
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return [
        f'<polyline class="series-{style.key}" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}" fill="none" '
        f'stroke="{style.stroke}" stroke-width="{style.width}"{dash} stroke-linejoin="round"/>'
        for run in parts
    ]


def _legend(series: list[Series], x: float, y: float) -> list[str]:
    out = []
    for index, item in enumerate(series):
        style = STYLES[item.key]
        row_y = y + index * 26
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(f'<line class="series-{item.key}" x1="{x:.1f}" y1="{row_y:.1f}" x2="{x + 44:.1f}" '
                   f'y2="{row_y:.1f}" stroke="{style.stroke}" stroke-width="{style.width}"{dash}/>')
        out.append(_marker(style.marker, x + 22, row_y, style, 5.5))
        out.append(f'<text class="chart-ink" x="{x + 54:.1f}" y="{row_y + 5:.1f}" fill="#1b1b1f">'
                   f'{escape(item.name)}</text>')
    return out


def radar_chart(chart_id: str, axes: list[str], series: list[Series], text: ChartText) -> str:
    """A star chart: one axis per life area; needs at least three axes to be a star."""
    if len(axes) < 3:
        raise ValueError("a radar chart needs at least three axes")
    width, size, legend_height = 700, 470, 26 * len(series) + 10
    cx, cy, radius = width / 2, 245, 170
    out = _open(chart_id, text, width, size + legend_height, "radar")

    def position(axis: int, level: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / len(axes)
        distance = radius * (MAX_LEVEL + 1 - level) / (MAX_LEVEL + 1)
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    out.append('<g aria-hidden="true">')
    for level in range(MAX_LEVEL + 1):
        ring = [position(axis, level) for axis in range(len(axes))]
        joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in ring)
        out.append(f'<polygon class="chart-grid" points="{joined}" fill="none" stroke="#8c8c96" stroke-width="1"/>')
    for axis, name in enumerate(axes):
        end_x, end_y = position(axis, -0.2)
        out.append(f'<line class="chart-grid" x1="{cx:.1f}" y1="{cy:.1f}" x2="{end_x:.1f}" y2="{end_y:.1f}" '
                   f'stroke="#8c8c96"/>')
        label_x, label_y = position(axis, -0.75)
        anchor = "middle" if abs(label_x - cx) < 20 else ("start" if label_x > cx else "end")
        out.append(f'<text class="chart-ink" x="{label_x:.1f}" y="{label_y + 5:.1f}" text-anchor="{anchor}" '
                   f'font-weight="bold" fill="#1b1b1f">{escape(name)}</text>')
    for item in sorted(series, key=lambda s: DRAW_ORDER.index(s.key)):
        style = STYLES[item.key]
        points = [position(axis, v) if v is not None else None for axis, v in enumerate(item.values)]
        out.extend(_path(points, style, closed=True))
        out.extend(_marker(style.marker, p[0], p[1], style, data=_data(item.key, v))
                   for p, v in zip(points, item.values, strict=True) if p)
    for level in range(MAX_LEVEL + 1):
        # Drawn last, with a white halo, so lines and markers never hide the words.
        label_x, label_y = position(0, level)
        out.append(f'<text class="chart-ink chart-halo" x="{label_x + 8:.1f}" y="{label_y + 4:.1f}" font-size="12" '
                   f'fill="#1b1b1f" stroke="#ffffff" stroke-width="4" paint-order="stroke">'
                   f'{escape(text.level_names[level])}</text>')
    out.extend(_legend(series, 40, size))
    out.append("</g></svg>")
    return "\n".join(out)


def line_chart(chart_id: str, time_labels: list[str], series: list[Series], goal: Series | None,
               text: ChartText) -> str:
    """Levels over time for one life area, with the goal as a flat patterned line.

    The level names sit above their grid line, not beside the plot, so with one
    or two time points the chart is 336 wide: on a 320 px screen (288 px for the
    chart) its 14 px words still show at 12 px, even with wider letter spacing.
    """
    side, top, bottom, gap = 24, 34, 60, 56
    count = len(time_labels)
    plot_width = 288 if count <= 2 else 144 * (count - 1)
    step = plot_width / (count - 1) if count > 1 else 0
    width = 2 * side + plot_width
    shown = series + ([goal] if goal else [])
    height = top + 4 * gap + bottom + 18 + 26 * len(shown)
    out = _open(chart_id, text, width, height, "line")

    def x_of(index: int) -> float:
        return side + (index * step if count > 1 else plot_width / 2)

    def y_of(level: float) -> float:
        return top + level * gap  # 0 = no difficulties, at the top

    def anchor_of(index: int) -> str:
        # The first and last time words lean inwards so they never leave the picture.
        if count == 1:
            return "middle"
        return "start" if index == 0 else ("end" if index == count - 1 else "middle")

    out.append('<g aria-hidden="true">')
    for level in range(MAX_LEVEL + 1):
        y = y_of(level)
        out.append(f'<line class="chart-grid" x1="{side - 8}" y1="{y:.1f}" x2="{side + plot_width + 8}" '
                   f'y2="{y:.1f}" stroke="#8c8c96"/>')
        out.append(f'<text class="chart-ink chart-halo" x="{side - 8}" y="{y - 10:.1f}" fill="#1b1b1f" '
                   f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{escape(text.level_names[level])}</text>')
    axis_y = y_of(MAX_LEVEL) + 26
    for index, label in enumerate(time_labels):
        x = x_of(index) - (8 if anchor_of(index) == "start" else 0) + (8 if anchor_of(index) == "end" else 0)
        lines = "".join(f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 18}">{escape(line)}</tspan>'
                        for n, line in enumerate(label.split("\n")))
        out.append(f'<text class="chart-ink" x="{x:.1f}" y="{axis_y:.1f}" text-anchor="{anchor_of(index)}" '
                   f'fill="#1b1b1f">{lines}</text>')
    if goal and goal.values and goal.values[0] is not None:
        style, y = STYLES[goal.key], y_of(goal.values[0])
        out.append(f'<line class="series-{goal.key}" x1="{side}" y1="{y:.1f}" x2="{side + plot_width}" '
                   f'y2="{y:.1f}" stroke="{style.stroke}" stroke-width="{style.width}" '
                   f'stroke-dasharray="{style.dash}"/>')
        out.append(_marker(style.marker, side + plot_width, y, style, data=_data(goal.key, goal.values[0])))
    for item in series:
        style = STYLES[item.key]
        points = [(x_of(i), y_of(v)) if v is not None else None for i, v in enumerate(item.values)]
        out.extend(_path(points, style))
        out.extend(_marker(style.marker, p[0], p[1], style, data=_data(item.key, v))
                   for p, v in zip(points, item.values, strict=True) if p)
    out.extend(_legend(shown, side - 8, axis_y + 52))
    out.append("</g></svg>")
    return "\n".join(out)
