"""What-if on a region page: coverage, gap and yearly cost with N more participants, on the headline's basis."""

import pytest

from regions.coverage import coverage_pct, round_pct, what_if
from regions.models import Region
from regions.months import parse_month
from regions.queries import coverage_report
from tests.conftest import set_target, text_of

pytestmark = pytest.mark.django_db


def test_kab_solok_in_june_2025_with_10000_more_would_be_at_18_26_percent(client_for, official_kabsolok):
    page = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&tambah=10.000")

    assert page.status_code == 200
    result = text_of(page).split('id="what-if-result">')[1].split("</p>")[0]
    assert result == "Dengan tambahan 10.000 peserta (41.442 dari 226.964): cakupan 18,26 %."  # no 2025 target


def test_the_what_if_gap_and_cost_are_the_headline_arithmetic_with_more_participants():
    set_target("13.02", 2025, "20.00")  # synthetic: Kab. Solok has no published 2025 target
    headline = coverage_report(Region.objects.get(code="13.02"), parse_month("2025-06")).region

    result = what_if(headline, 10000)

    assert result is not None
    assert result.participants == headline.participants.total + 10000
    assert round_pct(result.coverage_pct) == round_pct(coverage_pct(41442, 226964))
    assert result.gap_to_target == headline.gap_to_target - 10000
    assert result.yearly_cost(16800) == (headline.gap_to_target - 10000) * 16800 * 12


def test_the_page_gives_the_gap_left_and_its_yearly_cost(client_for, official_kabsolok, settings):
    set_target("13.02", 2025, "20.00")  # synthetic: ⌈20 % × 226.964⌉ = 45.393 workers at the target
    settings.UCJ_RENTAN_MONTHLY_RATE = 16800

    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&tambah=10000"))

    result = page.split('id="what-if-result">')[1].split("</p>")[0]
    gap = 45393 - 41442
    assert f"masih kurang {gap:,} dari target".replace(",", ".") in result
    assert f"Rp{gap * 16800 * 12:,}".replace(",", ".") in result


def test_enough_more_participants_reach_the_target_and_the_gap_is_zero(client_for, official_kabsolok):
    set_target("13.02", 2025, "20.00")

    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&tambah=13951"))

    assert "target 20,00 % tercapai" in page.split('id="what-if-result">')[1].split("</p>")[0]


def test_one_short_of_the_target_is_not_reached(client_for, official_kabsolok):
    set_target("13.02", 2025, "20.00")

    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&tambah=13950"))

    assert "masih kurang 1 dari target" in page.split('id="what-if-result">')[1].split("</p>")[0]


def test_on_a_figure_of_an_earlier_year_the_what_if_says_it_is_an_estimate(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2025-06&tambah=10000"))

    result = page.split('id="what-if-result">')[1].split("</p>")[0]
    assert "28.092 dari 106.590" in result  # September 2024's 18.092 + 10.000
    assert "masih kurang 2.073 dari target" in result  # 12.073 − 10.000
    assert result.endswith("(perkiraan).")


@pytest.mark.parametrize("value", ["banyak", "-5", "1,5", "99999999999999"])
def test_a_what_if_that_is_not_a_count_of_workers_is_refused_in_words(client_for, official_kabsolok, value):
    response = client_for(official_kabsolok).get("/regions/13.02/", {"month": "2025-06", "tambah": value})

    assert response.status_code == 400


def test_a_partly_reported_province_gives_no_what_if_province_wide(client_for, admin_user):
    page = text_of(client_for(admin_user).get("/regions/13/?month=2025-06&tambah=10000"))

    result = page.split('id="what-if-result">')[1].split("</p>")[0]
    assert "Simulasi memerlukan angka wilayah ini sendiri atau angka lengkap" in result
    assert "cakupan" not in result.lower().replace("simulasi memerlukan angka", "")


def test_the_page_without_a_what_if_shows_only_the_form(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert 'name="tambah"' in page
    assert 'id="what-if-result"' not in page


def test_a_what_if_on_an_estimate_never_says_the_target_is_reached(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2025-06&tambah=20000"))

    result = page.split('id="what-if-result">')[1].split("</p>")[0]
    assert "tercapai" not in result
    assert "perkiraan kekurangan tertutup" in result
