"""A page opens on the latest month with the region's own or a complete figure; the picker says which is which."""

import pytest

from tests.conftest import set_baseline, set_figure, synthetic_kabupaten, text_of

pytestmark = pytest.mark.django_db


def test_a_partial_later_month_does_not_become_the_default(client_for, admin_user):
    first, second = synthetic_kabupaten("13.98", 2)
    set_baseline(first, 2025, 100)
    set_baseline(second, 2025, 100)
    set_figure(first, "2025-05", 10)
    set_figure(second, "2025-05", 20)
    set_figure(first, "2025-06", 11)  # only one of two in June

    page = client_for(admin_user).get("/regions/13.98/").content.decode()

    assert '<option value="2025-05" selected>Mei 2025 · lengkap</option>' in page
    assert '<option value="2025-06">Juni 2025 · 1 dari 2 melapor</option>' in page


def test_the_region_opens_on_its_own_latest_figure(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/"))

    assert '<option value="2025-06" selected>Juni 2025 · lengkap</option>' in page
    assert "13,85 %" in page


def test_without_any_complete_month_the_latest_month_with_anything_is_shown(client_for, admin_user):
    page = text_of(client_for(admin_user).get("/regions/13/"))

    assert '<option value="2025-06" selected>Juni 2025 · 1 dari 19 melapor</option>' in page


def test_the_month_picker_counts_parts_that_reported_even_without_a_baseline(client_for, admin_user):
    first, second, _third = synthetic_kabupaten("13.98", 3)
    set_figure(first, "2025-07", 100)
    set_figure(second, "2025-07", 200)

    page = client_for(admin_user).get("/regions/13.98/?month=2025-07").content.decode()

    assert '<option value="2025-07" selected>Juli 2025 · 2 dari 3 melapor</option>' in page
