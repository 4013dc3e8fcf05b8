"""Plotly figures for the dashboards, built on the server and drawn by static/js/charts.js.

The figures are plain dicts in plotly.js's own schema: plotly's Python objects
validate every attribute, which cost about 25 ms a chart, more than the rest of
the page. Labels and numbers are formatted here, in the reader's language; the
browser only draws. The figure is handed to the page through json_script, so
no region name can end the script element it sits in.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regions.coverage import RegionCoverage, SeriesPoint, TargetValue
from regions.display import format_count, format_month, format_pct

BAR_COLOUR = "#1f6f8b"
TARGET_COLOUR = "#d1495b"
LINE_COLOUR = "#2a9d8f"


def _separators() -> str:
    # Plotly takes the decimal mark first, then the thousands separator.
    return ",." if (get_language() or "id").startswith("id") else ".,"


def _layout(**extra: Any) -> dict[str, Any]:
    return {
        "separators": _separators(),
        "autosize": True,
        "height": 380,
        "margin": {"l": 56, "r": 56, "t": 24, "b": 96},
        "legend": {"orientation": "h", "y": -0.3},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def ranking_chart(children: list[RegionCoverage]) -> dict[str, Any] | None:
    """Children ranked by coverage, each with its target marked. None when no child has a coverage."""
    ranked = sorted((child for child in children if child.coverage_pct is not None), key=lambda c: -c.coverage_pct)
    if not ranked:
        return None
    bars = {
        "type": "bar",
        "x": [child.name for child in ranked],
        "y": [float(child.coverage_pct) for child in ranked],
        "name": _("Coverage"),
        "marker": {"color": BAR_COLOUR},
        "text": [format_pct(child.coverage_pct) for child in ranked],
        "textposition": "outside",
        "hovertext": [
            f"{child.name}: {format_pct(child.coverage_pct)} ({format_count(child.participants.value.total)})"
            for child in ranked
            if child.participants
        ],
        "hoverinfo": "text",
    }
    data = [bars]
    with_target = [child for child in ranked if child.target]
    if with_target:
        data.append(
            {
                "type": "scatter",
                "x": [child.name for child in with_target],
                "y": [float(child.target.percentage) for child in with_target],
                "mode": "markers",
                "name": _("Target"),
                "marker": {"symbol": "line-ew-open", "size": 28, "line": {"width": 3, "color": TARGET_COLOUR}},
                "hovertext": [
                    f"{child.name}: {_('target')} {format_pct(child.target.percentage)}" for child in with_target
                ],
                "hoverinfo": "text",
            }
        )
    return {"data": data, "layout": _layout(yaxis={"title": {"text": _("Coverage (%)")}, "rangemode": "tozero"})}


def trend_chart(series: list[SeriesPoint], target: TargetValue | None) -> dict[str, Any] | None:
    """Participants per month, coverage on a second axis, the target line, and each change of baseline marked."""
    if not series:
        return None
    months = [format_month(point.month) for point in series]
    data = [
        {
            "type": "bar",
            "x": months,
            "y": [point.participants for point in series],
            "name": _("Participants"),
            "marker": {"color": BAR_COLOUR},
            "hovertext": [f"{format_month(p.month)}: {format_count(p.participants)}" for p in series],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "x": months,
            "y": [float(point.coverage_pct) if point.coverage_pct is not None else None for point in series],
            "name": _("Coverage (%)"),
            "mode": "lines+markers",
            "yaxis": "y2",
            "line": {"color": LINE_COLOUR, "width": 3},
            "hovertext": [f"{format_month(p.month)}: {format_pct(p.coverage_pct)}" for p in series],
            "hoverinfo": "text",
        },
    ]
    shapes, annotations = [], []
    for index in range(1, len(series)):
        before, after = series[index - 1], series[index]
        if (before.baseline, before.baseline_year) != (after.baseline, after.baseline_year):
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": index - 0.5,
                    "x1": index - 0.5,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#888", "dash": "dot", "width": 2},
                }
            )
            annotations.append(
                {
                    "x": index - 0.5,
                    "y": 1,
                    "xref": "x",
                    "yref": "paper",
                    "showarrow": False,
                    "yanchor": "bottom",
                    "text": _("Baseline changed: %(old)s → %(new)s")
                    % {"old": format_count(before.baseline), "new": format_count(after.baseline)},
                }
            )
    coverages = [float(point.coverage_pct) for point in series if point.coverage_pct is not None]
    top = max([*coverages, float(target.percentage) if target else 0, 1])
    if target:
        # The target is a level for the year: a line across the chart, labelled, on the coverage axis.
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y2",
                "y0": float(target.percentage),
                "y1": float(target.percentage),
                "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "yref": "y2",
                "y": float(target.percentage),
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": TARGET_COLOUR},
                "text": _("Target %(year)d: %(pct)s") % {"year": target.year, "pct": format_pct(target.percentage)},
            }
        )
    layout = _layout(
        yaxis={"title": {"text": _("Participants")}, "rangemode": "tozero"},
        yaxis2={"title": {"text": _("Coverage (%)")}, "overlaying": "y", "side": "right", "range": [0, top * 1.15]},
        shapes=shapes,
        annotations=annotations,
        xaxis={"type": "category"},
    )
    return {"data": data, "layout": layout}
