"""The report's charts and map as SVG, drawn on the server from the same values the region page plots.

Plotly draws the page's charts in the browser; a PDF has no browser, and
plotly's own image export needs a headless Chrome. These few hand-made
drawings need nothing: a bar per month or per region, a line, a polygon per
part. They are made to survive a grey printer: every distinction that
matters is also a pattern, a dash or a written label, never a hue alone.

Every label is escaped here (region names are user data); the template marks
the result safe.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import Any

from django.utils.translation import gettext as _

from regions.coverage import RegionCoverage, SeriesPoint, TargetValue, round_pct
from regions.display import format_count, format_month, format_pct
from regions.maps import NOT_REPORTED, PARTIAL, MapPart

INK = "#222222"
BAR = "#9dbccc"  # light: black labels on it and the black coverage line over it stay legible in grey
LINE = "#111111"
TARGET = "#b0283b"  # read in grey as a dark dashed line; the dash, not the red, says "target"
GRID = "#cccccc"
FONT = "font-family:'DejaVu Sans',sans-serif"
# Map classes: light to dark, so that their order holds in grey; the legend prints the ranges.
MAP_BREAKS = (10, 20, 30, 50)
MAP_FILLS = ("#eef4f7", "#bcd3df", "#7fa7bc", "#3f7491", "#133f58")
NOT_REPORTED_FILL = "url(#{prefix}-hatch)"
PARTIAL_FILL = "url(#{prefix}-dots)"


def _svg(width: float, height: float, body: Iterable[str], label: str, defs: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(label)}" style="{FONT}">'
        f"{'<defs>' + defs + '</defs>' if defs else ''}{''.join(body)}</svg>"
    )


def _text(x: float, y: float, content: str, size: float = 10, anchor: str = "start", **attrs: Any) -> str:
    """A label; the drawings are 680 units across a 180 mm column, so 10 units print at about 7,5 pt."""
    attrs.setdefault("fill", INK)
    extra = "".join(f' {name.replace("_", "-")}="{escape(str(value))}"' for name, value in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def _width(label: str, size: float = 9.5) -> float:
    """About how wide a label prints in DejaVu Sans: enough to place the next legend entry after it."""
    return len(label) * size * 0.6


def _patterns(prefix: str) -> str:
    """Hatching for "not reported" and dots for "only some parts reported": legible without colour."""
    return (
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#8c8c8c" stroke-width="1.2"/></pattern>'
        f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.1" fill="#555555"/></pattern>'
    )


def nice_ticks(top: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round axis steps (1, 2, 2,5 or 5 times a power of ten) from 0 to at least `top`; `whole`: no fractions."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    steps = math.ceil(top / step - 1e-9)
    return [step * i for i in range(steps + 1)]


def _pct(value: Fraction | Decimal | None) -> float:
    """A percentage as every channel states it (two decimals, halves up), as a float to place on an axis."""
    return float(round_pct(value)) if value is not None else 0.0


def _axis_pct(value: float) -> str:
    return format_pct(Decimal(str(value))).replace(",00", "")


# Trend -----------------------------------------------------------------------------------------


def trend_svg(series: Sequence[SeriesPoint], target: TargetValue | None) -> str | None:
    """Participants per month as bars (left axis) and coverage as a line (right axis), the target dashed.

    As on the page: months where only some parts reported are hollow markers
    labelled "n/m", never joined to the line, and the line breaks where the
    baseline changes.
    """
    if not series:
        return None
    width, height = 680.0, 230.0
    left, right, top, bottom = 66.0, 58.0, 24.0, 46.0
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(series)
    participants_top = max((p.total.participants.total for p in series if p.region_wide), default=0)
    p_ticks = nice_ticks(participants_top or 1, whole=True)
    pct_values = [_pct(p.coverage_pct) for p in series if p.coverage_pct is not None]
    c_ticks = nice_ticks(max([*pct_values, float(target.percentage) if target else 0.0, 1.0]) * 1.1)

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    def y_count(value: float) -> float:
        return top + plot_h * (1 - value / p_ticks[-1])

    def y_pct(value: float) -> float:
        return top + plot_h * (1 - value / c_ticks[-1])

    body: list[str] = []
    for tick in c_ticks:
        y = y_pct(tick)
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" '
                    f'stroke-width="0.6"/>')  # fmt: skip
        body.append(_text(left + plot_w + 4, y + 3, _axis_pct(tick), 9.5))
    if participants_top:  # as on the page: no participants axis without a region-wide month to put on it
        for tick in p_ticks:
            body.append(_text(left - 4, y_count(tick) + 3, format_count(round(tick)), 9.5, "end"))
        body.append(_text(left - 4, top - 9, _("Participants"), 9.5, "end"))
    body.append(_text(width - 2, top - 9, _("Coverage (%)"), 9.5, "end"))
    bar_w = min(28.0, slot * 0.6)
    for index, point in enumerate(series):
        if point.region_wide:
            value = point.total.participants.total
            y = y_count(value)
            body.append(
                f'<rect x="{x_of(index) - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{top + plot_h - y:.1f}" fill="{BAR}" stroke="#333333" stroke-width="0.6"/>'
            )
    # The coverage line, broken wherever the basis changes (DESIGN.md: trend lines break at a change of basis).
    segment: list[str] = []
    previous: SeriesPoint | None = None
    segments: list[list[str]] = []
    for index, point in enumerate(series):
        if not point.region_wide:
            continue
        if previous is not None and previous.basis != point.basis:
            segments.append(segment)
            segment = []
            x_break = left + slot * index
            body.append(f'<line x1="{x_break:.1f}" x2="{x_break:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#666" '
                        f'stroke-dasharray="2 2"/>')  # fmt: skip
            body.append(_text(x_break + 2, top + 8, _("new baseline"), 9))
        segment.append(f"{x_of(index):.1f},{y_pct(_pct(point.coverage_pct)):.1f}")
        previous = point
    segments.append(segment)
    for points in segments:
        if len(points) > 1:
            body.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}" stroke-width="1.6"/>')
        for xy in points:
            cx, cy = xy.split(",")
            body.append(f'<circle cx="{cx}" cy="{cy}" r="2.6" fill="{LINE}"/>')
    for index, point in enumerate(series):
        if point.region_wide:
            y = y_pct(_pct(point.coverage_pct))
            if len(series) <= 12:  # beyond a year of months the labels would run into each other
                label = format_pct(point.coverage_pct)
                body.append(_text(x_of(index) + 6, y - 5, label, 9.5, font_weight="bold"))
        elif point.coverage_pct is not None:
            y = y_pct(_pct(point.coverage_pct))
            body.append(f'<circle cx="{x_of(index):.1f}" cy="{y:.1f}" r="3.2" fill="#fff" stroke="{LINE}"/>')
            label = f"{point.total.children_matched}/{point.total.children_total}"
            body.append(_text(x_of(index), y - 6, label, 9, "middle"))
    if target is not None:
        y = y_pct(float(target.percentage))
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET}" '
                    f'stroke-width="1.4" stroke-dasharray="6 3"/>')  # fmt: skip
        label = _("Target %(year)d: %(pct)s") % {"year": target.year, "pct": format_pct(target.percentage)}
        body.append(_text(left + 4, y - 4, label, 9.5, fill=TARGET, font_weight="bold"))
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{INK}"/>')
    step = max(1, math.ceil(len(series) / 8))
    for index, point in enumerate(series):
        if index % step == 0 or index == len(series) - 1:
            body.append(_text(x_of(index), top + plot_h + 13, format_month(point.month), 9.5, "middle"))
    legend_y = height - 8
    x = left
    if participants_top:
        body.append(
            f'<rect x="{x}" y="{legend_y - 7}" width="10" height="8" fill="{BAR}" stroke="#333333" stroke-width="0.6"/>'
        )
        body.append(_text(x + 14, legend_y, _("Participants"), 9.5))
        x += 24 + _width(_("Participants"))
    if any(p.region_wide for p in series):
        body.append(f'<line x1="{x}" x2="{x + 18}" y1="{legend_y - 3}" y2="{legend_y - 3}" stroke="{LINE}" '
                    f'stroke-width="1.6"/>')  # fmt: skip
        body.append(_text(x + 22, legend_y, _("Coverage (%)"), 9.5))
        x += 32 + _width(_("Coverage (%)"))
    if any(not p.region_wide for p in series):
        body.append(f'<circle cx="{x + 4}" cy="{legend_y - 3}" r="3.2" fill="#fff" stroke="{LINE}"/>')
        body.append(_text(x + 11, legend_y, _("Among reporting regions (n of m)"), 9.5))
    return _svg(width, height, body, _("Participants and coverage per month"))


# Ranking ---------------------------------------------------------------------------------------


def ranked(children: Sequence[RegionCoverage]) -> tuple[list[RegionCoverage], list[RegionCoverage]]:
    """(parts with a region-wide coverage, highest first; parts where only some reported), as the page ranks."""
    whole = sorted((c for c in children if c.coverage_pct is not None), key=lambda c: -(c.coverage_pct or 0))
    partial = sorted(
        (c for c in children if c.coverage_pct is None and c.coverage_among_reporting_pct is not None),
        key=lambda c: -(c.coverage_among_reporting_pct or 0),
    )
    return whole, partial


def ranking_svg(children: Sequence[RegionCoverage]) -> str | None:
    """One horizontal bar per part with a coverage, the target a tick across it; partial parts hatched, "n/m"."""
    whole, partial = ranked(children)
    rows = [*whole, *partial]
    if not rows:
        return None
    row_h, left, right, top = 17.0, 170.0, 70.0, 20.0
    width = 680.0
    plot_w = width - left - right
    height = top + row_h * len(rows) + 30
    values = [_pct(c.coverage_pct if c in whole else c.coverage_among_reporting_pct) for c in rows]
    targets = [float(c.target.percentage) for c in rows if c.target]
    ticks = nice_ticks(max([*values, *targets, 1.0]) * 1.05)

    def x_of(value: float) -> float:
        return left + plot_w * value / ticks[-1]

    body: list[str] = []
    for tick in ticks:
        x = x_of(tick)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{top + row_h * len(rows)}" '
                    f'stroke="{GRID}" stroke-width="0.6"/>')  # fmt: skip
        body.append(_text(x, top - 7, _axis_pct(tick), 9.5, "middle"))
    for index, (child, value) in enumerate(zip(rows, values, strict=True)):
        y = top + row_h * index
        is_partial = child not in whole
        name = child.name if len(child.name) <= 30 else child.name[:29] + "…"
        body.append(_text(left - 6, y + row_h * 0.68, name, 10, "end"))
        fill = "url(#rank-dots)" if is_partial else BAR
        body.append(f'<rect x="{left}" y="{y + 3:.1f}" width="{x_of(value) - left:.1f}" height="{row_h - 6:.1f}" '
                    f'fill="{fill}" stroke="#333333" stroke-width="0.6"/>')  # fmt: skip
        label = format_pct(Decimal(str(value)))
        if is_partial:
            label += f" ({child.children_reported}/{child.children_total})"
        body.append(_text(x_of(value) + 4, y + row_h * 0.68, label, 9.5))
        if child.target:
            x = x_of(float(child.target.percentage))
            body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1:.1f}" y2="{y + row_h - 1:.1f}" '
                        f'stroke="{TARGET}" stroke-width="2"/>')  # fmt: skip
    legend_y = top + row_h * len(rows) + 20
    body.append(
        f'<rect x="{left}" y="{legend_y - 7}" width="10" height="8" fill="{BAR}" stroke="#333333" stroke-width="0.6"/>'
    )
    body.append(_text(left + 14, legend_y, _("Coverage"), 9.5))
    next_x = left + 24 + _width(_("Coverage"))
    if partial:
        body.append(f'<rect x="{next_x}" y="{legend_y - 7}" width="10" height="8" fill="url(#rank-dots)" '
                    f'stroke="{INK}" stroke-width="0.6"/>')  # fmt: skip
        body.append(_text(next_x + 14, legend_y, _("Coverage among reporting regions (n/m)"), 9.5))
        next_x += 24 + _width(_("Coverage among reporting regions (n/m)"))
    if targets:
        body.append(f'<line x1="{next_x + 4}" x2="{next_x + 4}" y1="{legend_y - 8}" y2="{legend_y + 1}" '
                    f'stroke="{TARGET}" stroke-width="2"/>')  # fmt: skip
        body.append(_text(next_x + 12, legend_y, _("Target"), 9.5))
    return _svg(width, height, body, _("Regions ranked by coverage, with their targets"), _patterns("rank"))


# Map -------------------------------------------------------------------------------------------


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Every ring of a Polygon or MultiPolygon, outer and holes alike (drawn with the even-odd rule)."""
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def map_class(value: Decimal) -> int:
    return sum(1 for limit in MAP_BREAKS if value >= limit)


