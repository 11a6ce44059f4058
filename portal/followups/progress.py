"""/min-utveckling: how the person's levels changed, as charts with tables of the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_date, to_user_timezone
from flask_babel import gettext as _
from markupsafe import Markup

from portal.access import Permission, current_actor
from portal.audit.services import log_access
from portal.auth import citizen_required
from portal.domain.vocabulary import AccessAction
from portal.followups import bp, charts
from portal.followups.levels import AreaHistory, LevelHistory, TimePoint, level_history
from portal.web.citizen_views import may, require
from portal.web.plain_labels import LEVELS, area_name, level_text
from portal.web.rendering import render


@dataclass
class AreaChart:
    area: AreaHistory
    name: str
    svg: Markup


def _point_label(point: TimePoint, two_lines: bool = False) -> str:
    kind = _("Ansökan") if point.kind == "application" else _("Uppföljning")
    when = format_date(to_user_timezone(point.at), "d MMM y")
    return f"{kind}\n{when}" if two_lines else f"{kind}, {when}"


def _level_names() -> tuple[str, ...]:
    return tuple(str(label) for _value, label, _description in LEVELS)


def _describe(area: AreaHistory, points: list[TimePoint]) -> str:
    said = [f"{level_text(v)} ({_point_label(p)})"
            for p, v, given in zip(points, area.self_levels, area.self_given, strict=True) if given]
    parts = [_("Du sa: %(levels)s.", levels="; ".join(said) or _("inget svar"))]
    if area.latest_assessed is not None:
        parts.append(_("Handläggaren bedömde: %(level)s.", level=level_text(area.latest_assessed)))
    if area.goal_level is not None:
        parts.append(_("Mål: %(level)s.", level=level_text(area.goal_level)))
    return " ".join(parts)


def _area_chart(area: AreaHistory, points: list[TimePoint]) -> AreaChart:
    name = area_name(area.code)
    series = [charts.Series("self", _("Du sa"), tuple(area.self_levels))]
    if any(v is not None for v in area.assessed_levels):
        series.append(charts.Series("assessed", _("Handläggaren bedömde"), tuple(area.assessed_levels)))
    goal = charts.Series("goal", _("Mål"), (area.goal_level,)) if area.goal_level is not None else None
    text = charts.ChartText(_("%(area)s: hur det har gått", area=name), _describe(area, points), _level_names())
    svg = charts.line_chart(f"chart-{area.code}", [_point_label(p, True) for p in points], series, goal, text)
    return AreaChart(area, name, Markup(svg))  # noqa: S704 - every text in it is escaped by charts.py


def _radar(history: LevelHistory) -> Markup | None:
    areas = history.areas
    if len(areas) < 3:
        return None
    series = [charts.Series("first", _("Du sa i ansökan"), tuple(a.self_levels[0] for a in areas))]
    if len(history.points) > 1:
        latest = tuple(a.self_levels[a.latest_self_index] if a.latest_self_index else None for a in areas)
        series.append(charts.Series("self", _("Du sa senast"), latest))
    if any(a.latest_assessed is not None for a in areas):
        series.append(charts.Series("assessed", _("Handläggaren bedömde"), tuple(a.latest_assessed for a in areas)))
    if any(a.goal_level is not None for a in areas):
        series.append(charts.Series("goal", _("Mål"), tuple(a.goal_level for a in areas)))
    description = " ".join(f"{area_name(a.code)}: {_describe(a, history.points)}" for a in areas)
    text = charts.ChartText(_("Alla dina livsområden"), description, _level_names())
    svg = charts.radar_chart("chart-star", [area_name(a.code) for a in areas], series, text)
    return Markup(svg)  # noqa: S704 - every text in it is escaped by charts.py


@bp.get("/min-utveckling")
@citizen_required
def progress():
    actor = current_actor()
    require(Permission.READ_DECISION)
    history = level_history(actor.subject_citizen_id, include_drafts=may(actor, Permission.READ_APPLICATION))
    log_access(actor, AccessAction.READ, "self_assessment", None, actor.subject_citizen_id)
    return render("followups/citizen/progress.html", history=history, radar=_radar(history),
                  area_charts=[_area_chart(a, history.points) for a in history.areas],
                  point_label=_point_label)
