"""A new baseline is a change of basis: the page splits the change into enrolment and basis, in words."""

import json
import re
from decimal import Decimal

import pytest

from regions.coverage import round_pct
from regions.models import Region
from regions.months import parse_month
from regions.queries import coverage_report
from tests.conftest import set_baseline, set_figure, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def solok_selatan_2025_baseline():
    """A 2025 labour force of 61.794 for Solok Selatan (the issue's example; not a published fact)."""
    set_baseline("13.11", 2025, 61794)


def report(month: str):
    return coverage_report(Region.objects.get(code="13.11"), parse_month(month)).region


def test_june_2025_still_shows_16_97_percent_as_of_september_2024_on_its_own_basis(solok_selatan_2025_baseline):
    solok_selatan = report("2025-06")

    assert solok_selatan.figure_month == parse_month("2024-09")
    assert solok_selatan.baseline.count == 106590
    assert round_pct(solok_selatan.coverage_pct) == Decimal("16.97")
    # The gap against 2025's target and baseline is an estimate, and says nothing of "reached".
    assert solok_selatan.gap_is_estimate
    assert not solok_selatan.target_reached


def test_october_2025_gives_30_40_percent_of_which_0_65_points_enrolment_and_12_78_basis(
    solok_selatan_2025_baseline,
):
    set_figure("13.11", "2025-10", 18788)

    solok_selatan = report("2025-10")
    change = solok_selatan.denominator_change

    assert round_pct(solok_selatan.coverage_pct) == Decimal("30.40")
    assert round_pct(change.points_from_enrolment) == Decimal("0.65")
    assert round_pct(change.points_from_basis) == Decimal("12.78")
    # 30,40 % is above the 28,30 % target only because the baseline shrank: never "target reached".
    assert solok_selatan.gap_to_target == 0
    assert not solok_selatan.target_reached
    assert solok_selatan.reached_by_new_basis_only


def test_the_page_says_it_in_words_and_the_api_gives_the_split(client_for, officer_solok, solok_selatan_2025_baseline):
    set_figure("13.11", "2025-10", 18788)
    client = client_for(officer_solok)

    page = text_of(client.get("/regions/13.11/?month=2025-10"))
    data = client.get("/api/regions/13.11/coverage/?month=2025-10").json()

    assert (
        "Dari 16,97 % (September 2024) ke 30,40 % (Oktober 2025): 0,65 poin dari kepesertaan dan 12,78 poin "
        "dari basis baru (angkatan kerja 2024: 106.590 → angkatan kerja 2025: 61.794)."
    ) in page
    assert "hanya karena basisnya berubah" in page
    assert "sudah tercapai" not in page
    assert data["denominator_change"] == {
        "from_year": 2024, "from_kind": "angkatan_kerja", "from_count": 106590,
        "to_year": 2025, "to_kind": "angkatan_kerja", "to_count": 61794,
        "points_from_enrolment": 0.65, "points_from_basis": 12.78,
    }  # fmt: skip
    assert data["target_reached"] is False


def test_the_trend_line_breaks_at_the_change_of_basis(client_for, officer_solok, solok_selatan_2025_baseline):
    set_figure("13.11", "2025-10", 18788)

    page = client_for(officer_solok).get("/regions/13.11/?month=2025-10").content.decode()
    figure = json.loads(re.search(r'<script id="trend-figure" type="application/json">(.*?)</script>', page).group(1))

    line = figure["data"][1]
    assert line["y"] == [16.97, None, 30.4]
