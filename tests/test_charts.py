"""The figures: the trend marks every change of baseline and draws the target; the ranking marks targets."""

import datetime
from decimal import Decimal
from fractions import Fraction

from django.utils import translation

from regions.coverage import SeriesPoint, TargetValue
from ucj.charts import trend_chart


def point(month: int, participants: int, baseline: int, year: int) -> SeriesPoint:
    return SeriesPoint(
        month=datetime.date(2025, month, 1),
        participants=participants,
        reported=True,
        baseline=baseline,
        baseline_year=year,
        coverage_pct=Fraction(participants * 100, baseline),
    )


def test_a_change_of_baseline_is_marked_between_the_two_months():
    series = [point(1, 100, 1000, 2024), point(2, 110, 1000, 2024), point(3, 120, 800, 2025)]

    with translation.override("id"):
        figure = trend_chart(series, None)

    markers = [shape for shape in figure["layout"]["shapes"] if shape["xref"] == "x"]
    assert [shape["x0"] for shape in markers] == [1.5]
    assert figure["layout"]["annotations"][0]["text"] == "Basis berubah: 1.000 → 800"


def test_no_marker_when_the_baseline_stays_the_same():
    figure = trend_chart([point(1, 100, 1000, 2025), point(2, 110, 1000, 2025)], None)

    assert figure["layout"].get("shapes", []) == []


def test_the_target_is_a_labelled_line_on_the_coverage_axis_which_reaches_it():
    target = TargetValue(Decimal("28.30"), 2025, "13.11")

    with translation.override("id"):
        figure = trend_chart([point(1, 100, 1000, 2025)], target)

    line = figure["layout"]["shapes"][0]
    assert (line["yref"], line["y0"], line["y1"]) == ("y2", 28.3, 28.3)
    assert figure["layout"]["annotations"][0]["text"] == "Target 2025: 28,30 %"
    assert figure["layout"]["yaxis2"]["range"][1] > 28.3


def test_numbers_in_the_figure_follow_the_language():
    with translation.override("id"):
        indonesian = trend_chart([point(1, 100, 1000, 2025)], None)
    with translation.override("en"):
        english = trend_chart([point(1, 100, 1000, 2025)], None)

    assert indonesian["layout"]["separators"] == ",."
    assert english["layout"]["separators"] == ".,"
    assert indonesian["data"][0]["x"] == ["Januari 2025"]
    assert english["data"][0]["x"] == ["January 2025"]


def test_no_figure_without_a_series():
    assert trend_chart([], None) is None
