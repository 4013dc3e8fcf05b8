"""The forecast on the region page: the month the target is reached at the recent pace, or not this year."""

import pytest

from tests.conftest import set_baseline, set_figure, set_target, synthetic_kabupaten, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def rising_kabupaten():
    """SINTETIS kabupaten: 10.000 workers, target 50 %, 500 more participants each month from January."""
    synthetic_kabupaten("13.98", 1)
    set_baseline("13.98", 2025, 10000)
    set_target("13.98", 2025, "50.00")
    for month, participants in (("2025-01", 3000), ("2025-02", 3500), ("2025-03", 4000)):
        set_figure("13.98", month, participants)


def test_before_the_target_the_page_names_the_month_it_is_reached(client_for, admin_user, rising_kabupaten):
    page = text_of(client_for(admin_user).get("/regions/13.98/?month=2025-03"))

    # 1.000 short at +500 a month: two months after March.
    assert "Dengan laju terakhir, target tercapai pada Mei 2025." in page


def test_at_too_slow_a_pace_the_page_says_not_this_year_with_the_pace_needed(client_for, admin_user, rising_kabupaten):
    set_target("13.98", 2025, "90.00")  # 5.000 short at +500 a month: not before 2026

    page = text_of(client_for(admin_user).get("/regions/13.98/?month=2025-03"))

    assert "Dengan laju terakhir, target tidak tercapai tahun ini: perlu 556 per bulan." in page  # ⌈5.000 ÷ 9⌉


def test_after_the_target_is_reached_the_page_says_so_and_forecasts_nothing(client_for, admin_user, rising_kabupaten):
    set_figure("13.98", "2025-05", 5000)

    page = text_of(client_for(admin_user).get("/regions/13.98/?month=2025-05"))

    assert "Target tahun 2025 sudah tercapai." in page
    assert 'id="forecast"' not in page
