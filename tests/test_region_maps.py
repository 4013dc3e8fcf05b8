"""A region's map: its parts' boundaries with their coverage, served per region, grey where nothing was reported."""

import pytest

from regions.models import RegionShape
from tests.conftest import text_of

pytestmark = pytest.mark.django_db


def test_the_map_of_kab_solok_holds_its_14_kecamatan_with_codes_and_coverage(client_for, official_kabsolok):
    data = client_for(official_kabsolok).get("/regions/13.02/map.json?month=2025-06").json()

    codes = sorted(feature["properties"]["kode"] for feature in data["features"])
    assert len(codes) == 14
    assert all(code.startswith("13.02.") for code in codes)
    for feature in data["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature["properties"]["status"] == "not_reported"  # no kecamatan has a figure in the demo
        assert feature["properties"]["coverage_pct"] is None
        assert feature["properties"]["url"] == f"/regions/{feature['properties']['kode']}/"


def test_the_province_map_colours_kab_solok_by_its_coverage_and_links_only_within_scope(
    client_for, admin_user, official_kabsolok
):
    features = client_for(admin_user).get("/regions/13/map.json?month=2025-06").json()["features"]
    kab_solok = next(f for f in features if f["properties"]["kode"] == "13.02")

    assert len(features) == 19
    assert (kab_solok["properties"]["status"], kab_solok["properties"]["coverage_pct"]) == ("whole", 13.85)
    assert "13,85 %" in kab_solok["properties"]["label"]


def test_a_part_of_a_partial_roll_up_is_marked_partial(client_for, admin_user):
    from tests.conftest import set_baseline, set_figure

    set_baseline("13.02.10.2001", 2025, 1000)
    set_figure("13.02.10.2001", "2025-06", 100)

    features = client_for(admin_user).get("/regions/13.02/map.json?month=2025-06").json()["features"]
    kecamatan = next(f for f in features if f["properties"]["kode"] == "13.02.10")

    assert kecamatan["properties"]["status"] == "partial"
    assert kecamatan["properties"]["coverage_pct"] == 10.0


def test_the_map_follows_the_scope(client_for, official_binjai):
    assert client_for(official_binjai).get("/regions/13.02/map.json").status_code == 404


def test_a_region_without_boundaries_shows_no_map(client_for, admin_user):
    RegionShape.objects.filter(region__parent_id="13.02").delete()

    page = text_of(client_for(admin_user).get("/regions/13.02/?month=2025-06"))

    assert 'id="map-chart"' not in page
    assert client_for(admin_user).get("/regions/13.02/map.json").json()["features"] == []


def test_the_region_page_has_a_map_of_its_parts(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert 'data-map-url="/regions/13.02/map.json?month=2025-06"' in page
