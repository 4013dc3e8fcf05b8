"""The overview: the user's scope root with its children, sortable and paginated."""

import re

import pytest

from regions.models import Region

pytestmark = pytest.mark.django_db


def region_order(html: str) -> list[str]:
    """The region codes in the table's rows, top to bottom."""
    table = re.search(r'<table class="coverage-table".*?</table>', html, re.S).group(0)
    return re.findall(r'<span class="code">([\d.]+)</span>', table)


def test_an_official_sees_their_kabupaten_with_its_kecamatan(client_for, official_kabsolok):
    page = client_for(official_kabsolok).get("/").content.decode()

    assert "Kabupaten Solok" in page
    assert len(region_order(page)) == 14
    assert "Juni 2025" in page


def test_a_branch_officer_sees_the_branchs_regions_side_by_side(client_for, officer_solok):
    page = client_for(officer_solok).get("/?month=2025-06").content.decode()

    assert "Cabang Solok" in page
    assert region_order(page) == ["13.02", "13.11", "13.72"]
    assert "13,85 %" in page


def test_the_table_sorts_by_coverage_with_empty_values_last(client_for, admin_user):
    page = client_for(admin_user).get("/regions/13/?month=2025-06&sort=-coverage").content.decode()

    assert region_order(page)[0] == "13.02"


def test_the_table_marks_rolled_up_regions_with_n_of_m(client_for, admin_user):
    page = re.sub(r"\s+", " ", client_for(admin_user).get("/?month=2025-06").content.decode())

    assert "1 dari 19 melapor" in page  # Sumatera Barat


def test_the_table_is_paginated(client_for, admin_user, monkeypatch):
    monkeypatch.setattr("ucj.dashboards.views.ROWS_PER_PAGE", 5)
    client = client_for(admin_user)

    first = region_order(client.get("/regions/13/?month=2025-06").content.decode())
    second = region_order(client.get("/regions/13/?month=2025-06&page=2").content.decode())
    beyond = client.get("/regions/13/?month=2025-06&page=99")

    assert len(first) == len(second) == 5
    assert not set(first) & set(second)
    assert beyond.status_code == 200


def test_the_ranking_chart_ranks_children_with_coverage_and_marks_their_targets(client_for, admin_user):
    import json
    from decimal import Decimal

    from regions.models import Target

    Target.objects.create(region_id="13.02", year=2025, percentage=Decimal("20.00"), legal_basis="test")
    page = client_for(admin_user).get("/regions/13/?month=2025-06").content.decode()
    found = re.search(r'<script id="ranking-figure" type="application/json">(.*?)</script>', page)
    figure = json.loads(found.group(1))

    bars, targets = figure["data"]
    assert bars["x"] == ["Kabupaten Solok"]
    assert bars["y"] == [13.85]  # rounded half up, as every other channel states it
    assert (targets["x"], targets["y"]) == (["Kabupaten Solok"], [20.0])


def test_the_overview_counts_children_that_exist_even_without_figures(client_for, admin_user):
    Region.objects.create(code="13.78", name="Kota Synthetic Test", kind="kota", parent_id="13")

    page = re.sub(r"\s+", " ", client_for(admin_user).get("/regions/13/?month=2025-06").content.decode())

    assert "1 dari 20 kabupaten/kota melapor" in page
