"""Plotly figures for the dashboards, built on the server and drawn by static/js/charts.js.

The figures are plain dicts in plotly.js's own schema: plotly's Python objects
validate every attribute, which cost about 25 ms a chart, more than the rest of
the page. Labels and numbers are formatted here, in the reader's language; the
browser only draws. The figure is handed to the page through json_script, so
no region name can end the script element it sits in.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regions import statements
from regions.coverage import RegionCoverage, SeriesPoint, TargetValue, round_pct
from regions.display import format_count, format_month, format_pct

BAR_COLOUR = "#1f6f8b"
TARGET_COLOUR = "#d1495b"
LINE_COLOUR = "#2a9d8f"
PARTIAL_COLOUR = "#8a8a8a"


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
    """Children ranked by coverage, each with its target marked.

    Regions with a region-wide figure are ranked as solid bars; regions where
    only some parts reported follow as hatched bars labelled "n/m", so a
    partial number is never read as a region's. None when no child has either.
    """
    whole = sorted((c for c in children if c.coverage_pct is not None), key=lambda c: -(c.coverage_pct or 0))
    partial = sorted(
        (c for c in children if c.coverage_pct is None and c.coverage_among_reporting_pct is not None),
        key=lambda c: -(c.coverage_among_reporting_pct or 0),
    )
    if not whole and not partial:
        return None
    data: list[dict[str, Any]] = []
    if whole:
        data.append(
            {
                "type": "bar",
                "x": [child.name for child in whole],
                "y": [_rounded(child.coverage_pct) for child in whole],
                "name": _("Coverage"),
                "marker": {"color": BAR_COLOUR},
                "text": [format_pct(child.coverage_pct) for child in whole],
                "textposition": "outside",
                "hovertext": [
                    f"{child.name}: {format_pct(child.coverage_pct)} · {statements.counts_sentence(child)}"
                    for child in whole
                ],
                "hoverinfo": "text",
            }
        )
    if partial:
        data.append(
            {
                "type": "bar",
                "x": [child.name for child in partial],
                "y": [_rounded(child.coverage_among_reporting_pct) for child in partial],
                "name": _("Coverage among reporting regions"),
                "marker": {"color": PARTIAL_COLOUR, "pattern": {"shape": "/"}},
                "text": [f"{child.children_reported}/{child.children_total}" for child in partial],
                "textposition": "outside",
                "hovertext": [
                    f"{child.name}: {format_pct(child.coverage_among_reporting_pct)} · "
                    f"{statements.what_it_covers(child)}"
                    for child in partial
                ],
                "hoverinfo": "text",
            }
        )
    with_target = [child for child in [*whole, *partial] if child.target]
    if with_target:
        data.append(
            {
                "type": "scatter",
                "x": [child.name for child in with_target],
                "y": [float(child.target.percentage) for child in with_target if child.target],
                "mode": "markers",
                "name": _("Target"),
                "marker": {"symbol": "line-ew-open", "size": 28, "line": {"width": 3, "color": TARGET_COLOUR}},
                "hovertext": [
                    f"{child.name}: {_('target')} {format_pct(child.target.percentage)}"
                    for child in with_target
                    if child.target
                ],
                "hoverinfo": "text",
            }
        )
    layout = _layout(
        yaxis={"title": {"text": _("Coverage (%)")}, "rangemode": "tozero"},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": [c.name for c in [*whole, *partial]]},
    )
    return {"data": data, "layout": layout}


def _rounded(value: Fraction | None) -> float | None:
    """The percentage as every other channel states it: two decimals, halves up."""
    return float(round_pct(value)) if value is not None else None


def _month_axis(months: list[str]) -> dict[str, Any]:
    axis: dict[str, Any] = {"type": "category", "categoryorder": "array", "categoryarray": months}
    if len(months) < 4:
        # Room on both sides: one month's bar would otherwise fill the whole chart.
        axis["range"] = [-1.5, len(months) + 0.5]
    return axis


def trend_chart(series: list[SeriesPoint], target: TargetValue | None) -> dict[str, Any] | None:
    """Participants and coverage per month, the target line, and each change of baseline marked.

    Months with a region-wide figure are bars and a line; the line breaks
    wherever the baseline changes. Months where only some parts reported are
    hollow markers labelled "n of m", never joined to anything.
    """
    if not series:
        return None
    months = [format_month(point.month) for point in series]
    line_x: list[str] = []
    line_y: list[float | None] = []
    previous_whole = None
    for month, point in zip(months, series, strict=True):
        if not point.region_wide:
            continue
        if previous_whole is not None and previous_whole.basis != point.basis:
            line_x.append(month)
            line_y.append(None)  # plotly draws no segment across a None: the line breaks at a new basis
        line_x.append(month)
        line_y.append(_rounded(point.coverage_pct))
        previous_whole = point
    whole = [(month, point) for month, point in zip(months, series, strict=True) if point.region_wide]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": [month for month, _point in whole],
            "y": [point.total.participants.total for _month, point in whole],
            "name": _("Participants"),
            "marker": {"color": BAR_COLOUR},
            "hovertext": [f"{month}: {format_count(point.total.participants.total)}" for month, point in whole],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "x": line_x,
            "y": line_y,
            "name": _("Coverage (%)"),
            "mode": "lines+markers",
            "connectgaps": False,
            "yaxis": "y2",
            "line": {"color": LINE_COLOUR, "width": 3},
            "hoverinfo": "x+y",
        },
    ]
    partial = [(i, p) for i, p in enumerate(series) if not p.region_wide]
    if partial:
        data.append(
            {
                "type": "scatter",
                "x": [months[i] for i, _p in partial],
                "y": [_rounded(p.coverage_pct) for _i, p in partial],
                "name": _("Among reporting regions (n of m)"),
                "mode": "markers+text",
                "yaxis": "y2",
                "marker": {"symbol": "circle-open", "size": 12, "line": {"width": 2, "color": PARTIAL_COLOUR}},
                "text": [f"{p.total.children_matched}/{p.total.children_total}" for _i, p in partial],
                "textposition": "top center",
                "hovertext": [
                    _("%(month)s: %(pct)s among %(n)d of %(m)d reporting")
                    % {
                        "month": format_month(p.month),
                        "pct": format_pct(p.coverage_pct),
                        "n": p.total.children_matched,
                        "m": p.total.children_total,
                    }
                    for _i, p in partial
                ],
                "hoverinfo": "text",
            }
        )
    shapes, annotations = [], []
    previous = None
    for index, point in enumerate(series):
        if not point.region_wide:
            continue
        if previous is not None and previous.basis != point.basis and previous.total.baseline and point.total.baseline:
            shapes.append(
                {
                    "type": "line", "xref": "x", "yref": "paper", "x0": index - 0.5, "x1": index - 0.5, "y0": 0,
                    "y1": 1, "line": {"color": "#888", "dash": "dot", "width": 2},
                }
            )  # fmt: skip
            change = _("Baseline changed: %(old)s → %(new)s") % {
                "old": format_count(previous.total.baseline.count),
                "new": format_count(point.total.baseline.count),
            }
            annotations.append(
                {
                    "x": index - 0.5, "y": 1, "xref": "x", "yref": "paper", "showarrow": False, "yanchor": "bottom",
                    "text": change,
                }
            )  # fmt: skip
        previous = point
    coverages = [float(p.coverage_pct) for p in series if p.coverage_pct is not None]
    top = max([*coverages, float(target.percentage) if target else 0, 1])
    if target:
        # The target is a level for the year: a line across the chart, labelled, on the coverage axis.
        shapes.append(
            {
                "type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y2", "y0": float(target.percentage),
                "y1": float(target.percentage), "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2},
            }
        )  # fmt: skip
        annotations.append(
            {
                "xref": "paper", "x": 0, "xanchor": "left", "yref": "y2", "y": float(target.percentage),
                "yanchor": "bottom", "showarrow": False, "font": {"color": TARGET_COLOUR},
                "text": _("Target %(year)d: %(pct)s") % {"year": target.year, "pct": format_pct(target.percentage)},
            }
        )  # fmt: skip
    layout = _layout(
        # Without a region-wide month there are no participant bars: no empty axis for them either.
        yaxis={"title": {"text": _("Participants")}, "rangemode": "tozero", "visible": bool(whole)},
        # Ticks of its own (round percentages), not lined up with the participants' gridlines.
        yaxis2={
            "title": {"text": _("Coverage (%)")},
            "overlaying": "y",
            "side": "right",
            "range": [0, top * 1.15],
            "tickmode": "auto",
            "nticks": 6,
            "showgrid": False,
        },
        shapes=shapes,
        annotations=annotations,
        xaxis=_month_axis(months),
    )
    return {"data": data, "layout": layout}
