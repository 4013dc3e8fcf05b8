"""A region whose parts reported only in part has no coverage of its own: only one among the reporting parts."""

import json
import re
from decimal import Decimal

import pytest

from regions.coverage import round_pct
from regions.models import Region
from regions.months import parse_month
from regions.queries import coverage_report
from tests.conftest import set_baseline, set_figure, synthetic_kabupaten, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_of_three_reported():
    """SINTETIS kabupaten 13.98: three kecamatan with baselines of 1.000, 2.000 and 4.000; two report."""
    first, second, third = synthetic_kabupaten("13.98", 3)
    for code, count in [(first, 1000), (second, 2000), (third, 4000)]:
        set_baseline(code, 2025, count)
    set_baseline("13.98", 2025, 7000)
    set_figure(first, "2025-05", 100)
    set_figure(second, "2025-05", 300)
    set_figure(third, "2025-05", 500)
    set_figure(first, "2025-06", 150)
    set_figure(second, "2025-06", 350)
    return "13.98"


def test_no_region_wide_coverage_gap_or_pace_when_two_of_three_kecamatan_report(two_of_three_reported):
    kabupaten = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-06")).region

    assert kabupaten.coverage_pct is None
    assert kabupaten.gap_to_target is None
    assert kabupaten.pace_needed is None
    assert kabupaten.uncovered is None
    assert not kabupaten.complete


def test_the_among_reporting_figures_are_exact_and_say_n_of_m(two_of_three_reported):
    kabupaten = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-06")).region

    assert (kabupaten.children_reported, kabupaten.children_total) == (2, 3)
    assert (kabupaten.participants.total, kabupaten.baseline.count) == (500, 3000)
    assert round_pct(kabupaten.coverage_among_reporting_pct) == Decimal("16.67")
    # The two that reported hold 3.000 of the kabupaten's 7.000 workers.
    assert round_pct(kabupaten.workers_reported_pct) == Decimal("42.86")


def test_the_month_before_with_all_three_is_complete(two_of_three_reported):
    kabupaten = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-05")).region

    assert kabupaten.complete
    assert round_pct(kabupaten.coverage_pct) == Decimal("12.86")  # 900 of 7.000 summed over all three
    assert kabupaten.provenance == "rolled_up"


def test_the_page_labels_the_partial_number_and_gives_no_region_wide_gap(client_for, admin_user, two_of_three_reported):
    page = text_of(client_for(admin_user).get("/regions/13.98/?month=2025-06"))

    assert "Cakupan di antara wilayah yang melapor" in page
    assert "2 dari 3 kecamatan melapor untuk Juni 2025" in page
    assert "memegang 42,86 % pekerja Kabupaten SINTETIS Uji" in page
    assert "16,67 %" in page
    assert "Kurang dari target di antara wilayah yang melapor" in page


def test_the_api_gives_null_coverage_and_the_among_reporting_figures(client_for, admin_user, two_of_three_reported):
    data = client_for(admin_user).get("/api/regions/13.98/coverage/?month=2025-06").json()

    assert data["coverage_pct"] is None
    assert data["coverage_among_reporting_pct"] == 16.67
    assert (data["complete"], data["children_reported"], data["children_total"]) == (False, 2, 3)
    assert data["workers_reported_pct"] == 42.86
    assert data["gap_to_target"] is None
    assert data["provenance"] == "rolled_up"


def test_the_trend_shows_the_partial_month_as_a_hollow_marker_not_a_line_point(
    client_for, admin_user, two_of_three_reported
):
    page = client_for(admin_user).get("/regions/13.98/?month=2025-06").content.decode()
    figure = json.loads(re.search(r'<script id="trend-figure" type="application/json">(.*?)</script>', page).group(1))

    _bars, line, hollow = figure["data"]
    assert line["x"] == ["Mei 2025"]
    assert hollow["x"] == ["Juni 2025"]
    assert hollow["marker"]["symbol"] == "circle-open"
    assert hollow["text"] == ["2/3"]


def test_a_partial_childs_figure_is_never_carried_into_its_parent(two_of_three_reported):
    sumbar = coverage_report(Region.objects.get(code="13"), parse_month("2025-06")).region

    # Kab. Solok (own figure) is matched; the SINTETIS kabupaten's partial June is not.
    assert sumbar.children_reported == 1
    assert sumbar.participants.total == 31442
