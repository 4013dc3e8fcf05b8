"""A region's own figure stands beside its children's complete sum; a difference over 1 % is shown."""

import pytest

from regions.models import Region
from regions.months import parse_month
from regions.queries import coverage_report
from tests.conftest import set_baseline, set_figure, synthetic_kabupaten, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_and_children():
    """SINTETIS kabupaten: its own 1.000 participants; its two kecamatan report 510 + 510 (2 % more)."""
    first, second = synthetic_kabupaten("13.98", 2)
    set_baseline("13.98", 2025, 10000)
    set_baseline(first, 2025, 5000)
    set_baseline(second, 2025, 5000)
    set_figure("13.98", "2025-06", 1000)
    set_figure(first, "2025-06", 510)
    set_figure(second, "2025-06", 510)


def test_the_own_figure_stands_and_the_difference_is_given(own_and_children):
    kabupaten = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-06")).region

    assert kabupaten.participants.total == 1000
    assert kabupaten.provenance != "rolled_up"
    children, difference = kabupaten.own_vs_children
    assert children == 1020
    assert float(difference) == 2.0


def test_the_page_and_the_api_show_the_difference(client_for, admin_user, own_and_children):
    client = client_for(admin_user)

    page = text_of(client.get("/regions/13.98/?month=2025-06"))
    data = client.get("/api/regions/13.98/coverage/?month=2025-06").json()

    assert "Angka Kabupaten SINTETIS Uji sendiri (1.000) yang dipakai" in page
    assert "1.020 (+2,00 %)" in page
    assert data["own_vs_children"] == {"children_participants": 1020, "difference_pct": 2.0}


def test_a_difference_within_1_percent_is_not_flagged(own_and_children):
    set_figure("13.98.01", "2025-06", 495)
    set_figure("13.98.02", "2025-06", 500)

    kabupaten = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-06")).region

    assert kabupaten.own_vs_children is None
