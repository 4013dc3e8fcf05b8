"""The report's charts and map are SVG drawn on the server: names escaped, partial parts and breaks marked."""

import datetime
from decimal import Decimal

import pytest

from regions.coverage import BaselineValue, MonthTotal, Participants, SeriesPoint
from regions.maps import NOT_REPORTED, PARTIAL, WHOLE, MapPart
from ucj.reports import svg

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[100.0, -1.0], [100.1, -1.0], [100.1, -0.9], [100.0, -0.9], [100.0, -1.0]]],
}


def test_the_map_draws_every_part_and_escapes_names_and_marks_partial_and_unreported_parts():
    parts = [
        MapPart("13.98.01", "<script>", SQUARE, WHOLE, Decimal("13.85"), ""),
        MapPart("13.98.02", "B", SQUARE, PARTIAL, Decimal("40"), ""),
        MapPart("13.98.03", "C", SQUARE, NOT_REPORTED, None, ""),
    ]

    drawing = svg.map_svg(parts)

    assert drawing is not None
    assert drawing.count("<path ") == 3
    assert "<script>" not in drawing
    assert "13,85 %" in drawing
    assert "40 %*" in drawing or "40,00 %*" in drawing
    assert 'fill="url(#map-hatch)"' in drawing
    assert 'fill="url(#map-dots)"' in drawing


def test_a_region_without_boundaries_gets_no_map():
    assert svg.map_svg([]) is None


def test_the_trend_line_breaks_where_the_baseline_changes():
    def point(month: int, participants: int, baseline: int, year: int) -> SeriesPoint:
        total = MonthTotal(True, Participants(participants), BaselineValue(baseline, year, "angkatan_kerja"))
        return SeriesPoint(datetime.date(2025, month, 1), total)

    drawing = svg.trend_svg([point(1, 10, 100, 2024), point(2, 12, 100, 2024), point(3, 14, 80, 2025)], None)

    assert drawing is not None
    assert drawing.count("<polyline") == 1  # January–February joined; March stands alone on its new basis
    assert 'stroke-dasharray="2 2"' in drawing


@pytest.mark.parametrize(
    ("top", "ticks"), [(1, [0, 1]), (31442, [0, 10000, 20000, 30000, 40000]), (17.4, [0, 5, 10, 15, 20])]
)
def test_axis_ticks_are_round_and_reach_the_top(top, ticks):
    assert svg.nice_ticks(top, whole=True) == ticks