def map_legend_labels() -> list[str]:
    bounds = [0, *MAP_BREAKS]
    labels = [f"{bounds[i]}–{bounds[i + 1]} %" for i in range(len(MAP_BREAKS))]
    return [*labels, f"≥ {MAP_BREAKS[-1]} %"]


def map_svg(parts: Sequence[MapPart]) -> str | None:
    """The parts as polygons shaded by coverage class, each labelled with its number; None without boundaries."""
    drawn = [(part, _rings(part.geometry)) for part in parts]
    drawn = [(part, rings) for part, rings in drawn if rings]
    if not drawn:
        return None
    lons = [point[0] for _part, rings in drawn for ring in rings for point in ring]
    lats = [point[1] for _part, rings in drawn for ring in rings for point in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    # An equirectangular projection with the longitude scaled at the mean latitude: true enough for one region.
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    width, legend_h = 680.0, 34.0
    scale = min((width - 20) / span_x, 380 / span_y)
    map_w, map_h = span_x * scale, span_y * scale
    offset_x = (width - map_w) / 2

    def project(point: list[float]) -> tuple[float, float]:
        return offset_x + (point[0] - west) * squeeze * scale, 10 + (north - point[1]) * scale

    body: list[str] = []
    labels: list[str] = []
    prefix = "map"
    for part, rings in drawn:
        if part.status == NOT_REPORTED or part.coverage_pct is None:
            fill = NOT_REPORTED_FILL.format(prefix=prefix)
        elif part.status == PARTIAL:
            fill = PARTIAL_FILL.format(prefix=prefix)
        else:
            fill = MAP_FILLS[map_class(part.coverage_pct)]
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(point) for point in ring)) + " Z" for ring in rings
        )
        body.append(f'<path d="{path}" fill="{fill}" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.8"/>')
        if part.coverage_pct is not None:
            # The label sits on the middle of the part's largest ring's box: good enough for a report's scale.
            ring = max(rings, key=len)
            xs, ys = zip(*(project(point) for point in ring), strict=True)
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            text = format_pct(part.coverage_pct) + ("*" if part.status == PARTIAL else "")
            dark = part.status != PARTIAL and map_class(part.coverage_pct) >= 3
            # No white halo behind the text: WeasyPrint does not do paint-order. White on the dark classes.
            labels.append(_text(cx, cy + 3, text, 10, "middle", font_weight="bold", fill="#ffffff" if dark else INK))
    body.extend(labels)
    legend_y = 10 + map_h + 18
    x = 10.0
    for fill, label in zip(MAP_FILLS, map_legend_labels(), strict=True):
        body.append(f'<rect x="{x:.1f}" y="{legend_y - 8:.1f}" width="12" height="10" fill="{fill}" stroke="#888" '
                    f'stroke-width="0.5"/>')  # fmt: skip
        body.append(_text(x + 15, legend_y, label, 9.5))
        x += 27 + _width(label)
    for fill, label in (
        (PARTIAL_FILL.format(prefix=prefix), _("* only some of its parts reported")),
        (NOT_REPORTED_FILL.format(prefix=prefix), _("not reported")),
    ):
        body.append(f'<rect x="{x:.1f}" y="{legend_y - 8:.1f}" width="12" height="10" fill="{fill}" stroke="#888" '
                    f'stroke-width="0.5"/>')  # fmt: skip
        body.append(_text(x + 15, legend_y, label, 9.5))
        x += 27 + _width(label)
    height = legend_y + legend_h - 20
    return _svg(width, height, body, _("The parts of the region coloured by coverage; grey: not reported"),
                _patterns(prefix))  # fmt: skip
