"""The region page: the published figures, the headline cards, the pace, the cost and the breakdown."""

import re

import pytest

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_kab_solok_in_june_2025_shows_13_85_percent_of_226_964(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert "13,85 %" in page
    assert "31.442" in page
    assert "226.964" in page
    assert "Juni 2025" in page


def test_solok_selatan_shows_the_2025_target_and_the_gap(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2025-06"))

    assert "28,30 %" in page
    assert "12.073" in page  # ⌈28,30 % × 106.590⌉ − 18.092
    assert "Perlu tambahan 2.013 peserta per bulan hingga Desember." in page  # 12.073 over 6 months
    assert "September 2024" in page  # the figure it stands on, said plainly


def test_the_cost_of_closing_the_gap_is_gap_times_rate_times_twelve(client_for, officer_solok, settings):
    settings.UCJ_RENTAN_MONTHLY_RATE = 20000

    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2025-06"))

    assert f"Rp{12073 * 20000 * 12:,}".replace(",", ".") in page


def test_the_segment_breakdown_shows_where_it_is_known(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2024-09"))
    without = text_of(client_for(officer_solok).get("/regions/13.02/?month=2025-06"))

    assert "Peserta menurut segmen" in page
    for segment in ("11.110", "5.847", "1.135"):
        assert segment in page
    assert "Peserta menurut segmen" not in without


def test_the_breadcrumb_links_only_to_regions_in_scope(client_for, official_kabsolok):
    page = client_for(official_kabsolok).get("/regions/13.02.10/").content.decode()

    assert 'href="/regions/13.02/"' in page
    assert 'href="/regions/13/"' not in page
    assert "Provinsi Sumatera Barat" in page


def test_a_carried_figure_an_estimated_gap_and_an_inherited_target_are_marked(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.11/?month=2025-06"))
    kecamatan = text_of(client_for(officer_solok).get("/regions/13.11.01/?month=2025-06"))

    assert "per September 2024" in page
    assert "belum ada angka untuk Juni 2025" in page
    assert "Kurang dari target (perkiraan)" in page
    assert "target untuk 2025 sudah tercapai" not in page.lower()
    assert "mengikuti 13.11" in kecamatan


def test_a_malformed_month_is_explained_with_400(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/?month=Juni")

    assert response.status_code == 400
    assert "bukan bulan" in response.content.decode()


def test_a_region_without_figures_says_so(client_for, officer_solok):
    page = text_of(client_for(officer_solok).get("/regions/13.72/"))

    assert "Belum ada angka yang dimasukkan untuk wilayah ini." in page


def test_the_month_picker_offers_the_months_with_figures(client_for, officer_solok):
    page = client_for(officer_solok).get("/").content.decode()

    # Cabang Solok's three regions: in each month one of them has a figure.
    assert '<option value="2025-06" selected>Juni 2025 · 1 dari 3 melapor</option>' in page
    assert '<option value="2024-09">September 2024 · 1 dari 3 melapor</option>' in page


def test_plotly_is_served_from_static_files_not_a_cdn(client_for, official_kabsolok):
    page = client_for(official_kabsolok).get("/regions/13.02/").content.decode()

    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts.count("/static/vendor/plotly/plotly-ucj.min.js") == 1
    assert all(src.startswith("/static/") for src in scripts)


def test_the_plotly_bundle_is_served_compressed_even_under_debug(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    brotli = client.get("/static/vendor/plotly/plotly-ucj.min.js", HTTP_ACCEPT_ENCODING="br, gzip")
    gzip = client.get("/static/vendor/plotly/plotly-ucj.min.js", HTTP_ACCEPT_ENCODING="gzip")

    assert brotli["Content-Encoding"] == "br"
    assert int(brotli["Content-Length"]) < 400_000
    assert gzip["Content-Encoding"] == "gzip"
    assert int(gzip["Content-Length"]) < 500_000
