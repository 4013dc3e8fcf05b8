"""Regions are created, renamed and removed through regions.actions: recorded, and their parents' totals kept."""

import pytest

from regions.actions import remove_regions, save_regions
from regions.models import FigureChange, Region, RollupTotal
from tests.conftest import set_baseline, set_figure, synthetic_kabupaten
from tests.test_rollups import assert_totals_match_the_raw_rows

pytestmark = pytest.mark.django_db


def test_a_new_region_is_recorded_and_makes_its_parents_complete_roll_up_partial(admin_user):
    first, second = synthetic_kabupaten("13.98", 2)
    for code in (first, second):
        set_baseline(code, 2025, 100)
        set_figure(code, "2025-06", 10)
    assert RollupTotal.objects.get(region_id="13.98", month="2025-06-01").children_matched == 2

    save_regions({"13.98.03": "SINTETIS Kecamatan 3"}, user=admin_user, channel="admin")

    total = RollupTotal.objects.get(region_id="13.98", month="2025-06-01")
    assert (total.children_matched, total.children_total) == (2, 3)
    change = FigureChange.objects.get(region_id="13.98.03", kind="region")
    assert (change.action, change.new, change.user) == ("create", {"name": "SINTETIS Kecamatan 3"}, admin_user)
    assert_totals_match_the_raw_rows()


def test_a_rename_is_recorded_with_the_old_name(admin_user):
    save_regions({"13.02.99": "Kecamatan Sintetis"}, user=admin_user, channel="admin")
    save_regions({"13.02.99": "Kecamatan Sintetis Baru"}, user=admin_user, channel="admin")

    change = FigureChange.objects.get(region_id="13.02.99", kind="region", action="update")
    assert (change.old, change.new) == ({"name": "Kecamatan Sintetis"}, {"name": "Kecamatan Sintetis Baru"})


def test_a_region_in_use_is_not_removed(admin_user):
    assert remove_regions(["13.02"], user=admin_user, channel="admin") == []
    assert Region.objects.filter(code="13.02").exists()


def test_the_admin_creates_and_removes_through_the_actions(client_for, admin_user):
    client = client_for(admin_user)

    client.post("/admin/regions/region/add/", {"code": "13.02.98", "name": "Kecamatan Sintetis Admin"})
    refused = client.post("/admin/regions/region/add/", {"code": "13.99.01", "name": "Tanpa induk"})
    client.post("/admin/regions/region/13.02.98/delete/", {"post": "yes"})

    assert "belum ada" in refused.content.decode() or "does not exist" in refused.content.decode()
    assert not Region.objects.filter(code="13.02.98").exists()
    assert list(
        FigureChange.objects.filter(region_id="13.02.98", kind="region").order_by("id").values_list("action", "channel")
    ) == [("create", "admin"), ("delete", "admin")]
