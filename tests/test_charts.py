"""The figures: the trend marks every change of baseline and draws the target; the ranking marks targets."""

import datetime
from decimal import Decimal

from django.utils import translation

from regions.coverage import BaselineValue, MonthTotal, Participants, SeriesPoint, TargetValue
from ucj.dashboards.charts import trend_chart


def point(month: int, participants: int, baseline: int, year: int) -> SeriesPoint:
    total = MonthTotal(True, Participants(participants), BaselineValue(baseline, year, "angkatan_kerja"))
    return SeriesPoint(datetime.date(2025, month, 1), total)


def partial_point(month: int, participants: int, baseline: int, n: int, m: int) -> SeriesPoint:
    total = MonthTotal(False, Participants(participants), BaselineValue(baseline, 2025, "angkatan_kerja"), m, n, n)
    return SeriesPoint(datetime.date(2025, month, 1), total)


def test_a_change_of_baseline_is_marked_between_the_two_months():
    series = [point(1, 100, 1000, 2024), point(2, 110, 1000, 2024), point(3, 120, 800, 2025)]

    with translation.override("id"):
        figure = trend_chart(series, None)

    markers = [shape for shape in figure["layout"]["shapes"] if shape["xref"] == "x"]
    assert [shape["x0"] for shape in markers] == [1.5]
    assert figure["layout"]["annotations"][0]["text"] == "Basis berubah: 1.000 → 800"


def test_the_coverage_line_breaks_where_the_baseline_changes():
    series = [point(1, 100, 1000, 2024), point(2, 110, 1000, 2024), point(3, 120, 800, 2025)]

    line = trend_chart(series, None)["data"][1]

    assert line["y"] == [10.0, 11.0, None, 15.0]
    assert line["connectgaps"] is False


def test_a_partial_month_is_a_hollow_marker_with_n_of_m_and_never_on_the_line():
    series = [point(1, 100, 1000, 2025), partial_point(2, 30, 200, 2, 3), point(3, 120, 1000, 2025)]

    with translation.override("id"):
        figure = trend_chart(series, None)

    bars, line, hollow = figure["data"]
    assert bars["x"] == ["Januari 2025", "Maret 2025"]
    assert (line["x"], line["y"]) == (["Januari 2025", "Maret 2025"], [10.0, 12.0])
    assert hollow["x"] == ["Februari 2025"]
    assert hollow["y"] == [15.0]
    assert hollow["marker"]["symbol"] == "circle-open"
    assert hollow["text"] == ["2/3"]


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
